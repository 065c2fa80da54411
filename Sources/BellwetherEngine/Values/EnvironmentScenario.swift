import Foundation

/// A national environment written as people write it: `D+5` (Democrats ahead by five points of the
/// two-party margin), `R+2.5`, or `EVEN`. Margins are D minus R (docs/model.md §1.1), so `R+2` is -2.
package enum EnvironmentScenario {
  /// Why a text is not an environment.
  struct ParseError: Error, Equatable, CustomStringConvertible {
    /// The text given.
    package var text: String
    package var description: String {
      "expected a national environment like D+5, R+2.5 or EVEN (two-party margin, D minus R, in points, "
        + "at most \(NumberText.plain(EnvironmentScenario.limit))), found '\(text)'"
    }
  }

  /// The largest environment accepted, in points: the environment histogram
  /// (`SimulationPlan.environmentRange`) covers exactly `-limit...limit`, so beyond it every draw
  /// would be clamped.
  package static let limit = 60.0

  /// Parses `D+x`, `R+x` (case-insensitive, x a non-negative decimal number) or `EVEN`.
  /// - Returns: the margin in points, positive for the Democrats.
  /// - Throws: `ParseError` for anything else, including values beyond `limit`.
  package static func parse(_ text: String) throws -> Double {
    let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
    if trimmed == "EVEN" { return 0 }
    guard trimmed.count >= 3, let party = trimmed.first, "DR".contains(party),
          trimmed.dropFirst().first == "+" else { throw ParseError(text: text) }
    let number = trimmed.dropFirst(2)
    // Plain decimals only: no signs, exponents, "nan" or "inf".
    guard number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), number.filter({ $0 == "." }).count <= 1,
          number.contains(where: \.isNumber), let value = Double(number), value <= limit else {
      throw ParseError(text: text)
    }
    return party == "D" ? value : -value
  }

  /// Formats a margin the same way: `D+5.0`, `R+2.5`, `EVEN` for zero.
  package static func format(_ margin: Double, digits: Int = 1) -> String {
    let text = String(format: "%.\(digits)f", abs(margin))
    if Double(text) == 0 { return "EVEN" }
    return (margin > 0 ? "D+" : "R+") + text
  }
}

extension EnvironmentScenario {
  /// Parses a range of environments, `LOW..HIGH`, each as for `parse` (e.g. `R+5..D+15`).
  /// - Throws: `ParseError` for a bad end, or a range whose low end is above its high end.
  package static func parseRange(_ text: String) throws -> ClosedRange<Double> {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2 else { throw ParseError(text: text) }
    let low = try parse(parts[0]), high = try parse(parts[1])
    guard low < high else { throw ParseError(text: text) }
    return low...high
  }
}
