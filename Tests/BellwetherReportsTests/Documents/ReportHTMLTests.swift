import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

struct ReportHTMLTests {
  static let result: ForecastResult = try! SyntheticChamber.smallResult(draws: 20_000)

  /// The inline `<svg>...</svg>` fragments of a page.
  static func svgFragments(_ html: String) -> [String] {
    html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
  }

  @Test func bundleAppendsThePageAndTheCharts() throws {
    let names = try ReportBundle.render(Self.result).map(\.name)
    #expect(names == ["forecast.json", "districts.csv", "national.csv", "summary.md", "report.html", "seats.svg", "districts.svg", "environment.svg"])
    let withHistory = try ReportBundle.render(Self.result, history: ChartGeometryTests.historyPoints()).map(\.name)
    #expect(withHistory.last == "history.svg")
    // Every SVG file is well-formed XML.
    for file in try ReportBundle.render(Self.result, history: ChartGeometryTests.historyPoints()) where file.name.hasSuffix(".svg") {
      #expect(XMLElements.parse(String(decoding: file.contents, as: UTF8.self)) != nil, "\(file.name)")
    }
  }

  @Test func pageIsSelfContained() {
    let html = ReportHTML.render(Self.result, history: ChartGeometryTests.historyPoints())
    // No external script, stylesheet link, image, frame or font: nothing fetched. The one URL is
    // the SVG namespace name, which browsers never fetch. The scripts are inline.
    #expect(html.components(separatedBy: "<script>").count == 3)
    for forbidden in ["<script ", "<link", "<img", "<iframe", "@import", "url(", "src=", "<object", "<embed"] {
      #expect(!html.lowercased().contains(forbidden), "\(forbidden)")
    }
    let urls = html.components(separatedBy: "http").dropFirst().map { "http" + $0.prefix(30) }
    #expect(urls.allSatisfy { $0.hasPrefix("http://www.w3.org/2000/svg\"") }, "\(urls)")
    #expect(html.contains("<style>") && html.hasPrefix("<!DOCTYPE html>"))
  }

  @Test func pageHoldsEveryPart() throws {
    let html = ReportHTML.render(Self.result, history: ChartGeometryTests.historyPoints())
    let fragments = Self.svgFragments(html)
    // Every chart twice: its wide and its narrow layout.
    #expect(ReportHTML.charts(Self.result, history: []).seatsCurve != nil)
    #expect(fragments.count == 2 * 5)
    for f in fragments { #expect(XMLElements.parse(f) != nil) }
    let s = Self.result.seats
    #expect(html.contains(Formats.percent(s.majorityProbability)))
    #expect(html.contains("\(s.quantiles.p10)–\(s.quantiles.p90)"))
    for id in Self.result.tippingPointSeats(limit: 10).map(\.id) { #expect(html.contains("<th scope=\"row\" class=\"seat\">\(id)</th>")) }
    for d in Self.result.districts { #expect(html.contains("<tr data-id=\"\(d.id)\"")) }
    #expect(html.contains("id=\"history\"") && html.contains("id=\"environment\"") && html.contains("id=\"run\""))
    for (name, hash) in Self.result.model.inputs.hashes { #expect(html.contains(name) && html.contains(hash)) }
    #expect(html.contains("<th scope=\"row\">Seed</th><td>7</td>") && html.contains("20000 in blocks of 1024"))
    // Without a history: no history section, three charts.
    let plain = ReportHTML.render(Self.result)
    #expect(!plain.contains("id=\"history\"") && Self.svgFragments(plain).count == fragments.count - 2)
  }

  @Test func scenarioPageSaysItIsAScenario() throws {
    let result = try SyntheticChamber.smallResult(draws: 2_000, environment: -2.5)
    let html = ReportHTML.render(result)
    #expect(html.contains("Scenario, not the forecast") && html.contains("R+2.5"))
  }

  @Test func textIsEscaped() throws {
    var result = try SyntheticChamber.smallResult(draws: 2_000)
    result.districts[3].note = "<b>bold</b> & \"quoted\""
    let html = ReportHTML.render(result)
    #expect(!html.contains("<b>bold</b>") && html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"))
  }

  @Test func reportsAreTheSameBytesForAnyThreadCount() throws {
    let one = try ReportBundle.render(SyntheticChamber.smallResult(draws: 6_000, threads: 1))
    let two = try ReportBundle.render(SyntheticChamber.smallResult(draws: 6_000, threads: 2))
    #expect(one.map(\.name) == two.map(\.name))
    for (a, b) in zip(one, two) { #expect(a.contents == b.contents, "\(a.name)") }
  }
}
