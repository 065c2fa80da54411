import BellwetherEngine
import BellwetherReports
import Foundation

/// `backtest.md`: the backtest for people. Per as-of date, one table of every forecast's seat and
/// district scores, the wrong favourites, and the calibration table; then how each figure is defined.
package enum BacktestMarkdown {
  /// Renders the report.
  package static func render(_ report: BacktestReport) -> String {
    let a = report.actual
    let decided = a.races[.decided] ?? 0
    let contested = a.races[.contested] ?? 0
    var out = "# Backtest: \(report.chamber)\n\n"
    out += "Bellwether forecasts \(report.cycle) as it stood on each as-of date, with only the special elections held "
    out += "before that date and the generic-ballot average of that date, and is scored against the results"
    out += report.publisher.map { " beside \($0)'s published forecasts of the same date and the same seats.\n\n" }
      ?? " (no published forecasts of this cycle are shipped to compare with).\n\n"
    out += "- Actual: **\(a.democraticSeats)** Democratic seats (majority \(a.majority) of \(a.seats)); national House vote "
    out += "\(Formats.margin(a.houseVoteMargin)) (two-party).\n"
    out += "- Scored: \(decided) seats with a certified winner (\(RaceSet.decided.rawValue)); \(contested) of them "
    out += "D-vs-R contests (\(RaceSet.contested.rawValue)). Left out of every score: "
    out += a.excluded.isEmpty ? "none.\n" : a.excluded.map { "\($0.id), \($0.note)" }.joined(separator: "; ") + ".\n"
    out += "- \(Formats.count(report.draws)) draws per Bellwether forecast, seed \(report.seed), the same for every "
    out += "row. Config `\(report.config)`.\n"
    out += "- Rows marked *in-sample* were given the results they are scored on: diagnostics, not forecasts.\n\n"

    out += "## Summary by date\n\n"
    var published: [String] = []
    for date in report.dates {
      for row in date.rows where !row.isBellwether && !published.contains(row.label) { published.append(row.label) }
    }
    out += "Brier score over the \(decided) decided seats (lower is better); Bellwether is the default model.\n\n"
    out += "| As of | Bellwether mean seats | 80% interval | Bellwether Brier |" + published.map { " \($0) Brier |" }.joined() + "\n"
    out += "|---|---|---|---|" + published.map { _ in "---|" }.joined() + "\n"
    for date in report.dates {
      guard let b = date.rows.first(where: { $0.isDefaultModel })
              ?? date.rows.first else { continue }
      out += "| \(date.asOf.iso) | \(String(format: "%.1f", b.seats.mean)) | \(interval(b.seats)) | \(brier(b, .decided)) |"
      for label in published {
        out += " " + (date.rows.first { $0.label == label }.map { brier($0, .decided) } ?? "—") + " |"
      }
      out += "\n"
    }
    out += "\n"

    for date in report.dates {
      out += "## As of \(date.asOf.iso)\n\n"
      let e = date.environment
      out += "Environment: prior \(Formats.margin(e.priorMean)) ± \(f1(e.priorSD))"
      if let avg = e.ballotAverage { out += " (generic ballot \(Formats.margin(avg)) two-party, less the mean historical miss)" }
      out += "; "
      if let es = e.specialsEstimate, let se = e.specialsStandardError, let tm = e.translatedMean, let ts = e.translatedSD {
        out += "specials (\(e.specialsUsed) held before) E_s = \(Formats.margin(es)) ± \(f1(se)), tau \(f1(e.tau)), translated to "
        out += "\(Formats.margin(tm)) ± \(f1(ts)); "
      } else {
        out += "no specials held before; "
      }
      out += "combined \(Formats.margin(e.posteriorMean)) ± \(f1(e.posteriorSD)). District noise SD \(f1(e.noiseSD)). "
      out += "Actual \(Formats.margin(a.houseVoteMargin)).\n\n"
      out += "| Forecast | Environment | Mean seats (error) | Median | 80% interval | \(a.democraticSeats) inside? | "
      out += "Percentile of \(a.democraticSeats) | P(D majority) | Brier | Log loss | Wrong favourites | Brier, contested | Log loss, contested |\n"
      out += "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
      for row in date.rows {
        let s = row.seats
        var env = Formats.margin(row.environmentMean)
        if let sd = row.environmentSD { env += sd > 0 ? " ± \(f1(sd))" : " (fixed)" }
        if let lo = row.environment10, let hi = row.environment90 { env += " (\(Formats.margin(lo)) to \(Formats.margin(hi)))" }
        let label = row.inSample ? "\(row.label) *in-sample*" : row.label
        let d = row.districts[.decided]
        out += "| \(label) | \(env) | \(String(format: "%.1f (%+.1f)", s.mean, s.meanError)) | \(trim(s.median)) | \(interval(s)) | "
        out += "\(s.inside80 ? "yes" : "**no**") | \(s.percentile.map { Formats.percent($0) } ?? "—") | \(Formats.percent(s.majorityProbability)) | "
        out += "\(brier(row, .decided)) | \(d.map { String(format: "%.3f", $0.logLoss) } ?? "—") | "
        out += "\(d.map { trim($0.wrongFavourites.count) } ?? "—") | \(brier(row, .contested)) | "
        out += "\(row.districts[.contested].map { String(format: "%.3f", $0.logLoss) } ?? "—") |\n"
      }
      var incomplete: [[String]: [String]] = [:]
      for row in date.rows {
        if let seats = row.incompleteSeats, !seats.isEmpty { incomplete[seats, default: []].append(row.label) }
      }
      for (seats, labels) in incomplete.sorted(by: { $0.value.first ?? "" < $1.value.first ?? "" }) {
        out += "\nIn \(labels.joined(separator: ", ")), a candidate's row is missing for \(seats.joined(separator: ", ")) "
        out += "(the candidates' chances sum to less than 1); the Democrats' chances are used as printed.\n"
      }
      if !date.publishedMissing.isEmpty {
        out += "\nNo \(report.publisher ?? "published") forecast on this date for: \(date.publishedMissing.joined(separator: ", ")).\n"
      }
      out += "\nWrong favourites:\n\n"
      for row in date.rows where !row.inSample {
        guard let w = row.districts[.decided]?.wrongFavourites else { continue }
        let list = w.misses.joined(separator: ", ") + (w.tossUps.isEmpty ? "" : "; toss-ups: " + w.tossUps.joined(separator: ", "))
        out += "- \(row.label) (\(trim(w.count))): \(list.isEmpty ? "none" : list)\n"
      }
      out += "\n" + calibrationTable(date, set: .decided, count: decided)
    }

    out += "## Bellwether variants\n\n"
    for v in report.variants {
      out += "- **\(v.label)**\(v.inSample ? " (*in-sample*)" : ""): \(v.rationale)\n"
    }
    out += "\n## How the scores are defined\n\n"
    out += "- **Brier score**: mean of (p − outcome)², outcome 1 if the Democrat won (Brier 1950). Always saying 50% scores 0.25.\n"
    out += "- **Log loss**: mean of −ln p (Democrat won) or −ln(1 − p) (lost), in nats, each p first clipped to "
    out += "[\(report.logLossClip), \(1 - report.logLossClip)]: published forecasts print four decimals, so all forecasters "
    out += "are scored at that resolution. A confident miss costs at most \(f1(-log(report.logLossClip))) nats.\n"
    out += "- **Wrong favourites**: seats where the side given more than 50% lost; a seat at exactly 50% counts as half.\n"
    out += "- **Percentile of the actual seats**: P(S < actual) + P(S = actual)/2 in the forecast distribution (0.5 at the "
    out += "centre; above about 0.9 or below about 0.1, the actual count was outside the 80% interval). Published forecasts give "
    out += "only their mean, median and 80% interval, so their percentile is unknown.\n"
    out += "- **80% interval**: the 10% and 90% quantiles of the seat distribution.\n"
    out += "- **Calibration**: seats grouped by forecast probability in ten bins of width 0.1; each bin's mean forecast "
    out += "beside how often the Democrat won (Murphy and Winkler 1977). `calibration.svg` draws it.\n"
    out += "- **Race sets**: *\(RaceSet.decided.rawValue)* = \(RaceSet.decided.summary); *\(RaceSet.contested.rawValue)* = "
    out += "\(RaceSet.contested.summary). Every forecaster is scored on exactly the same seats.\n"
    return out
  }

  /// The calibration table of one date: every non-in-sample forecaster's bins side by side.
  static func calibrationTable(_ date: BacktestReport.DateResult, set: RaceSet, count: Int) -> String {
    let rows = date.rows.filter { !$0.inSample && (!$0.isBellwether || $0.isDefaultModel) }
    var out = "Calibration (\(count) \(set.rawValue) seats): seats in the bin / mean forecast / share won by Democrats.\n\n"
    out += "| Forecast bin | " + rows.map(\.label).joined(separator: " | ") + " |\n"
    out += "|---|" + rows.map { _ in "---|" }.joined() + "\n"
    let tables = rows.map { $0.districts[set]?.reliability.bins ?? [] }
    guard let first = tables.first else { return out + "\n" }
    for (k, bin) in first.enumerated() {
      out += "| \(String(format: "%.1f–%.1f", bin.lower, bin.upper)) |"
      for table in tables {
        let b = table[k]
        if let m = b.meanProbability, let o = b.observedFrequency {
          out += " \(b.count) / \(String(format: "%.2f", m)) / \(String(format: "%.2f", o)) |"
        } else {
          out += " 0 |"
        }
      }
      out += "\n"
    }
    return out + "\n"
  }

  static func brier(_ row: BacktestReport.Row, _ set: RaceSet) -> String {
    row.districts[set].map { String(format: "%.4f", $0.brier) } ?? "—"
  }
  static func interval(_ s: SeatScores) -> String { "\(trim(s.lower80))–\(trim(s.upper80))" }
  static func f1(_ v: Double) -> String { String(format: "%.1f", v) }
  /// A number without a trailing `.0` when it is whole.
  static func trim(_ v: Double) -> String { v.rounded() == v ? String(Int(v)) : String(format: "%.1f", v) }
}
