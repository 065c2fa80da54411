import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

@Suite
struct SimulatorTests {
  @Test func zeroNoiseAndFixedEnvironmentGiveAnExactSeatCount() throws {
    // Factor of zeros and sigmaE = 0: every draw is base + E. Bases -3, -1, 0.5, 2, 4 with E = 1.5:
    // margins -1.5, 0.5, 2, 3.5, 5.5 -> 4 D wins, plus 2 fixed D seats = 6 in every draw.
    let base = [-3.0, -1, 0.5, 2, 4]
    let zero = NoiseFactor(seats: 5, rank: 1, loadings: [Float](repeating: 0, count: 5), memberships: [], idiosyncratic: [],
                           method: .cholesky, maxAbsoluteError: 0)
    let plan = SimulationPlan(seats: 9, majority: 5, fixedDemocratic: 2, contestedIndices: Array(0..<5), baseMargins: base,
                              environmentMean: 1.5, environmentSD: 0, environmentNu: .infinity, noiseNu: .infinity,
                              factor: zero, seed: 1, draws: 3000)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2))
    #expect(tallies.draws == 3000)
    #expect(tallies.seatCounts[6] == 3000)
    #expect(tallies.wins == [0, 3000, 3000, 3000, 3000])
    // Majority 5 needs 3 contested seats: the 3rd largest margin is seat 2 (margin 2).
    #expect(tallies.tipping == [0, 0, 3000, 0, 0])
  }

  @Test(.tags(.slow), .skippedInFastRuns) func independentSeatsMatchTheSumOfNormalCDFs() throws {
    // Margin_d ~ N(base_d + mu, sigmaE^2 + s^2) marginally, so E[seats] = sum Phi((b + mu) / sqrt(sigmaE^2 + s^2)).
    // Tolerance: 5 standard errors of the mean seat count, SE <= sqrt(n_seats * Var(seats_j) / draws)
    // bounded by sqrt(n_seats^2 / 4 / draws) for any dependence through E.
    let base = (0..<40).map { Double($0) - 20 }
    let draws = 200_000
    let plan = try TestSupport.independentPlan(base: base, noiseSD: 6, environmentMean: 1, environmentSD: 3, draws: draws)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2))
    let mean = SeatDistribution(counts: tallies.seatCounts, majority: plan.majority).mean
    let expected = base.map { TestSupport.normalCDF(($0 + 1) / (9.0 + 36).squareRoot()) }.reduce(0, +)
    let se = (Double(base.count * base.count) / 4 / Double(draws)).squareRoot()
    #expect(abs(mean - expected) < 5 * se)
    // Each seat's win rate against its own CDF, 5 binomial standard errors.
    for (k, b) in base.enumerated() {
      let p = TestSupport.normalCDF((b + 1) / 45.0.squareRoot())
      #expect(abs(Double(tallies.wins[k]) / Double(draws) - p) < 5 * (p * (1 - p) / Double(draws)).squareRoot() + 1e-9)
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func independentSeatsWithFixedEnvironmentHaveBinomialSpread() throws {
    // sigmaE = 0 and independent noise: seats are a sum of independent Bernoullis, so the mean is
    // sum p and the variance sum p(1 - p). Tolerances: 5 SE of the mean (sqrt(sum p(1-p) / draws)),
    // and 5 SE of the variance (sqrt(2 / draws) * variance, the normal approximation).
    let base = [-8.0, -4, -2, -1, 0, 1, 2, 4, 8, 12]
    let draws = 200_000
    let plan = try TestSupport.independentPlan(base: base, noiseSD: 4, environmentMean: 0.5, environmentSD: 0, draws: draws)
    let tallies = try #require(Simulator.run(plan: plan, threads: 1))
    let p = base.map { TestSupport.normalCDF(($0 + 0.5) / 4) }
    let mean = p.reduce(0, +), variance = p.map { $0 * (1 - $0) }.reduce(0, +)
    let dist = SeatDistribution(counts: tallies.seatCounts, majority: plan.majority)
    let sampleVariance = tallies.seatCounts.enumerated().map { Double($0.element) * pow(Double($0.offset) - dist.mean, 2) }.reduce(0, +) / Double(draws)
    #expect(abs(dist.mean - mean) < 5 * (variance / Double(draws)).squareRoot())
    #expect(abs(sampleVariance - variance) < 5 * (2 / Double(draws)).squareRoot() * variance)
  }

  @Test func marginIntervalMatchesNormalQuantiles() throws {
    // One seat, margin ~ N(2, 5^2): 10% and 90% quantiles 2 -+ 1.28155 * 5. The SE of a sample quantile
    // is sqrt(p(1-p)/n) / f(q) = sqrt(0.09/n) / (0.17550 / 5); bins are 0.25 wide and interpolated.
    let draws = 100_000
    let plan = try TestSupport.independentPlan(base: [2], noiseSD: 5, environmentMean: 0, environmentSD: 0, majority: 1, draws: draws)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2))
    let origin = 2 - plan.marginWindow
    let q10 = ForecastResult.histogramQuantile(tallies.offsetHistogram, level: 0.1, origin: origin, width: SimulationPlan.marginBinWidth)
    let q90 = ForecastResult.histogramQuantile(tallies.offsetHistogram, level: 0.9, origin: origin, width: SimulationPlan.marginBinWidth)
    let tolerance = 5 * (0.09 / Double(draws)).squareRoot() / (0.17550 / 5) + SimulationPlan.marginBinWidth / 2
    #expect(abs(q10 - (2 - 1.28155 * 5)) < tolerance)
    #expect(abs(q90 - (2 + 1.28155 * 5)) < tolerance)
  }

  @Test func marginIntervalsOfTwoOffsetClassesMatchNormalQuantiles() throws {
    // Seats with noise SD 2 and 6 alternate; E ~ N(1, 3^2). Seat d's margin is N(base + 1, 9 + sd^2),
    // so its 10% and 90% quantiles are base + 1 -+ 1.28155 sqrt(9 + sd^2). Each class pools its
    // seats' offsets; treating the pool as one sample per draw (its samples within a draw are
    // positively correlated, so they carry at least that much information), the quantile SE is
    // sqrt(0.09 / draws) / f(q) with f(q) = 0.17550 / sd_total; 5 SE plus half a bin.
    let draws = 60_000
    let base: [Double] = [-8, -3, 0, 2, 5, 9, 12, 20]
    let sds = base.indices.map { $0 % 2 == 0 ? 2.0 : 6.0 }
    let plan = try TestSupport.independentPlan(base: base, noiseSD: 0, noiseSDs: sds, environmentMean: 1, environmentSD: 3,
                                               draws: draws)
    #expect(plan.offsetClasses.count == 2)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2))
    #expect(tallies.offsetHistogram.reduce(0, +) == draws * base.count)  // 4 samples per class per draw
    for d in base.indices {
      let total = (9 + sds[d] * sds[d]).squareRoot()
      let c = Int(plan.offsetClasses.classOf[d]), bins = tallies.binsPerRow
      let row = Array(tallies.offsetHistogram[(c * bins)..<((c + 1) * bins)])
      let origin = base[d] + 1 - plan.marginWindow
      let q10 = ForecastResult.histogramQuantile(row, level: 0.1, origin: origin, width: SimulationPlan.marginBinWidth)
      let q90 = ForecastResult.histogramQuantile(row, level: 0.9, origin: origin, width: SimulationPlan.marginBinWidth)
      let tolerance = 5 * (0.09 / Double(draws)).squareRoot() / (0.17550 / total) + SimulationPlan.marginBinWidth / 2
      #expect(abs(q10 - (base[d] + 1 - 1.28155 * total)) < tolerance, "seat \(d)")
      #expect(abs(q90 - (base[d] + 1 + 1.28155 * total)) < tolerance, "seat \(d)")
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func resultIsIdenticalForAnyThreadCount() throws {
    let base = (0..<30).map { Double($0 % 7) * 2 - 6 }
    let plan = try TestSupport.independentPlan(base: base, noiseSD: 5, environmentMean: 0.5, environmentSD: 2,
                                               environmentNu: 5, draws: 50_000 + 17)
    let one = try #require(Simulator.run(plan: plan, threads: 1))
    for threads in [2, 3, 8] {
      #expect(try #require(Simulator.run(plan: plan, threads: threads)) == one)
    }
    // Shards partition the blocks: their merge is the whole run.
    var merged = try #require(Simulator.run(plan: plan, threads: 2, shard: .init(index: 0, count: 3)))
    for i in 1..<3 { merged.merge(try #require(Simulator.run(plan: plan, threads: 1, shard: .init(index: i, count: 3)))) }
    #expect(merged == one)
  }

  @Test func cancellationReturnsNil() throws {
    let plan = try TestSupport.independentPlan(base: [0, 1], noiseSD: 1, environmentMean: 0, environmentSD: 1, draws: 100_000)
    #expect(Simulator.run(plan: plan, threads: 2, isCancelled: { true }) == nil)
  }
}
