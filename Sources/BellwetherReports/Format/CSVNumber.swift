import Foundation

/// How every CSV export writes a figure: probabilities with 4 decimals, margins, seats means and
/// environments (points) with 2; a missing figure as an empty field.
enum CSVNumber {
  /// A probability, `0.6342`.
  static func probability(_ p: Double?) -> String { p.map { String(format: "%.4f", $0) } ?? "" }
  /// A figure in points or seats, `-3.25`.
  static func margin(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "" }
}
