import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Backtest run")
struct BacktestRunTests {
  static func run(threads: Int = 2) throws -> BacktestReport {
    try Backtest.run(forecaster: Forecaster(inputs: try BacktestFixture.certainChamber()), data: try BacktestFixture.certainData(),
                     dates: [try #require(CalendarDate(iso: "2018-11-05"))], draws: 2048, threads: threads)
  }

  @Test("scores a chamber whose outcome is certain exactly as by hand")
  func certain() throws {
    let report = try Self.run()
    #expect(report.actual.democraticSeats == 1)
    #expect(report.actual.races == [.decided: 3, .contested: 2])
    #expect(report.actual.excluded.map(\.id) == ["BB-02"])
    let date = try #require(report.dates.first)
    #expect(date.rows.map(\.version) == BacktestVariant.defaults.map(\.id) + ["flip"])
    #expect(date.publishedMissing.isEmpty)

    let model = try #require(date.rows.first { $0.version == "default" })
    // Every draw: D wins AA-01 and AA-02 (leans +64 and +60 with noise SD 1), R the others.
    #expect(model.probabilities == ["AA-01": 1, "AA-02": 1, "BB-01": 0, "BB-02": 0])
    let decided = try #require(model.districts[.decided])
    // AA-01 right (0), AA-02 certain and wrong (1), BB-01 right (0): 1/3.
    #expect(abs(decided.brier - 1.0 / 3) < 1e-15)
    #expect(abs(decided.logLoss - (-2 * log(0.9999) - log(0.0001)) / 3) < 1e-12)
    #expect(decided.wrongFavourites.misses == ["AA-02"])
    #expect(model.districts[.contested]?.brier == 0.5)
    // Two D seats in every draw against one won.
    #expect(model.seats.mean == 2 && model.seats.meanError == 1)
    #expect(model.seats.percentile == 0 && !model.seats.inside80)
    #expect(model.seats.majorityProbability == 0)

    let coin = try #require(date.rows.last)
    #expect(coin.forecaster == "Coin" && coin.label == "Coin Flip")
    #expect(coin.districts[.decided]?.brier == 0.25 && coin.districts[.contested]?.brier == 0.25)
    #expect(coin.districts[.decided]?.wrongFavourites.count == 1.5)
    #expect(coin.seats.inside80 && coin.seats.percentile == nil)

    let previous = try #require(date.rows.first { $0.version == "previous-result" })
    #expect(previous.adjustedSeats == ["AA-01"])
    let actual = try #require(date.rows.first { $0.version == "actual-environment" })
    #expect(actual.inSample && actual.environmentMean == 0 && actual.environmentSD == 0)
  }

  /// With a district table, whose baseline already weighs the previous House margin, the
  /// previous-result variant is left out (it would count that margin twice); the others run.
  @Test("a config with a district table runs no previous-result variant")
  func noPreviousResultRowWithADistrictTable() throws {
    var inputs = try BacktestFixture.certainChamber()
    typealias Term = DistrictBaseline.Term
    inputs.config.priors.districtBaseline = DistrictBaseline(
      withPrevious: nil,
      withoutPrevious: .init(lean: Term(estimate: 1), previous: nil,
                             intercepts: [.democraticIncumbent: Term(estimate: 4), .republicanIncumbent: Term(estimate: -4), .open: Term(estimate: 0)],
                             residualSD: nil),
      sharedErrors: false)
    let report = try Backtest.run(forecaster: Forecaster(inputs: inputs), data: try BacktestFixture.certainData(),
                                  dates: [try #require(CalendarDate(iso: "2018-11-05"))], draws: 2048, threads: 2)
    let date = try #require(report.dates.first)
    #expect(date.rows.map(\.version) == ["default", "prior", "specials", "actual-environment", "flip"])
  }

  @Test("the report's bytes do not depend on the thread count")
  func reproducible() throws {
    #expect(try Self.run(threads: 1).encoded() == Self.run(threads: 2).encoded())
  }

  @Test("dates outside the cycle, mismatched seats and another cycle's data are refused")
  func setupErrors() throws {
    let inputs = try BacktestFixture.certainChamber()
    var data = try BacktestFixture.certainData()
    let early = try #require(CalendarDate(iso: "2016-11-05"))
    #expect(throws: Backtest.SetupError.self) { try Backtest.run(forecaster: Forecaster(inputs: inputs), data: data, dates: [early], draws: 10, threads: 1) }
    let day = try #require(CalendarDate(iso: "2018-11-05"))
    #expect(throws: Backtest.SetupError.self) { try Backtest.run(forecaster: Forecaster(inputs: inputs), data: data, dates: [], draws: 10, threads: 1) }
    var fewer = data
    fewer.outcomes.seats.removeLast()
    #expect(throws: Backtest.SetupError.self) { try Backtest.run(forecaster: Forecaster(inputs: inputs), data: fewer, dates: [day], draws: 10, threads: 1) }
    data.cycle = 2020
    #expect(throws: Backtest.SetupError.self) { try Backtest.run(forecaster: Forecaster(inputs: inputs), data: data, dates: [day], draws: 10, threads: 1) }
  }

  @Test("a published version with no forecast on a date is listed as missing")
  func missingPublished() throws {
    let report = try Backtest.run(forecaster: Forecaster(inputs: try BacktestFixture.certainChamber()), data: try BacktestFixture.certainData(),
                                  dates: [try #require(CalendarDate(iso: "2018-10-01"))],
                                  variants: [.standard], draws: 1024, threads: 1)
    #expect(report.dates[0].publishedMissing == ["flip"])
    #expect(report.dates[0].rows.map(\.version) == ["default"])
  }
}
