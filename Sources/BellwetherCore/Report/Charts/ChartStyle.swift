import Foundation

/// Colours and formats shared by the charts. The party colours are a ColorBrewer diverging pair
/// (RdBu; C. Brewer, colorbrewer2.org) that stays distinguishable for the common colour-vision
/// deficiencies.
public enum ChartStyle {
  public static let democratic = "#2166ac"
  public static let democraticLight = "#92c5de"
  public static let republican = "#b2182b"
  public static let republicanLight = "#f4a582"
  public static let neutral = "#777777"
  public static let grid = "#e3e3e3"
  public static let axis = "#444444"
  public static let text = "#222222"
  public static let muted = "#666666"
  public static let accent = "#e08214"

  /// A colour for a chance of a Democratic win: red below one half, blue above, paler near a toss-up.
  public static func probabilityColor(_ p: Double) -> String {
    // Five steps of the RdBu scheme.
    switch p {
    case ..<0.15: return republican
    case ..<0.4: return republicanLight
    case ...0.6: return "#b8b8b8"
    case ...0.85: return democraticLight
    default: return democratic
    }
  }

  /// `D+5.0`, `R+2.5`, `EVEN`.
  public static func margin(_ v: Double, digits: Int = 1) -> String { EnvironmentScenario.format(v, digits: digits) }

  /// `87.3%`.
  public static func percent(_ p: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f%%", 100 * p) }
}
