import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The charts' geometry, read back from the SVG: bar heights, positions, orders and lines must match
/// the data they draw.
struct ChartGeometryTests {
  // MARK: Seat histogram

  /// A made-up histogram over 0...60 seats, majority 31.
  static let counts: [Int] = (0...60).map { (s: Int) -> Int in
    let d = Double(s - 33)
    return s < 10 ? 0 : Int(1000 * exp(-d * d / 50))
  }

  @Test func histogramBarHeightsAreProportionalToCounts() throws {
    let chart = SeatHistogramChart(counts: Self.counts, majority: 31, title: "t")
    let xml = try #require(XMLElements.parse(chart.render().render()))
    let bars = xml.all("rect", class: "bar")
    let shown = chart.shownSeats
    #expect(bars.count == Self.counts[shown].filter { $0 > 0 }.count)
    // Height / count is one constant k, pixels per draw. Heights are written with two decimals
    // (error <= 0.005 px) after the difference of two unrounded positions, so |h - k c| <= 0.005;
    // k is estimated from the tallest bar, adding at most 0.005 c / c_max. Allow 0.011.
    let tallest = try #require(bars.max { $0.number("data-count") < $1.number("data-count") })
    let k = tallest.number("height") / tallest.number("data-count")
    for bar in bars {
      #expect(abs(bar.number("height") - k * bar.number("data-count")) <= 0.011)
      // Every bar stands on the same baseline.
      #expect(abs(bar.number("y") + bar.number("height") - (SeatHistogramChart.height - SeatHistogramChart.bottom)) < 0.011)
    }
    // Bars go left to right by seats, evenly spaced; colour flips at the majority.
    let xs = bars.map { $0.number("x") }
    #expect(xs == xs.sorted())
    for bar in bars {
      let seats = Int(bar.number("data-seats"))
      #expect(bar.attributes["fill"] == (seats >= 31 ? ChartStyle.democratic : ChartStyle.republican))
    }
  }

  @Test func histogramMajorityLineSitsBetweenTheTwoBarsAroundIt() throws {
    let xml = try #require(XMLElements.parse(SeatHistogramChart(counts: Self.counts, majority: 31, title: "t").render().render()))
    let line = try #require(xml.all("line", class: "majority-line").first)
    let bars = Dictionary(uniqueKeysWithValues: xml.all("rect", class: "bar").map { (Int($0.number("data-seats")), $0) })
    let below = try #require(bars[30]), above = try #require(bars[31])
    #expect(below.number("x") + below.number("width") <= line.number("x1") + 0.01)
    #expect(line.number("x1") <= above.number("x") + 0.01)
  }

  @Test func histogramAxisHoldsAllButTheTailShareAndTheMajority() {
    let chart = SeatHistogramChart(counts: Self.counts, majority: 31, title: "t")
    let total = Double(Self.counts.reduce(0, +))
    let inside = Double(Self.counts[chart.shownSeats].reduce(0, +))
    #expect(inside / total >= 1 - chart.tailShare)
    #expect(chart.shownSeats.contains(30) && chart.shownSeats.contains(31))
    // A majority far in the tail still gets its line.
    #expect(SeatHistogramChart(counts: Self.counts, majority: 55, title: "t").shownSeats.contains(55))
  }

  // MARK: District odds

  @Test func districtChartHasOneColumnPerSeatInMarginOrder() throws {
    let result = try SyntheticChamber.smallResult(draws: 20_000)
    let chart = DistrictOddsChart(districts: result.districts, majority: 21, title: "t")
    let xml = try #require(XMLElements.parse(chart.render().render()))
    let groups = xml.all("g", class: "seat")
    #expect(groups.count == result.districts.count)
    #expect(groups.map { Int($0.number("data-rank")) } == Array(0..<result.districts.count))
    // Fixed D first, fixed R last, contested by mean margin descending.
    let ordered = chart.ordered
    #expect(ordered.first?.status == .fixed(.democratic) && ordered.last?.status == .fixed(.republican))
    let means = ordered.compactMap(\.meanMargin)
    #expect(means == means.sorted(by: >))
    #expect(groups.map { $0.attributes["data-id"]! } == ordered.map(\.id))
  }

