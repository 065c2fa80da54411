import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

@Suite
struct MonteCarloErrorsTests {
  @Test func handBuiltHistogramGivesTheClosedForms() {
    // 100 draws: 10, 20, 40, 20, 10 draws with 0...4 seats; majority 3.
    let seats = SeatDistribution(counts: [10, 20, 40, 20, 10], majority: 3)
    let e = MonteCarloErrors(seats: seats, winProbabilities: [0.5, 0, 1], tippingProbabilities: [0.25, 0])
    #expect(e.draws == 100)
    // P(majority) = 0.3: sqrt(0.3 * 0.7 / 100).
    #expect(abs(e.majorityProbability - (0.21 / 100).squareRoot()) < 1e-15)
    // Mean 2, sum of squared deviations 10*4 + 20*1 + 20*1 + 10*4 = 120: sqrt(120 / 99 / 100).
    #expect(abs(e.meanSeats - (120.0 / 99 / 100).squareRoot()) < 1e-15)
    #expect(e.winProbabilities == [0.05, 0, 0])
    #expect(abs(e.tippingProbabilities[0] - (0.1875 / 100).squareRoot()) < 1e-15 && e.tippingProbabilities[1] == 0)
    #expect(e.largestWinProbability == 0.05)
    // CDF 0.1, 0.3, 0.7, 0.9, 1. Level 0.5, SE 0.05: levels 0.4 and 0.6 both give 2.
    #expect(e.quantile(0.5) == .init(level: 0.5, levelStandardError: 0.05, low: 2, high: 2))
    // Level 0.25, SE sqrt(0.1875) / 10 = 0.0433: levels 0.163 -> 1 and 0.337 -> 2.
    #expect(e.quantile(0.25).map { [$0.low, $0.high] } == [1, 2])
    // Level 0.1, SE 0.03: levels 0.04 -> 0 and 0.16 -> 1.
    #expect(e.quantile(0.1).map { [$0.low, $0.high] } == [0, 1])
    #expect(abs(e.quantile(0.1)!.levelStandardError - 0.03) < 1e-15)
    // Level 0.975, SE 0.0156: levels 0.944 -> 4 and 1 (clamped) -> 4.
    #expect(e.quantile(0.975).map { [$0.low, $0.high] } == [4, 4])
    #expect(e.quantiles.map(\.level) == SeatQuantiles.levels)
  }

  @Test func everyDrawAgreeingHasNoError() {
    let seats = SeatDistribution(counts: [0, 0, 7], majority: 2)
    let e = MonteCarloErrors(seats: seats, winProbabilities: [1, 1], tippingProbabilities: [1, 0])
    #expect(e.majorityProbability == 0 && e.meanSeats == 0 && e.winProbabilities == [0, 0] && e.tippingProbabilities == [0, 0])
    #expect(e.quantiles.allSatisfy { $0.low == 2 && $0.high == 2 })
  }

  /// The chi-squared quantile by Wilson and Hilferty's approximation (relative error below 1e-3
  /// for 199 degrees of freedom).
  static func chiSquaredQuantile(degrees k: Double, z: Double) -> Double {
    let a = 2 / (9 * k)
    return k * pow(1 - a + z * a.squareRoot(), 3)
  }

