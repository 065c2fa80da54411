import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

/// A small chamber and its made-up results, shared by the backtest tests.
enum BacktestFixture {
  /// A four-seat chamber whose outcome no draw can change: leans of +-60 points against district
  /// noise of SD 1 (Gaussian) and a fixed prior N(0, 1).
  static func certainChamber() throws -> ForecastInputs {
    let text = """
      {
        chamber: { name: "Test", seats: 4, majority: 3, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
        asOf: "2018-11-05",
        data: { districts: "d.csv", specials: "s.csv" },
        environment: { prior: "fixed", mean: 0, sd: 1, nu: null },
        specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
        incumbency: { advantage: 4 },
        noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
        simulation: { draws: 2048, seed: 7 },
      }
      """
    let config = try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5")
    let districts = [
      District(id: "AA-01", state: "AA", region: "X", lean: 60, incumbent: .democratic, status: .contested, heldBy: .democratic),
      District(id: "AA-02", state: "AA", region: "X", lean: 60, incumbent: nil, status: .contested, heldBy: .republican),
      District(id: "BB-01", state: "BB", region: "X", lean: -60, incumbent: .republican, status: .contested, heldBy: .republican),
      District(id: "BB-02", state: "BB", region: "X", lean: -60, incumbent: nil, status: .contested, heldBy: .republican),
    ]
    return ForecastInputs(config: config, districts: districts, specials: [], national: nil)
  }

  /// Results for `certainChamber`: D wins AA-01, R wins AA-02 (the model's upset) and BB-01, BB-02
  /// has no certified winner. Published: one version saying 50% everywhere on 2018-11-05.
  static func certainData() throws -> BacktestData {
    let day = try #require(CalendarDate(iso: "2018-11-05"))
    let outcomes = ElectionOutcomes(seats: [
      .init(id: "AA-01", winner: .democratic, contested: true),
      .init(id: "AA-02", winner: .republican, contested: true),
      .init(id: "BB-01", winner: .republican, contested: false),
      .init(id: "BB-02", winner: nil, contested: true, note: "uncertified"),
    ], houseVoteMargin: 0)
    let coin = ["AA-01": 0.5, "AA-02": 0.5, "BB-01": 0.5, "BB-02": 0.5]
    return BacktestData(
      cycle: 2018, outcomes: outcomes, publisher: "Coin", versions: ["flip"],
      districtForecasts: PublishedDistrictForecasts(probabilities: ["flip": [day: coin]]),
      nationalForecasts: PublishedNationalForecasts(forecasts: ["flip": [day: .init(
        majorityProbability: 0.5, meanSeats: 2, medianSeats: 2, seats10: 1, seats90: 3, voteMargin: 0, voteMargin10: -5, voteMargin90: 5)]]),
      previousResults: ["AA-01": PreviousHouseResult(seat: "AA-01", winner: .democratic, relativeMargin: -20),
                        "AA-02": PreviousHouseResult(seat: "AA-02", winner: .democratic, relativeMargin: -20),
                        "BB-01": PreviousHouseResult(seat: "BB-01", winner: .democratic, relativeMargin: 10)],
      sourceHashes: [:])
  }
}
