import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The page at 400 px (docs/reports.md, "The page at any width"), as far as it can be checked
/// without a browser: every chart in a wide and a narrow layout with a CSS switch for its width,
/// narrow layouts that fit 376 px with 12 px text, and tables whose hidden columns' figures are
/// still in every row. Tests/Browser/check-report.sh measures the rendered page.
struct NarrowLayoutTests {
  static let result: ForecastResult = try! SyntheticChamber.smallResult(draws: 20_000)
  static let html = ReportHTML.render(result, history: ChartGeometryTests.historyPoints())

  /// The width of an SVG fragment (its `width` attribute).
  static func svgWidth(_ svg: String) -> Double? {
    svg.firstMatch(of: /<svg [^>]*width="([0-9.]+)"/).flatMap { Double($0.1) }
  }

  @Test func everyChartHasAWideAndANarrowLayoutAndASwitch() throws {
    let frames = Self.html.matches(of: /<div class="chart w([0-9]+)"><div class="wide">(<svg .*?<\/svg>)\n?<\/div><div class="narrow">(<svg .*?<\/svg>)\n?<\/div><\/div>/.dotMatchesNewlines())
    // Seats, districts, environment, seats curve and history.
    #expect(frames.count == 5)
    for f in frames {
      let wide = try #require(Self.svgWidth(String(f.2))), narrow = try #require(Self.svgWidth(String(f.3)))
      #expect(Int(f.1) == Int(wide) && wide >= 700)
      // 400 px less the page's 2 x 12 px padding at that width.
      #expect(narrow == ChartStyle.narrowWidth && narrow <= 376)
      // The switch: below the wide width plus the room it needs, the narrow layout.
      let query = "@media (max-width: \(Int(wide) + ReportStyle.chartRoom - 1)px) { .chart.w\(f.1) > .wide { display: none; } .chart.w\(f.1) > .narrow { display: block; } }"
      #expect(Self.html.contains(query), "\(query)")
      // Every narrow text is written at 12 px or more, and none is rotated off the chart.
      let sizes = String(f.3).matches(of: /<text [^>]*font-size="([0-9.]+)"/).map { Double($0.1)! }
      #expect(!sizes.isEmpty && sizes.allSatisfy { $0 >= 12 })
      let xs = String(f.3).matches(of: /<text x="(-?[0-9.]+)"/).map { Double($0.1)! }
      #expect(xs.allSatisfy { $0 >= 0 && $0 <= narrow })
    }
    #expect(Self.html.contains(".chart > .narrow { display: none; }"))
  }

  @Test func theNarrowDistrictChartDrawsEverySeat() throws {
    let svg = DistrictOddsChart(districts: Self.result.districts, majority: Self.result.model.plan.majority, title: "t")
    var narrow = svg
    narrow.narrow = true
    let xml = try #require(XMLElements.parse(narrow.render().render()))
    #expect(xml.all("g", class: "seat").count == Self.result.districts.count)
    #expect(xml.all("text", class: "tipping-label").count <= 3)
    // Every band inside the chart.
    for band in xml.all("rect", class: "band") {
      #expect(band.number("x") >= 0 && band.number("x") + band.number("width") <= ChartStyle.narrowWidth)
    }
  }

  @Test func seatTableRowsKeepTheHiddenColumnsFigures() throws {
    let rows = Self.html.matches(of: /<tr data-id="([^"]+)"[^>]*><th scope="row" class="seat">[^<]*<span class="more">([^<]*)<\/span><\/th>(.*?)<\/tr>/)
    #expect(rows.count == Self.result.districts.count)
    let byID = Dictionary(uniqueKeysWithValues: Self.result.districts.map { ($0.id, $0) })
    for r in rows {
      let d = try #require(byID[String(r.1)])
      let more = String(r.2)
      #expect(more.contains("lean \(Formats.margin(d.lean))"))
      if let lo = d.margin10, let hi = d.margin90 { #expect(more.contains("80% \(Formats.margin(lo)) to \(Formats.margin(hi))")) }
      // Four hidden cells per row: incumbent, lean, 80% interval, note.
      #expect(String(r.3).matches(of: /class="[^"]*\bsec\b[^"]*"/).count == SeatTable.secondaryColumns.count)
    }
    #expect(Self.html.contains(".sec { display: none; }") && Self.html.contains("th .more { display: block; }"))
  }
}
