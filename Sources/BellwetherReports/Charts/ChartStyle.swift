import Foundation

/// Colours and formats shared by the charts. The party colours are a ColorBrewer diverging pair
/// (RdBu; C. Brewer, colorbrewer2.org) that stays distinguishable for the common colour-vision
/// deficiencies.
enum ChartStyle {
  static let democratic = "#2166ac"
  static let democraticLight = "#92c5de"
  static let republican = "#b2182b"
  static let republicanLight = "#f4a582"
  static let neutral = "#777777"
  static let grid = "#e3e3e3"
  static let axis = "#444444"
  static let text = "#222222"
  static let muted = "#666666"
  static let accent = "#e08214"

  /// A colour for a chance of a Democratic win: red below one half, blue above, paler near a toss-up.
  static func probabilityColor(_ p: Double) -> String {
    // Five steps of the RdBu scheme.
    switch p {
    case ..<0.15: return republican
    case ..<0.4: return republicanLight
    case ...0.6: return "#b8b8b8"
    case ...0.85: return democraticLight
    default: return democratic
    }
  }
}
