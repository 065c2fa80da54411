import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The generic-ballot prior corrected by the miss at the as-of date's horizon (docs/model.md §2.1).
struct HorizonPriorTests {
  static let table = [ModelPriors.HorizonMiss(days: 1, mean: 2, predictiveSD: 2.5),
                      .init(days: 7, mean: 3.5, predictiveSD: 3.1), .init(days: 30, mean: 4, predictiveSD: 2.4)]

  @Test func interpolatesLinearlyInDaysAndHoldsTheEnds() {
    let mid = ModelPriors.HorizonMiss.interpolate(Self.table, days: 3)  // a third of the way from 1 to 7
    #expect(abs(mid.mean - 2.5) < 1e-12 && abs(mid.predictiveSD - 2.7) < 1e-12)
    #expect(ModelPriors.HorizonMiss.interpolate(Self.table, days: 0).mean == 2)
    #expect(ModelPriors.HorizonMiss.interpolate(Self.table, days: 90).predictiveSD == 2.4)
    #expect(ModelPriors.HorizonMiss.interpolate(Self.table, days: 7).mean == 3.5)
  }

  @Test func priorIsTheAverageMinusTheMissAtItsHorizon() throws {
    // Election 2018-11-06, as of 2018-11-03: 3 days, miss 2.5, SD 2.7. Average 54/46: margin 8.
    let series = NationalSeries(genericBallot: [.init(date: CalendarDate(iso: "2018-11-01")!, cycle: 2018, dem: 54, rep: 46)],
                                houseVote: [:])
    let prior = try ResolvedEnvironmentPrior.resolve(.genericBallotByHorizon(Self.table), cycle: 2018,
                                                     asOf: CalendarDate(iso: "2018-11-03")!, electionDate: CalendarDate(iso: "2018-11-06")!,
                                                     national: series, configFile: "t")
    #expect(abs(prior.mean - 5.5) < 1e-12 && abs(prior.sd - 2.7) < 1e-12)
  }

  static func config(_ environment: String) -> String {
    """
    {
      chamber: { name: "Minimal", seats: 2, majority: 2, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
      asOf: "2018-11-05",
      data: { districts: "d.csv", specials: "s.csv", genericBallot: "g.csv", houseVote: "h.csv" },
      environment: \(environment),
      specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
      incumbency: { advantage: 0 },
      noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
      simulation: { draws: 1, seed: 1 },
    }
    """
  }

  @Test func readsTheFitsTableAndRefusesPeeking() throws {
    let good = try ForecastConfig.parse(data: Data(Self.config("""
      { prior: "generic-ballot-horizon", nu: null, missByHorizon: [
        { days: 7, mean: 3.5, se: 0.9, sd: 2.9, predictiveSD: 3.0, tSD: 3.4, n: 10, cycles: [2014, 2016] },
        { days: 1, mean: 2.9, predictiveSD: 2.8 } ] }
      """).utf8), path: "c.json5")
    #expect(good.priors.environmentPrior == .genericBallotByHorizon([.init(days: 1, mean: 2.9, predictiveSD: 2.8),
                                                                     .init(days: 7, mean: 3.5, predictiveSD: 3.0)]))
    let peeking = Self.config("""
      { prior: "generic-ballot-horizon", nu: null, missByHorizon: [{ days: 1, mean: 2, predictiveSD: 2, cycles: [2016, 2018] },
        { days: 1, mean: 3, predictiveSD: 2 }] }
      """)
    #expect {
      try ForecastConfig.parse(data: Data(peeking.utf8), path: "c.json5")
    } throws: { error in
      let text = "\(error)"
      return text.contains("environment.missByHorizon[0].cycles") && text.contains("2018") && text.contains("environment.missByHorizon[1].days")
    }
  }
}
