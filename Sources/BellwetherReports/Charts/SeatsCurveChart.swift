import BellwetherEngine
import Foundation

/// The seats curve: the chance of a Democratic majority (top panel) and the Democratic seats' median
/// with 80% and 95% intervals (bottom panel) against the national environment, with the environment
/// of even odds and the forecast's own environment marked.
///
/// Points are `circle`s of class `curve-point` with `data-environment` and `data-p`; points
/// re-simulated with a fixed environment are hollow.
struct SeatsCurveChart: Sendable {
  var curve: SeatsCurve
  var title: String
  /// The narrow layout (`ChartStyle.narrowWidth` wide): fewer ticks, shorter headings and key.
  var narrow = false

  static let width = 760.0
  static let height = 500.0
  static let left = 56.0, right = 24.0
  static let topPanel = (top: 48.0, bottom: 210.0)
  static let seatPanel = (top: 262.0, bottom: 440.0)

  /// Creates the chart.
  init(curve: SeatsCurve, title: String) {
    precondition(!curve.points.isEmpty, "a seats curve needs at least one point")
    self.curve = curve
    self.title = title
  }

  /// Draws the chart.
  /// - Complexity: O(points).
  func render() -> SVGDocument {
    let w = narrow ? ChartStyle.narrowWidth : Self.width, h = Self.height
    let left = narrow ? 44.0 : Self.left, right = narrow ? 12.0 : Self.right
    let points = curve.points
    let x = LinearScale(domain: points.first!.binLow...points.last!.binHigh, range: (left, w - right))
    var summary = "Chance of a Democratic majority and Democratic seats by national environment, \(points.count) points from "
    summary += "\(Formats.margin(points.first!.environment)) to \(Formats.margin(points.last!.environment))."
    if let e = curve.evenOddsEnvironment { summary += " Even odds at \(Formats.margin(e, digits: 2))." }
    var svg = SVGDocument(width: w, height: h, title: title, summary: summary)

    for t in x.ticks(count: narrow ? 5 : 10) {
      for panel in [Self.topPanel, Self.seatPanel] {
        svg.line(x1: x(t), y1: panel.top, x2: x(t), y2: panel.bottom, stroke: ChartStyle.grid)
      }
      // A label centred on a tick near an edge would cross it: it is then aligned to the edge instead
      // (half its width estimated at 0.6 em a character, generous for the digits and D/R/EVEN).
      let label = t == 0 ? "EVEN" : Formats.margin(t, digits: t == t.rounded() ? 0 : 1)
      let half = Double(label.count) * 3.6 + 1
      let (lx, anchor): (Double, SVGDocument.Anchor) =
        x(t) + half > w - 1 ? (w - 1, .end) : (x(t) - half < 1 ? (1, .start) : (x(t), .middle))
      svg.text(label, x: lx, y: Self.seatPanel.bottom + 16, size: 12,
               anchor: anchor, fill: t > 0 ? ChartStyle.democratic : (t < 0 ? ChartStyle.republican : ChartStyle.muted))
    }
    svg.text(narrow ? "Environment (D minus R, points)" : "National environment (two-party margin, D minus R, points)",
             x: (left + w - right) / 2,
             y: Self.seatPanel.bottom + 36, size: 12, anchor: .middle, fill: ChartStyle.text)

    // Top: chance of a majority, with +-2 SE band.
    let py = LinearScale(domain: 0...1, range: (Self.topPanel.bottom, Self.topPanel.top))
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
      svg.line(x1: left, y1: py(t), x2: w - right, y2: py(t), stroke: t == 0.5 ? ChartStyle.neutral : ChartStyle.grid,
               dash: t == 0.5 ? "4 3" : nil)
      svg.text(Formats.percent(t, digits: 0), x: left - 6, y: py(t) + 4, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    svg.text(narrow ? "Chance of a D majority" : "Chance of a Democratic majority given the environment", x: narrow ? 8 : left, y: Self.topPanel.top - 16, size: 13,
             fill: ChartStyle.democratic, weight: "bold")
    let upper = points.map { (x: x($0.environment), y: py(min(1, $0.majorityProbability + 2 * $0.majorityStandardError))) }
    let lower = points.reversed().map { (x: x($0.environment), y: py(max(0, $0.majorityProbability - 2 * $0.majorityStandardError))) }
    svg.polygon(upper + lower, fill: ChartStyle.band, opacity: 0.5, attributes: [("class", "se-band")])
    svg.polyline(points.map { (x($0.environment), py($0.majorityProbability)) }, stroke: ChartStyle.democratic, width: 2)
    for p in points {
      svg.circle(cx: x(p.environment), cy: py(p.majorityProbability), r: 2.6,
                 fill: p.source == .joint ? ChartStyle.democratic : "#ffffff", stroke: ChartStyle.democratic,
                 attributes: [("class", "curve-point"), ("data-environment", String(format: "%.3f", p.environment)),
                              ("data-p", String(format: "%.5f", p.majorityProbability))],
                 tooltip: "\(Formats.margin(p.environment, digits: 2)): \(Formats.percent(p.majorityProbability)) "
                   + "± \(Formats.percent(p.majorityStandardError, digits: 2)) (\(p.source.rawValue), \(Formats.count(p.draws)) draws)")
    }

    // Bottom: seats.
    let low = Double(min(points.map(\.seats025).min()!, curve.majority))
    let high = Double(max(points.map(\.seats975).max()!, curve.majority))
    let sy = LinearScale(domain: (low - 2)...(high + 2), range: (Self.seatPanel.bottom, Self.seatPanel.top))
    for t in sy.ticks(count: 5) {
      svg.line(x1: left, y1: sy(t), x2: w - right, y2: sy(t), stroke: ChartStyle.grid)
      svg.text(String(Int(t)), x: left - 6, y: sy(t) + 4, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    svg.text(narrow ? "Democratic seats: median, 80%, 95%" : "Democratic seats: median, 80% and 95% intervals", x: narrow ? 8 : left, y: Self.seatPanel.top - 16, size: 13,
             fill: ChartStyle.democratic, weight: "bold")
    for (lowKey, highKey, opacity) in [(\SeatsCurve.Point.seats025, \SeatsCurve.Point.seats975, 0.3),
                                       (\SeatsCurve.Point.seats10, \SeatsCurve.Point.seats90, 0.5)] {
      let band = points.map { (x: x($0.environment), y: sy(Double($0[keyPath: highKey]))) }
        + points.reversed().map { (x: x($0.environment), y: sy(Double($0[keyPath: lowKey]))) }
      svg.polygon(band, fill: ChartStyle.band, opacity: opacity, attributes: [("class", "seat-band")])
    }
    svg.polyline(points.map { (x($0.environment), sy(Double($0.median))) }, stroke: ChartStyle.democratic, width: 2,
                 attributes: [("class", "median-line")])
    svg.line(x1: left, y1: sy(Double(curve.majority) - 0.5), x2: w - right, y2: sy(Double(curve.majority) - 0.5),
             stroke: ChartStyle.text, width: 1.2, dash: "5 3", attributes: [("class", "majority-line")])
    svg.text("\(curve.majority) for a majority", x: left + 4, y: sy(Double(curve.majority) - 0.5) - 5, size: 12,
             fill: ChartStyle.text)

    // Markers: even odds and the forecast's environment.
    if let e = curve.evenOddsEnvironment {
      svg.line(x1: x(e), y1: Self.topPanel.top, x2: x(e), y2: Self.seatPanel.bottom, stroke: ChartStyle.text, width: 1.2,
               attributes: [("class", "even-odds"), ("data-environment", String(format: "%.3f", e))])
      // Left of the crossing and above one half, where the rising curve is not.
      // (In the narrow layout, right of it and below one half when there is no room on the left.)
      let after = narrow && x(e) - left < 110
      svg.text("even odds \(Formats.margin(e, digits: 2))", x: after ? x(e) + 6 : x(e) - 6, y: after ? py(0.5) + 16 : py(0.5) - 6, size: 12,
               anchor: after ? .start : .end,
               fill: ChartStyle.text, weight: "bold")
    }
    if x.domain.contains(curve.environmentMean) {
      svg.line(x1: x(curve.environmentMean), y1: Self.topPanel.top, x2: x(curve.environmentMean), y2: Self.seatPanel.bottom,
               stroke: ChartStyle.accent, width: 1.2, dash: "3 3", attributes: [("class", "forecast-environment")])
      let before = narrow && w - right - x(curve.environmentMean) < 100
      svg.text("forecast \(Formats.margin(curve.environmentMean))", x: x(curve.environmentMean) + (before ? -4 : 4),
               y: Self.topPanel.bottom - 6, size: 12, anchor: before ? .end : .start, fill: ChartStyle.accent)
    }
    let key = narrow ? "band: ±2 SE" + (points.contains { $0.source == .fixed } ? " · hollow: re-simulated" : "")
      : "filled: the forecast's own draws in the bin · hollow: re-simulated with the environment fixed · band: ±2 SE"
    svg.text(key, x: w - right, y: 14, size: 12, anchor: .end, fill: ChartStyle.muted)
    return svg
  }
}
