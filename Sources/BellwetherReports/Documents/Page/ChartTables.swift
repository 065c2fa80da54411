import BellwetherEngine
import Foundation

/// The data tables behind the page's charts (each in a `<details>`, with a caption and scoped
/// headers), so every figure a chart draws can be read as text, by keyboard, touch or screen reader.
extension ReportHTML {
  /// A chart, drawn at its own size in a frame that scrolls sideways on a narrow screen (so the
  /// page never does, and the chart's text keeps its size).
  static func chart(_ svg: SVGDocument) -> String {
    "<div class=\"chart\">\(svg.render(standalone: false))</div>"
  }

  /// The rating classes and their ranges of the chance of a Democratic win, as text.
  static func ratingKey() -> String {
    Rating.allCases.map { "\($0.label) \($0.range)" }.joined(separator: ", ")
  }

  /// Opens a data table: the disclosure, the frame, the caption and the header row.
  static func tableStart(summary: String, caption: String, columns: [String]) -> String {
    var h = "<details><summary>\(SVGDocument.escape(summary))</summary>\n<div class=\"table-frame\"><table class=\"small\">"
    h += "<caption>\(SVGDocument.escape(caption))</caption><thead><tr>"
    h += columns.map { "<th scope=\"col\">\(SVGDocument.escape($0))</th>" }.joined()
    return h + "</tr></thead><tbody>\n"
  }

  static let tableEnd = "</tbody></table></div>\n</details>\n"

  /// The seat histogram's data: every seat count drawn, its share and the chance of at least that many.
  static func seatDistributionTable(_ result: ForecastResult) -> String {
    let counts = result.seats.counts
    let draws = Double(max(1, result.tallies.draws))
    var h = tableStart(summary: "Data: the seat distribution",
                       caption: "Share of the \(result.tallies.draws) simulations giving the Democrats each number of seats",
                       columns: ["Democratic seats", "Share of simulations", "At least this many"])
    var atLeast = counts.reduce(0, +)
    for (seats, c) in counts.enumerated() {
      defer { atLeast -= c }
      guard c > 0 else { continue }
      h += "<tr><th scope=\"row\">\(seats)</th><td>\(Formats.percent(Double(c) / draws, digits: 2))</td>"
      h += "<td>\(Formats.percent(Double(atLeast) / draws, digits: 1))</td></tr>\n"
    }
    return h + tableEnd
  }

  /// The environment chart's data: the three distributions' centres and spreads, and the histogram
  /// of the environment drawn (bins holding draws).
  static func environmentTable(_ result: ForecastResult, counts: [Int]) -> String {
    let model = result.model
    var h = tableStart(summary: "Data: the environment's distributions and the draws",
                       caption: "The prior, the specials' translated estimate and the posterior (mean ± SD, points), then the draws per 0.5-point bin",
                       columns: ["Distribution or bin", "Mean or draws", "SD or share"])
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    h += "<tr><th scope=\"row\">Prior</th><td>\(Formats.margin(model.prior.mean))</td><td>\(f(model.prior.sd))</td></tr>\n"
    if let m = model.posterior.specialsMean, let sd = model.posterior.specialsSD {
      h += "<tr><th scope=\"row\">Specials, translated</th><td>\(Formats.margin(m))</td><td>\(f(sd))</td></tr>\n"
    }
    h += "<tr><th scope=\"row\">Posterior</th><td>\(Formats.margin(model.posterior.mean))</td><td>\(f(model.posterior.sd))</td></tr>\n"
    let draws = Double(max(1, result.tallies.draws))
    for (b, c) in counts.enumerated() where c > 0 {
      let low = -SimulationPlan.environmentRange + Double(b) * SimulationPlan.environmentBinWidth
      h += "<tr><th scope=\"row\" class=\"nowrap\">\(Formats.margin(low, digits: 1)) to \(Formats.margin(low + SimulationPlan.environmentBinWidth, digits: 1))</th>"
      h += "<td>\(c)</td><td>\(Formats.percent(Double(c) / draws, digits: 2))</td></tr>\n"
    }
    return h + tableEnd
  }

  /// The seats curve's data, one row per point.
  static func curveTable(_ curve: SeatsCurve) -> String {
    var h = tableStart(summary: "Data: the seats curve", caption: "Chance of a Democratic majority and Democratic seats by national environment",
                       columns: ["Environment", "Chance of D majority", "± SE", "Mean seats", "Median", "80% interval", "95% interval", "Draws"])
    for p in curve.points {
      h += "<tr><th scope=\"row\">\(Formats.margin(p.environment, digits: 2))</th><td>\(Formats.percent(p.majorityProbability))</td>"
      h += "<td>\(Formats.error(100 * p.majorityStandardError))%</td><td>\(String(format: "%.1f", p.meanSeats))</td><td>\(p.median)</td>"
      h += "<td class=\"nowrap\">\(p.seats10)–\(p.seats90)</td><td class=\"nowrap\">\(p.seats025)–\(p.seats975)</td><td>\(p.draws)</td></tr>\n"
    }
    return h + tableEnd
  }

  /// The history chart's data, one row per as-of date.
  static func historyTable(_ history: [HistoryPoint]) -> String {
    var h = tableStart(summary: "Data: the forecast over time", caption: "One row per as-of date of the run history, earliest first",
                       columns: ["As of", "Kind", "Chance of D majority", "Mean seats", "Median", "80% interval", "Environment"])
    for p in history.sorted(by: { $0.asOf < $1.asOf }) {
      h += "<tr><th scope=\"row\" class=\"nowrap\">\(p.asOf.iso)</th><td>\(p.kind.rawValue)</td><td>\(Formats.percent(p.majorityProbability))</td>"
      h += "<td>\(String(format: "%.1f", p.meanSeats))</td><td>\(p.medianSeats)</td><td class=\"nowrap\">\(p.seats10)–\(p.seats90)</td>"
      h += "<td>\(Formats.margin(p.environmentMean)) ± \(String(format: "%.1f", p.environmentSD))</td></tr>\n"
    }
    return h + tableEnd
  }
}
