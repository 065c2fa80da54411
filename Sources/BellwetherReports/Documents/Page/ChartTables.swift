import BellwetherEngine
import Foundation

/// The data tables behind the page's charts (each in a `<details>`, with a caption and scoped
/// headers), so every figure a chart draws can be read as text, by keyboard, touch or screen reader.
extension ReportHTML {
  /// A chart in its wide and narrow layouts, each drawn at its own size (never scaled, so its text
  /// renders at the size it is written at). The page's style shows the wide one when the window
  /// has room for it (`ReportStyle.chartSwitch`: at least its width plus `ReportStyle.chartRoom`)
  /// and the narrow one otherwise, so no chart is wider than its frame at any window of 384 px or
  /// more; this needs no script.
  static func chart(_ wide: SVGDocument, narrow: SVGDocument) -> String {
    "<div class=\"chart \(ReportStyle.chartClass(wide.width))\"><div class=\"wide\">\(wide.render(standalone: false))</div>"
      + "<div class=\"narrow\">\(narrow.render(standalone: false))</div></div>"
  }

  /// The rating classes and their ranges of the chance of a Democratic win, as text.
  static func ratingKey() -> String {
    Rating.allCases.map { "\($0.label) \($0.range)" }.joined(separator: ", ")
  }

  /// Opens a data table: the disclosure, the frame, the caption and the header row. Columns whose
  /// index is in `secondary` are hidden in the narrow layout, where `row` stacks their figures
  /// under the row's heading instead (docs/reports.md, "The page at any width").
  static func tableStart(summary: String, caption: String, columns: [String], secondary: Set<Int> = []) -> String {
    var h = "<details><summary>\(SVGDocument.escape(summary))</summary>\n<div class=\"table-frame\"><table class=\"small\">"
    h += "<caption>\(SVGDocument.escape(caption))</caption><thead><tr>"
    h += columns.enumerated().map { "<th scope=\"col\"\(secondary.contains($0.offset) ? " class=\"sec\"" : "")>\(SVGDocument.escape($0.element))</th>" }.joined()
    return h + "</tr></thead><tbody>\n"
  }

  /// One data cell of `row`: its HTML, its column's label (for the stacked form), whether the
  /// column is secondary, and extra classes.
  struct Cell {
    var html: String
    var label: String
    var secondary = false
    var cls: String?
    init(_ html: String, _ label: String, secondary: Bool = false, cls: String? = nil) {
      self.html = html
      self.label = label
      self.secondary = secondary
      self.cls = cls
    }
  }

  /// A table row: the row heading, then the cells. The secondary cells carry class `sec` (hidden
  /// in the narrow layout) and are repeated, labelled, in a `span.more` inside the heading (shown
  /// only in the narrow layout), so that at 400 px the main columns fit and every figure is still
  /// in the row.
  static func row(_ heading: String, headingClass: String? = nil, cells: [Cell], attributes: String = "") -> String {
    let more = cells.filter(\.secondary).filter { !$0.html.isEmpty }.map { "\($0.label) \($0.html)" }.joined(separator: " · ")
    var h = "<tr\(attributes)><th scope=\"row\"\(headingClass.map { " class=\"\($0)\"" } ?? "")>\(heading)"
    if !more.isEmpty { h += "<span class=\"more\">\(more)</span>" }
    h += "</th>"
    for c in cells {
      let classes = [c.secondary ? "sec" : nil, c.cls].compactMap { $0 }.joined(separator: " ")
      h += "<td\(classes.isEmpty ? "" : " class=\"\(classes)\"")>\(c.html)</td>"
    }
    return h + "</tr>\n"
  }

  static let tableEnd = "</tbody></table></div>\n</details>\n"

  /// The seat histogram's data: every seat count drawn, its share and the chance of at least that many.
  static func seatDistributionTable(_ result: ForecastResult) -> String {
    let counts = result.seats.counts
    let draws = Double(max(1, result.tallies.draws))
    var h = tableStart(summary: "Data: the seat distribution",
                       caption: "Share of the \(Formats.count(result.tallies.draws)) simulations giving the Democrats each number of seats",
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

  /// The seats curve's data, one row per point (mean seats, 95% interval and draws are secondary).
  static func curveTable(_ curve: SeatsCurve) -> String {
    var h = tableStart(summary: "Data: the seats curve", caption: "Chance of a Democratic majority and Democratic seats by national environment",
                       columns: ["Environment", "Chance of D majority", "± SE", "Mean seats", "Median", "80% interval", "95% interval", "Draws"],
                       secondary: [3, 6, 7])
    for p in curve.points {
      h += row(Formats.margin(p.environment, digits: 2), cells: [
        Cell(Formats.percent(p.majorityProbability), "chance"), Cell("\(Formats.error(100 * p.majorityStandardError))%", "± SE"),
        Cell(String(format: "%.1f", p.meanSeats), "mean seats", secondary: true), Cell("\(p.median)", "median"),
        Cell("\(p.seats10)–\(p.seats90)", "80%", cls: "nowrap"), Cell("\(p.seats025)–\(p.seats975)", "95%", secondary: true, cls: "nowrap"),
        Cell("\(p.draws)", "draws", secondary: true),
      ])
    }
    return h + tableEnd
  }

  /// The history chart's data, one row per as-of date (kind, mean seats and environment are secondary).
  static func historyTable(_ history: [HistoryPoint]) -> String {
    var h = tableStart(summary: "Data: the forecast over time", caption: "One row per as-of date of the run history, earliest first",
                       columns: ["As of", "Kind", "Chance of D majority", "Mean seats", "Median", "80% interval", "Environment"],
                       secondary: [1, 3, 6])
    for p in history.sorted(by: { $0.asOf < $1.asOf }) {
      h += row(p.asOf.iso, headingClass: "nowrap", cells: [
        Cell(p.kind.rawValue, "kind", secondary: true), Cell(Formats.percent(p.majorityProbability), "chance"),
        Cell(String(format: "%.1f", p.meanSeats), "mean seats", secondary: true), Cell("\(p.medianSeats)", "median"),
        Cell("\(p.seats10)–\(p.seats90)", "80%", cls: "nowrap"),
        Cell("\(Formats.margin(p.environmentMean)) ± \(String(format: "%.1f", p.environmentSD))", "environment", secondary: true),
      ])
    }
    return h + tableEnd
  }
}
