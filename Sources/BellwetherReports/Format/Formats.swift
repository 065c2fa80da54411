import BellwetherEngine
import Foundation

/// The one way every renderer (terminal, Markdown, HTML, SVG, backtest) writes a margin and a
/// percentage, so that no two reports disagree.
package enum Formats {
  /// A margin in points, D minus R: `D+5.0`, `R+2.5`, and `EVEN` when it rounds to zero at
  /// `digits` decimals. The same text `--environment` accepts (`EnvironmentScenario.format`).
  package static func margin(_ points: Double, digits: Int = 1) -> String {
    EnvironmentScenario.format(points, digits: digits)
  }

  /// A probability as a percentage: `87.3%`.
  package static func percent(_ probability: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f%%", 100 * probability)
  }
}
