import BellwetherEngine
import Foundation

/// The one way every renderer (terminal, Markdown, HTML, SVG, backtest) writes a margin and a
/// percentage, so that no two reports disagree.
package enum Formats {
  /// A count with thousands separators, for text a person reads ("200,000"); never for CSV or JSON.
  package static func count(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var grouped = ""
    for (k, c) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { grouped.append(",") }
      grouped.append(c)
    }
    return (n < 0 ? "-" : "") + grouped
  }

  /// A margin in points, D minus R: `D+5.0`, `R+2.5`, and `EVEN` when it rounds to zero at
  /// `digits` decimals. The same text `--environment` accepts (`EnvironmentScenario.format`).
  package static func margin(_ points: Double, digits: Int = 1) -> String {
    EnvironmentScenario.format(points, digits: digits)
  }

  /// A probability as a percentage: `87.3%`.
  package static func percent(_ probability: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f%%", 100 * probability)
  }

  /// A standard error with one significant digit (at least `minimumDigits` decimals, at most 6):
  /// `0.05`, `0.3`, `2`; `0` when it is 0.
  package static func error(_ value: Double, minimumDigits: Int = 0) -> String {
    guard value > 0, value.isFinite else { return "0" }
    let digits = max(minimumDigits, min(6, -Int(log10(value).rounded(.down))))
    return String(format: "%.\(digits)f", value)
  }

  /// A probability's Monte Carlo standard error, in percentage points: `± 0.05%`.
  package static func percentError(_ standardError: Double) -> String {
    "± " + error(100 * standardError) + "%"
  }

  /// A probability and its Monte Carlo standard error: `43.7% ± 0.05%`.
  package static func percent(_ probability: Double, standardError: Double?, digits: Int = 1) -> String {
    percent(probability, digits: digits) + (standardError.map { " " + percentError($0) } ?? "")
  }

  /// A seat quantile with the order-statistic range of its Monte Carlo error: `203` when the
  /// range is the quantile alone, `203 (202–204)` otherwise.
  package static func seats(_ quantile: Int, range: MonteCarloErrors.QuantileRange?) -> String {
    guard let range, range.low != range.high || range.low != quantile else { return "\(quantile)" }
    return "\(quantile) (\(range.low)–\(range.high))"
  }

  /// An English ordinal: `1st`, `2nd`, `3rd`, `11th`, `12th`, `13th`, `21st`, `51st`, `218th`.
  package static func ordinal(_ n: Int) -> String {
    let tens = abs(n) % 100, units = abs(n) % 10
    let suffix = (11...13).contains(tens) ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th"
    return "\(n)\(suffix)"
  }

  /// A count with its noun, singular for one: `1 date`, `2 dates` (`plural` defaults to noun + "s").
  package static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
  }
}