  @Test func reportedErrorsMatchTheSpreadAcrossSeeds() throws {
    // A five-seat chamber (bases -2...2, N(0, 3^2) noise each, environment N(0.3, 2^2)), run with
    // 200 seeds of 2048 draws each. For each figure, the sample variance s^2 of the 200 estimates
    // against the mean of the reported SE^2: (K - 1) s^2 / sigma^2 is chi-squared with K - 1 = 199
    // degrees of freedom (the estimates are close to normal at 2048 draws), so the ratio
    // s^2 / SE^2 must lie in [chi2(0.0005) / 199, chi2(0.9995) / 199] = [0.70, 1.36] (z = 3.29, a
    // two-sided 0.1% test for each figure).
    let seeds = 200, draws = 2048
    var majority: [Double] = [], majoritySE2: [Double] = []
    var mean: [Double] = [], meanSE2: [Double] = []
    var win: [Double] = [], winSE2: [Double] = []
    for seed in 0..<seeds {
      let plan = try TestSupport.independentPlan(base: [-2, -1, 0, 1, 2], noiseSD: 3, environmentMean: 0.3, environmentSD: 2,
                                                 draws: draws, seed: UInt64(1000 + seed))
      let tallies = try #require(Simulator.run(plan: plan, threads: 1))
      let seats = SeatDistribution(counts: tallies.seatCounts, majority: plan.majority)
      let p = tallies.wins.map { Double($0) / Double(draws) }
      let e = MonteCarloErrors(seats: seats, winProbabilities: p, tippingProbabilities: p)
      majority.append(seats.majorityProbability); majoritySE2.append(e.majorityProbability * e.majorityProbability)
      mean.append(seats.mean); meanSE2.append(e.meanSeats * e.meanSeats)
      win.append(p[1]); winSE2.append(e.winProbabilities[1] * e.winProbabilities[1])
    }
    func variance(_ x: [Double]) -> Double {
      let m = x.reduce(0, +) / Double(x.count)
      return x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)
    }
    let k = Double(seeds - 1)
    let low = Self.chiSquaredQuantile(degrees: k, z: -3.29) / k, high = Self.chiSquaredQuantile(degrees: k, z: 3.29) / k
    #expect(abs(low - 0.70) < 0.01 && abs(high - 1.36) < 0.01)
    for (name, x, se2) in [("majority", majority, majoritySE2), ("mean seats", mean, meanSE2), ("seat 2 win", win, winSE2)] {
      let ratio = variance(x) / (se2.reduce(0, +) / Double(seeds))
      #expect(ratio > low && ratio < high, "\(name): s^2 / SE^2 = \(ratio)")
    }
  }

  @Test func targetStagesDoubleFromSixteenBlocksToTheMaximum() {
    #expect(Forecaster.TargetSchedule.stages(maximumDraws: 100_000) == [16_384, 32_768, 65_536, 100_000])
    #expect(Forecaster.TargetSchedule.stages(maximumDraws: 65_536) == [16_384, 32_768, 65_536])
    #expect(Forecaster.TargetSchedule.stages(maximumDraws: 1_000) == [1_000])
  }

  @Test func targetRunEqualsAPlainRunOfTheDrawsReached() throws {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs()).model(ForecastOptions(draws: 1_000))
    // SE 0.0025 needs about p(1 - p) / 0.0025^2 draws: more than 16,384 for p near 1/2.
    let target = 0.0025
    let one = try #require(Forecaster.run(model, targetStandardError: target, maximumDraws: 1_000_000, threads: 1))
    let two = try #require(Forecaster.run(model, targetStandardError: target, maximumDraws: 1_000_000, threads: 2))
    let reached = one.model.plan.draws
    #expect(one.tallies == two.tallies && two.model.plan.draws == reached)
    #expect(one.tallies.draws == reached && Forecaster.TargetSchedule.stages(maximumDraws: 1_000_000).contains(reached))
    #expect(reached > 16_384, "the target should need more than the first stage")
    var plain = model
    plain.plan = model.plan.replacing(draws: reached)
    let direct = try #require(Forecaster.run(plain, threads: 2))
    #expect(direct.tallies == one.tallies && direct.errors == one.errors)
    // It stopped at the first stage whose SE is at most the target.
    #expect(one.errors.majorityProbability <= target)
    var previous = model
    previous.plan = model.plan.replacing(draws: reached / 2)
    #expect(try #require(Forecaster.run(previous, threads: 2)).errors.majorityProbability > target)
  }

  @Test func targetRunStopsAtTheMaximumWithAShortLastBlock() throws {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs()).model(ForecastOptions(draws: 1_000))
    let capped = try #require(Forecaster.run(model, targetStandardError: 1e-6, maximumDraws: 40_000, threads: 2))
    #expect(capped.model.plan.draws == 40_000 && capped.tallies.draws == 40_000)
    var plain = model
    plain.plan = model.plan.replacing(draws: 40_000)
    #expect(try #require(Forecaster.run(plain, threads: 1)).tallies == capped.tallies)
  }
}
