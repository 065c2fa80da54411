import BellwetherEngine
import Foundation

/// The files `bellwether seats-curve` writes: `seats-curve.md`, `seats-curve.json` and `seats-curve.svg`.
package enum SeatsCurveBundle {
  /// Renders every file of a forecast's seats curve (nothing touches disk here).
  package static func render(_ curve: SeatsCurve, result: ForecastResult) throws -> [(name: String, contents: Data)] {
    let chamber = result.model.inputs.config.chamber.name, asOf = result.model.asOf
    let chart = SeatsCurveChart(curve: curve, title: "\(chamber): seats by national environment, as of \(asOf.iso)")
    var svg = chart.render()
    svg.source = ReportHTML.source(result) + "; tails simulated again, \(curve.pointDraws) draws a point"
    return [
      ("seats-curve.md", Data(SeatsCurveMarkdown.render(curve, chamber: chamber, asOf: asOf).utf8)),
      ("seats-curve.json", try curve.encoded()),
      ("seats-curve.svg", Data(svg.render().utf8)),
    ]
  }
}