  @Test func districtBandsSpanTheEightyPercentInterval() throws {
    let result = try SyntheticChamber.smallResult(draws: 20_000)
    let chart = DistrictOddsChart(districts: result.districts, majority: 21, title: "t")
    let xml = try #require(XMLElements.parse(chart.render().render()))
    let y = LinearScale(domain: -chart.clip...chart.clip, range: (DistrictOddsChart.height - DistrictOddsChart.bottom, DistrictOddsChart.top))
    let bands = xml.all("rect", class: "band").filter { !($0.attributes["class"] ?? "").contains("fixed") }
    let contested = chart.ordered.filter { $0.meanMargin != nil }
    #expect(bands.count == contested.count)
    var exact = 0
    for (band, d) in zip(bands, contested) {
      let top = y.clamped(d.margin90!), bottom = y.clamped(d.margin10!)
      if bottom - top >= DistrictOddsChart.minimumBand {
        #expect(abs(band.number("y") - top) < 0.006)
        #expect(abs(band.number("y") + band.number("height") - bottom) < 0.011)
        exact += 1
      } else {
        // Too short to see (squeezed at an edge): drawn minimumBand tall, covering the interval.
        #expect(abs(band.number("height") - DistrictOddsChart.minimumBand) < 0.011)
        #expect(band.number("y") <= top + 0.006 && band.number("y") + band.number("height") >= bottom - 0.011)
      }
    }
    #expect(exact >= contested.count / 2)
  }

  @Test func districtMajorityLineFollowsTheMajorityThSeat() throws {
    let result = try SyntheticChamber.smallResult(draws: 20_000)
    let xml = try #require(XMLElements.parse(DistrictOddsChart(districts: result.districts, majority: 21, title: "t").render().render()))
    let line = try #require(xml.all("line", class: "majority-line").first)
    let x = LinearScale(domain: 0...Double(result.districts.count), range: (DistrictOddsChart.left, DistrictOddsChart.width - DistrictOddsChart.right))
    #expect(abs(line.number("x1") - x(21)) < 0.006)
    #expect(line.attributes["data-rank"] == "21")
  }

  @Test func districtChartStaysReadableAt435Seats() throws {
    // The real chamber: every seat drawn, bands at least one pixel wide, tipping labels apart.
    let inputs = try SyntheticChamber.house2018()
    let result = try Forecaster(inputs: inputs).forecast(ForecastOptions(draws: 4_096), threads: 2)!
    let chart = DistrictOddsChart(districts: result.districts, majority: 218, title: "t")
    let xml = try #require(XMLElements.parse(chart.render().render()))
    #expect(xml.all("g", class: "seat").count == 435)
    #expect(xml.all("rect", class: "band").allSatisfy { $0.number("width") >= 1 && $0.number("height") >= 2.99 })
    let labels = xml.all("text", class: "tipping-label").map { $0.number("x") }
    #expect(labels.count == chart.labelled)
    #expect(labels.allSatisfy { $0 >= DistrictOddsChart.left && $0 <= DistrictOddsChart.width - DistrictOddsChart.right })
    let texts = xml.all("text", class: "tipping-label")
    for (a, b) in zip(texts, texts.dropFirst()) {
      // Estimated label widths (6 px per character) must not overlap.
      let half = (Double((a.attributes["data-id"]!.count + 6)) * 6 + Double((b.attributes["data-id"]!.count + 6)) * 6) / 2
      #expect(b.number("x") - a.number("x") >= half - 1)
    }
  }

