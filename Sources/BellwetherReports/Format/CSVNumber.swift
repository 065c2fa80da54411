import Foundation

/// How every CSV export writes a figure: probabilities with 4 decimals, Monte Carlo standard errors
/// with 6, margins, seat means and environments (points or seats) with 2; a missing figure as an
/// empty field (docs/forecast-schema.md, "CSV columns").
enum CSVNumber {
  /// A probability, `0.6342`.
  static func probability(_ p: Double?) -> String { p.map { String(format: "%.4f", $0) } ?? "" }
  /// A Monte Carlo standard error, `0.003502`.
  static func standardError(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "" }
  /// A figure in points or seats, `-3.25`.
  static func margin(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "" }
}
