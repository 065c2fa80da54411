import Foundation

/// The few lines `bellwether backtest` prints: per date, each out-of-sample row's mean seats, 80%
/// interval and Brier score over the decided seats.
package enum BacktestSummary {
  /// Renders the lines, ending with the files written.
  package static func render(_ report: BacktestReport, files: [String]) -> String {
    var out = "\(report.chamber): actual \(report.actual.democraticSeats) Democratic seats; "
    out += "Brier over \(report.actual.races[.decided] ?? 0) decided seats\n"
    for date in report.dates {
      out += "\(date.asOf.iso)\n"
      for row in date.rows where !row.inSample {
        let s = row.seats
        let brier = row.districts[.decided].map { String(format: "%.4f", $0.brier) } ?? "-"
        out += "  " + row.label.padding(toLength: 38, withPad: " ", startingAt: 0)
        out += String(format: " mean %5.1f  80%% %3.0f-%3.0f  Brier ", s.mean, s.lower80, s.upper80) + brier + "\n"
      }
    }
    return out + files.map { "wrote \($0)" }.joined(separator: "\n")
  }
}
