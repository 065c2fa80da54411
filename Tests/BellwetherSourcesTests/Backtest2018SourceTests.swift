import Foundation
import Testing
import TestSupport
@testable import BellwetherBacktest
@testable import BellwetherEngine
@testable import BellwetherSources

/// Reads the public 2018 data in ../shared/data (skipped when it is absent).
@Suite("2018 backtest data", .tags(.slow), .skippedInFastRuns, .enabled(if: Backtest2018Data.available, "needs ../shared/data"))
struct Backtest2018SourceTests {
  static let finalDay = CalendarDate(iso: "2018-11-06")!
  static let eve = CalendarDate(iso: "2018-11-05")!
  static let data = Result { try Backtest2018Source.load(folder: TestSupport.sharedData, dates: [finalDay, eve]) }

  @Test("results: 235 D, 199 R, NC-09 without a winner; 434 decided and 393 contested races")
  func outcomes() throws {
    let o = try Self.data.get().outcomes
    #expect(o.seats.count == 435)
    #expect(o.democraticSeats == 235)
    #expect(o.seats.filter { $0.winner == .republican }.count == 199)
    #expect(o.undecided.map(\.id) == ["NC-09"])
    #expect(o.seats(in: .decided).count == 434)
    #expect(o.seats(in: .contested).count == 393)
    #expect(abs(o.houseVoteMargin - 8.747) < 1e-9)
  }

  @Test("538 Deluxe's final Brier score matches one computed from the district table's final columns")
  func deluxeFinalBrier() throws {
    let data = try Self.data.get()
    // Independent: districts_2018.csv carries 538's final forecast per seat (fc538_deluxe_pDwin),
    // from a different file than the daily gzipped forecasts the adapter reads.
    let table = try CSVTable(contentsOf: TestSupport.sharedData + "/2018/districts_2018.csv")
    let (id, p, winner) = (try table.column("district"), try table.column("fc538_deluxe_pDwin"), try table.column("res18_winner"))
    var sum = 0.0, n = 0
    for row in table.rows where row[winner] != "VACANT" {
      let y = row[winner] == "D" ? 1.0 : 0.0
      sum += (Double(row[p])! - y) * (Double(row[p])! - y)
      n += 1
      // Seat by seat, the two files agree to their four printed decimals.
      let daily = try #require(data.districtForecasts.probability(model: "deluxe", date: Self.finalDay, seat: row[id]))
      #expect(abs(daily - Double(row[p])!) <= 0.0002, "\(row[id])")
    }
    let expected = sum / Double(n)
    let forecasts = data.outcomes.seats(in: .decided).map { seat in
      BinaryForecast(id: seat.id, probability: data.districtForecasts.probability(model: "deluxe", date: Self.finalDay, seat: seat.id)!,
                     occurred: seat.winner == .democratic)
    }
    let brier = try #require(BrierScore.mean(forecasts))
    #expect(n == 434)
    #expect(abs(brier - expected) < 1e-4)
    #expect(abs(brier - 0.0230) < 5e-4)  // the figure issue 4 quotes for Deluxe
  }

  @Test("538's national forecast of November 5, as printed in the file")
  func national() throws {
    let data = try Self.data.get()
    #expect(data.versions == ["lite", "classic", "deluxe"])
    let deluxe = try #require(data.nationalForecasts.forecast(model: "deluxe", date: Self.eve))
    #expect(deluxe.meanSeats == 231.16 && deluxe.seats10 == 215 && deluxe.seats90 == 248 && deluxe.majorityProbability == 0.8551)
    #expect(data.districtForecasts.probabilities["lite"]?.keys.sorted() == [Self.eve, Self.finalDay])
    #expect(data.districtForecasts.probabilities["lite"]?[Self.eve]?.count == 435)
  }

  @Test("previous results: 2016 margin minus the 2016 House vote (-1.08), only same-line D-vs-R races without a special")
  func previous() throws {
    let p = try Self.data.get().previousResults
    // MN-07: 5.0309 - (-1.08) = 6.1109; CA-48: -16.6395 + 1.08 = -15.5595.
    #expect(p["MN-07"]?.winner == .democratic)
    #expect(abs(try #require(p["MN-07"]).relativeMargin - 6.1109) < 1e-9)
    #expect(abs(try #require(p["CA-48"]).relativeMargin + 15.5595) < 1e-9)
    #expect(p["KS-04"] == nil)  // special election in 2017
    #expect(p["PA-01"] == nil)  // new map
    #expect(p["FL-24"] == nil)  // unopposed in 2016
  }
}