  @Test func labelSpreadKeepsOrderAvoidsOverlapAndStaysInBounds() {
    let targets = [500.0, 501, 502, 503, 504]
    let widths = [60.0, 60, 60, 60, 60]
    let p = DistrictOddsChart.spread(targets: targets, widths: widths, within: 0...1000)
    for i in 1..<p.count { #expect(p[i] - p[i - 1] >= 60 - 1e-9) }
    // Centred on the targets: mean offset zero.
    #expect(abs(zip(p, targets).map { $0 - $1 }.reduce(0, +)) < 1e-9)
    let edge = DistrictOddsChart.spread(targets: [990, 995], widths: [60, 60], within: 0...1000)
    #expect(edge[1] + 30 <= 1000 + 1e-9 && edge[1] - edge[0] >= 60 - 1e-9)
  }

  // MARK: Environment

  @Test func environmentChartDrawsEverySpecialAndTheDrawHistogram() throws {
    let result = try SyntheticChamber.smallResult(draws: 20_000)
    let charts = ReportHTML.charts(result, history: [])
    let xml = try #require(XMLElements.parse(charts.environment.render()))
    let specials = xml.all("circle", class: "special")
    #expect(specials.count == result.model.specials.rows.count)
    #expect(Set(specials.map { $0.attributes["data-x"]! }) == Set(result.model.specials.rows.map { String(format: "%.3f", $0.special.shift) }))
    let curves = Set(xml.all("polyline", class: "density").map { $0.attributes["data-curve"]! })
    #expect(curves == ["prior", "specials", "posterior"])
    // Histogram bars: height proportional to count (a density: count / (draws * width)).
    let bars = xml.all("rect", class: "draws")
    #expect(!bars.isEmpty)
    let tallest = try #require(bars.max { $0.number("data-count") < $1.number("data-count") })
    let k = tallest.number("height") / tallest.number("data-count")
    for bar in bars { #expect(abs(bar.number("height") - k * bar.number("data-count")) <= 0.011) }
    #expect(bars.map { Int($0.number("data-count")) }.reduce(0, +) <= result.tallies.draws)
  }

  @Test func fixedEnvironmentChartShowsALineAndNoPosteriorCurve() throws {
    let result = try SyntheticChamber.smallResult(draws: 5_000, environment: 4)
    let xml = try #require(XMLElements.parse(ReportHTML.charts(result, history: []).environment.render()))
    #expect(xml.all("line", class: "fixed-environment").count == 1)
    #expect(!xml.all("polyline", class: "density").contains { $0.attributes["data-curve"] == "posterior" })
    #expect(xml.all("rect", class: "draws").isEmpty)
  }

  // MARK: History

  static func historyPoints() -> [HistoryPoint] {
    (0..<10).map { i in
      HistoryPoint(asOf: CalendarDate(iso: "2018-10-01")!.adding(days: 3 * i), majorityProbability: Double(i) / 10,
                   meanSeats: 200 + Double(i), medianSeats: 200 + i, seats10: 190 + i, seats90: 212 + i,
                   environmentMean: Double(i), environmentSD: 2, draws: 1000, kind: i < 5 ? .backfill : .run)
    }
  }

  @Test func historyPointsSitAtTheirDateAndChance() throws {
    let points = Self.historyPoints()
    let xml = try #require(XMLElements.parse(HistoryChart(points: points.reversed(), majority: 218, title: "t").render().render()))
    let dots = xml.all("circle", class: "p-majority")
    #expect(dots.map { $0.attributes["data-date"]! } == points.map(\.asOf.iso))
    // y is linear in the chance: equal steps of 0.1 give equal pixel steps; x equal 3-day steps.
    let ys = dots.map { $0.number("cy") }, xs = dots.map { $0.number("cx") }
    for i in 2..<ys.count {
      #expect(abs((ys[i] - ys[i - 1]) - (ys[1] - ys[0])) < 0.011)
      #expect(abs((xs[i] - xs[i - 1]) - (xs[1] - xs[0])) < 0.011)
    }
    #expect(ys[0] > ys[9])  // higher chance, higher on the page
    #expect(abs(ys[0] - HistoryChart.topPanel.bottom) < 0.006)  // chance 0 on the panel's floor
    // Backfilled days are hollow.
    #expect(dots.prefix(5).allSatisfy { $0.attributes["fill"] == "#ffffff" })
    #expect(xml.all("circle", class: "median-seats").count == 10)
  }

  @Test func aSinglePointHistoryStillRenders() throws {
    let xml = try #require(XMLElements.parse(HistoryChart(points: [Self.historyPoints()[3]], majority: 218, title: "t").render().render()))
    #expect(xml.all("circle", class: "p-majority").count == 1)
  }

  @Test func aMissingDayIsAGapAndBothPartiesAreDrawn() throws {
    // Runs on Oct 1-3, Oct 6-7 and Oct 10: three runs of consecutive days, so three lines per series,
    // none across Oct 4-5 or Oct 8-9. The Republican chance is 1 minus the Democratic one minus a
    // 1% tie chance, except on Oct 7, recorded before the history stored it (nil): that day has no
    // Republican dot, and its run (Oct 6-7) no Republican line.
    let days = [0, 1, 2, 5, 6, 9]
    let points = days.enumerated().map { k, d in
      HistoryPoint(asOf: CalendarDate(iso: "2018-10-01")!.adding(days: d), majorityProbability: 0.2 + 0.1 * Double(k),
                   meanSeats: 210, medianSeats: 210, seats10: 200, seats90: 220, environmentMean: 5, environmentSD: 2,
                   draws: 1000, kind: .run, republicanMajorityProbability: d == 6 ? nil : 0.79 - 0.1 * Double(k))
    }
    let xml = try #require(XMLElements.parse(HistoryChart(points: points, majority: 218, title: "t").render().render()))
    func xs(_ e: XMLElements.Element) -> [Double] {
      (e.attributes["points"] ?? "").split(separator: " ").map { Double($0.split(separator: ",")[0])! }
    }
    let dDots = xml.all("circle", class: "p-majority"), rDots = xml.all("circle", class: "p-republican-majority")
    let dayX = Dictionary(uniqueKeysWithValues: dDots.map { ($0.attributes["data-date"]!, $0.number("cx")) })
    let x = days.map { dayX[CalendarDate(iso: "2018-10-01")!.adding(days: $0).iso]! }
    let dLines = xml.all("polyline", class: "p-majority-line").map(xs)
    #expect(dLines.count == 3)
    for (line, expected) in zip(dLines, [Array(x[0...2]), Array(x[3...4]), [x[5]]]) {
      #expect(line.count == expected.count && zip(line, expected).allSatisfy { abs($0 - $1) < 0.01 }, "\(line) vs \(expected)")
    }
    #expect(xml.all("polyline", class: "median-seats-line").count == 3)
    #expect(xml.all("polygon", class: "seat-band").count == 2)  // and one bar for the lone Oct 10
    // Republican: a dot for every day that has the figure, lines for the runs without a gap in it.
    #expect(rDots.map { $0.attributes["data-date"]! } == points.filter { $0.republicanMajorityProbability != nil }.map(\.asOf.iso))
    #expect(xml.all("polyline", class: "p-republican-majority-line").map(xs).map(\.count) == [3, 1])
    // Both parties on the same scale: a Republican 0.79 - 0.1k sits where a Democratic chance of that
    // size would; the Democratic dots fix the scale (0.2 at the first, 0.7 at the last).
    let y0 = dDots[0].number("cy"), y5 = dDots[5].number("cy")
    func y(_ p: Double) -> Double { y0 + (p - 0.2) / 0.5 * (y5 - y0) }
    for r in rDots {
      let k = points.firstIndex { $0.asOf.iso == r.attributes["data-date"]! }!
      #expect(abs(r.number("cy") - y(0.79 - 0.1 * Double(k))) < 0.02)
      #expect(r.attributes["fill"] == ChartStyle.republican)
    }
  }
}
