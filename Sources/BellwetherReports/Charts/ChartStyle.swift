import Foundation

/// Colours shared by the charts and the page, chosen for contrast against the white chart and page
/// background (WCAG 2.1, success criteria 1.4.3 and 1.4.11): every text colour at least 4.5:1, every
/// mark colour (a bar, dot, line or rating class that carries data) at least 3:1. The party hues
/// follow ColorBrewer's RdBu diverging scheme (C. Brewer, colorbrewer2.org), darkened where its pale
/// steps fell below 3:1; the toss-up class is a purple of the same strength as the lean classes
/// rather than a pale grey, so the seats that decide control are not the faintest on the chart.
/// `Tests/BellwetherReportsTests/Charts/ContrastTests.swift` recomputes every ratio.
enum ChartStyle {
  /// The width of every chart's narrow layout, for screens too narrow for the wide one: it fits
  /// a 400 px window less the page's 12 px margins (376 px) at its own size, so its text stays at
  /// the 12 px or more it is written at (docs/reports.md, "The page at any width").
  static let narrowWidth = 360.0

  /// The background every chart and the page's main column are drawn on.
  static let background = "#ffffff"

  // Text colours (>= 4.5:1).
  static let democratic = "#2166ac"
  static let republican = "#b2182b"
  static let text = "#222222"
  static let axis = "#444444"
  static let muted = "#595959"
  /// Highlights in text and marks (the specials, the run's environment): a dark orange.
  static let accent = "#b35806"

  // Mark colours (>= 3:1).
  static let neutral = "#767676"
  /// The lighter blue of the Lean Democratic class, bands' edges.
  static let democraticLight = "#5b8fc9"
  static let republicanLight = "#d6604d"

  // Area fills behind marks (no contrast requirement: a mark with a listed colour is drawn on top,
  // and the chart's data table holds the values).
  /// A pale blue for interval bands and the histogram of drawn environments.
  static let band = "#9ecae1"
  static let grid = "#e3e3e3"
  static let shade = "#f2f2f2"

  /// The colours of the rating classes (`Rating`), most Democratic first.
  static let ratingColors: [Rating: String] = [
    .solidDemocratic: "#08306b", .likelyDemocratic: democratic, .leanDemocratic: democraticLight,
    .tossUp: "#8a63a8", .leanRepublican: republicanLight, .likelyRepublican: republican, .solidRepublican: "#67001f",
  ]

  /// Colours of the series of a chart with several (the backtest's models): blue, orange, red,
  /// purple, green, grey.
  static let seriesColors = [democratic, accent, republican, "#8a63a8", "#1b7837", neutral]

  /// Every colour a chart or the page writes as text, for the contrast test.
  static let textColors = [democratic, republican, text, axis, muted, accent]
  /// Every colour a chart draws as a data mark (the rating classes included), for the contrast test.
  static var markColors: [String] { [neutral, democraticLight, republicanLight] + Rating.allCases.map(color(of:)) + seriesColors }

  /// The colour of a rating class.
  static func color(of rating: Rating) -> String { ratingColors[rating]! }

  /// A colour for a chance of a Democratic win: its rating's colour.
  static func probabilityColor(_ p: Double) -> String { color(of: Rating(democraticWinProbability: p)) }
}

/// The chart style for charts drawn outside this target (the backtest's `calibration.svg`): the
/// same font and contrast-checked colours as the report's charts.
package enum SharedChartStyle {
  package static let fontFamily = SVGDocument.fontFamily
  package static let text = ChartStyle.text
  package static let muted = ChartStyle.muted
  package static let axis = ChartStyle.axis
  package static let grid = ChartStyle.grid
  package static let neutral = ChartStyle.neutral
  /// Colours for up to six series, each at least 3:1 against white (`ChartStyle.seriesColors`).
  package static let series = ChartStyle.seriesColors
}
