import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The page's table, ratings, data tables and "what changed" (the browser side is
/// Tests/Browser/check-report.sh, run by CI).
struct ReportPageTests {
  static let result: ForecastResult = try! SyntheticChamber.smallResult(draws: 20_000)

  @Test func ordinalsAndCounts() {
    let expected = [1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd",
                    51: "51st", 101: "101st", 111: "111th", 112: "112th", 218: "218th", 1003: "1003rd"]
    for (n, text) in expected { #expect(Formats.ordinal(n) == text) }
    #expect(Formats.count(1, "date") == "1 date" && Formats.count(2, "date") == "2 dates" && Formats.count(0, "date") == "0 dates")
  }

  @Test func ratingsFollowTheDocumentedCutPoints() {
    // docs/reports.md: Toss-up while the favourite's chance is under 60%, Lean under 75%, Likely under 95%.
    let cases: [(Double, Rating)] = [
      (0.5, .tossUp), (0.41, .tossUp), (0.5999, .tossUp), (0.6, .leanDemocratic), (0.4, .leanRepublican),
      (0.7499, .leanDemocratic), (0.75, .likelyDemocratic), (0.25, .likelyRepublican), (0.9499, .likelyDemocratic),
      (0.95, .solidDemocratic), (0.05, .solidRepublican), (1, .solidDemocratic), (0, .solidRepublican),
    ]
    for (p, r) in cases { #expect(Rating(democraticWinProbability: p) == r, "\(p)") }
    #expect(Rating.allCases.map(\.range) == ["95% or more", "75%–95%", "60%–75%", "40%–60%", "25%–40%", "5%–25%", "under 5%"])
  }

  @Test func seatTableHasEveryRowWithItsSortKeysAndRating() throws {
    let html = ReportHTML.render(Self.result)
    let rows = html.matches(of: /<tr data-id="([^"]+)" data-rank="(\d+)" data-rating="([a-z-]+)"[^>]* data-p="([0-9.]+)"/)
    #expect(rows.count == Self.result.districts.count)
    let byID = Dictionary(uniqueKeysWithValues: Self.result.districts.map { ($0.id, $0) })
    for (i, row) in rows.enumerated() {
      #expect(Int(row.2) == i)
      let d = try #require(byID[String(row.1)])
      #expect(String(row.3) == Rating(democraticWinProbability: d.democraticWinProbability).token)
      #expect(abs(Double(row.4)! - d.democraticWinProbability) <= 0.00005 + 1e-12)
    }
    // The controls stay hidden without the script; every option counts its seats.
    #expect(html.contains("<div id=\"seat-controls\" class=\"controls\" hidden>"))
    let counted = html.matches(of: /<option value="[a-z-]+">[^<]+ \((\d+)\)<\/option>/).map { Int($0.1)! }
    #expect(counted.count == 7 && counted.reduce(0, +) == Self.result.districts.count)
  }

  @Test func everyTableHasACaptionAndScopedHeaders() {
    let html = ReportHTML.render(Self.result, history: ChartGeometryTests.historyPoints())
    let tables = html.components(separatedBy: "<table").dropFirst()
    #expect(tables.count >= 8)
    for t in tables {
      let body = t.components(separatedBy: "</table>")[0]
      #expect(body.contains("<caption"), "\(body.prefix(80))")
      #expect(!body.contains("<th>") && !body.contains("<th class"), "\(body.prefix(80))")
    }
    // A data table behind every chart: seat distribution, environment (and specials), history, and
    // the district chart's is the all-seats table.
    for summary in ["Data: the seat distribution", "Data: the environment", "Data: the forecast over time"] {
      #expect(html.contains("<summary>\(summary)"), "\(summary)")
    }
    #expect(html.contains("href=\"#all-seats\""))
  }

  @Test func seatDistributionTableMatchesTheHistogram() {
    let html = ReportHTML.seatDistributionTable(Self.result)
    let counts = Self.result.seats.counts
    let draws = Double(Self.result.tallies.draws)
    let rows = html.matches(of: /<tr><th scope="row">(\d+)<\/th><td>([0-9.]+)%<\/td><td>([0-9.]+)%<\/td>/)
    #expect(rows.count == counts.filter { $0 > 0 }.count)
    for r in rows {
      let s = Int(r.1)!
      #expect(abs(Double(r.2)! - 100 * Double(counts[s]) / draws) <= 0.005 + 1e-9)
      #expect(abs(Double(r.3)! - 100 * Double(counts[s...].reduce(0, +)) / draws) <= 0.05 + 1e-9)
    }
  }

  @Test func whatChangedComparesWithThePreviousDate() throws {
    let asOf = Self.result.model.asOf
    var earlier = HistoryPoint(result: Self.result, kind: .run)
    earlier.asOf = CalendarDate(dayNumber: asOf.dayNumber - 3)
    earlier.majorityProbability = 0.25
    earlier.meanSeats = Self.result.seats.mean - 2.5
    var older = earlier
    older.asOf = CalendarDate(dayNumber: asOf.dayNumber - 10)
    let current = HistoryPoint(result: Self.result, kind: .run)
    let changes = try #require(RunChanges(result: Self.result, history: [older, earlier, current]))
    #expect(changes.previous.asOf == earlier.asOf)
    #expect(abs(changes.majorityProbability - (Self.result.seats.majorityProbability - 0.25)) < 1e-12)
    #expect(abs(changes.meanSeats - 2.5) < 1e-9)
    #expect(changes.movers.isEmpty && changes.html(majority: 3).contains("not shown"))
    // With the previous per-seat chances: the largest moves first.
    let d = Self.result.districts
    let previous = Dictionary(uniqueKeysWithValues: d.enumerated().map { ($1.id, $0 == 2 ? 1 - $1.democraticWinProbability : $1.democraticWinProbability) })
    let withSeats = try #require(RunChanges(result: Self.result, history: [earlier], previousSeats: previous))
    #expect(withSeats.movers.first?.id == (d[2].democraticWinProbability != 0.5 ? d[2].id : nil))
    // No earlier date: nothing to compare.
    #expect(RunChanges(result: Self.result, history: [current]) == nil)
    let html = ReportHTML.render(Self.result, history: [earlier, current])
    #expect(html.contains("<strong>Since \(earlier.asOf.iso)</strong>"))
  }

  @Test func standaloneChartsCarryTitleDateAndSource() throws {
    for file in try ReportBundle.render(Self.result, history: ChartGeometryTests.historyPoints()) where file.name.hasSuffix(".svg") {
      let svg = String(decoding: file.contents, as: UTF8.self)
      #expect(svg.contains("<title id=\"t\">") && svg.contains("role=\"img\" aria-labelledby=\"t d\""), "\(file.name)")
      #expect(svg.contains("class=\"source\">Source: Bellwether"), "\(file.name)")
      #expect(svg.contains(Self.result.model.asOf.iso) || file.name == "history.svg", "\(file.name)")
    }
  }
}
