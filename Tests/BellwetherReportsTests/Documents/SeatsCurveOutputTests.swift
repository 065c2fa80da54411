import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The seats curve's files: seats-curve.json, the chart and the Markdown table.
@Suite(.tags(.slow), .skippedInFastRuns)
struct SeatsCurveOutputTests {
  /// The run SeatsCurveTests uses: the 41-seat chamber, 300,000 draws, seed 11.
  static let run: ForecastResult = try! SyntheticChamber.smallResult(draws: 300_000, seed: 11)

  @Test func outputsAreWellFormed() throws {
    let curve = SeatsCurve.compute(plan: SeatsCurveOutputTests.run.model.plan, tallies: SeatsCurveOutputTests.run.tallies, pointDraws: 5_000)
    let json = try JSONSerialization.jsonObject(with: try curve.encoded()) as? [String: Any]
    #expect(json?["schema"] as? String == "bellwether.seats-curve/1")
    #expect((json?["points"] as? [Any])?.count == curve.points.count)
    let xml = try #require(XMLElements.parse(SeatsCurveChart(curve: curve, title: "t").render().render()))
    #expect(xml.all("circle", class: "curve-point").count == curve.points.count)
    let markdown = SeatsCurveMarkdown.render(curve, chamber: "Test", asOf: CalendarDate(iso: "2018-11-05")!)
    #expect(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("| D+") || $0.hasPrefix("| R+") || $0.hasPrefix("| EVEN") }.count == curve.points.count)
    if let e = curve.evenOddsEnvironment { #expect(markdown.contains(Formats.margin(e, digits: 2))) }
  }
}
