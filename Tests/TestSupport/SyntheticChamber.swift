import BellwetherEngine
import Foundation

/// Inputs for the report, scenario and history tests: a small synthetic chamber built in code, and
/// the repository's real 2018 config.
package enum SyntheticChamber {
  /// The real 2018 House inputs from `config/house-2018.json5`.
  package static func house2018() throws -> ForecastInputs {
    try Forecaster(configPath: TestSupport.defaultConfig).inputs
  }

  /// A chamber of `seats` seats (majority `seats / 2 + 1`), leans spread evenly over -20...+20 in
  /// four states and two regions, alternating incumbents, the first seat fixed to the Democrats and
  /// the last to the Republicans; a fixed environment prior N(2, 2^2), t with 5 degrees of freedom;
  /// twelve specials between 2018-02-01 and 2018-10-01.
  package static func smallInputs(seats: Int = 41, draws: Int = 50_000, seed: UInt64 = 7) -> ForecastInputs {
    let priors = ModelPriors(
      environmentPrior: .fixed(mean: 2, sd: 2), environmentNu: 5, translationAlpha: 1, translationBeta: 0.4, translationSD: 3,
      recencyHalfLifeDays: 180, specialSamplingSD: 5, levelWeights: ["federal": 1, "state_legislative": 0.5],
      incumbencyAdvantage: 3, noiseScaleFromTau: 0.5, noiseMinimumSD: 5,
      noiseShares: .init(state: 0.25, region: 0.1, lean: 0.15, idiosyncratic: 0.5), kernelLength: 10, noiseNu: 8)
    let start = CalendarDate(iso: "2017-01-01")!, election = CalendarDate(iso: "2018-11-06")!
    // ForecastConfig has no initializer outside the engine but its parser: parse a minimal config,
    // then set every field to the chamber's own values (so nothing comes from the parsed text).
    var config = try! ForecastConfig.parse(data: Data(minimalConfig.utf8), path: "/synthetic/test.json5")
    config.path = "/synthetic/test.json5"
    config.chamber = Chamber(name: "Test chamber", seats: seats, majority: seats / 2 + 1, cycleStart: start, electionDate: election)
    config.asOf = CalendarDate(iso: "2018-11-05")!
    config.data.districts = "/synthetic/districts.csv"
    config.data.specials = "/synthetic/specials.csv"
    config.data.genericBallot = nil
    config.data.houseVote = nil
    config.priors = priors
    config.draws = draws
    config.seed = seed
    let states = ["AA", "BB", "CC", "DD"]
    var districts: [District] = []
    for i in 0..<seats {
      let lean = -20 + 40 * Double(i) / Double(seats - 1)
      let status: District.Status = i == 0 ? .fixed(.republican) : (i == seats - 1 ? .fixed(.democratic) : .contested)
      let incumbent: Party? = i % 3 == 0 ? nil : (lean > 0 ? .democratic : .republican)
      districts.append(District(id: String(format: "%@-%02d", states[i % 4], i + 1), state: states[i % 4],
                                region: i % 4 < 2 ? "East" : "West", lean: lean, incumbent: incumbent, status: status,
                                heldBy: lean > 0 ? .democratic : .republican))
    }
    let shifts = [4.0, -3, 9, 12, 1, 6, 15, -6, 8, 3, 11, 5]
    let specials = shifts.enumerated().map { i, x in
      SpecialElection(date: CalendarDate(iso: "2018-02-01")!.adding(days: 20 * i), state: states[i % 4], seat: "HD-\(i + 1)",
                      level: i % 2 == 0 ? "federal" : "state_legislative", margin: nil, lean: nil, shift: x, source: "test")
    }
    return ForecastInputs(config: config, districts: districts, specials: specials, national: nil,
                          hashes: ["config": String(repeating: "a", count: 64), "districts.csv": String(repeating: "b", count: 64)])
  }

  /// A valid config text whose every value `smallInputs` replaces.
  static let minimalConfig = """
    {
      chamber: { name: "Minimal", seats: 2, majority: 2, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
      asOf: "2018-11-05",
      data: { districts: "d.csv", specials: "s.csv" },
      environment: { prior: "fixed", mean: 0, sd: 1, nu: null },
      specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
      incumbency: { advantage: 0 },
      noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
      simulation: { draws: 1, seed: 1 },
    }
    """

  /// A finished run of the small chamber (low-rank factor, the config's other settings).
  package static func smallResult(draws: Int = 50_000, seed: UInt64 = 7, environment: Double? = nil, threads: Int = 2) throws -> ForecastResult {
    let forecaster = Forecaster(inputs: smallInputs(draws: draws, seed: seed))
    return try forecaster.forecast(ForecastOptions(environment: environment), threads: threads)!
  }
}
