import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The conditional (Rao-Blackwellised) estimator, docs/model.md §4.3.
@Suite
struct ConditionalEstimatorTests {
  /// A chamber of independent seats (noise only in the per-seat term, SD `sd`) and a normal
  /// environment N(mu, sigmaE^2).
  static func independentPlan(base: [Double], sd: Float, environmentMean: Double, environmentSD: Double, draws: Int,
                              seed: UInt64, estimator: Estimator = .conditional, noiseNu: Double = .infinity) -> SimulationPlan {
    let factor = NoiseFactor(seats: base.count, rank: 0, loadings: [], idiosyncratic: [Float](repeating: sd, count: base.count),
                             method: .lowRank, maxAbsoluteError: 0)
    var plan = SimulationPlan(seats: base.count, majority: base.count / 2 + 1, fixedDemocratic: 0,
                              contestedIndices: Array(base.indices), baseMargins: base, environmentMean: environmentMean,
                              environmentSD: environmentSD, environmentNu: .infinity, noiseNu: noiseNu, factor: factor,
                              seed: seed, draws: draws)
    plan.estimator = estimator
    return plan
  }

  @Test func meanAndErrorAreTheSampleMeanAndItsStandardError() {
    // Values 0.2, 0.4, 0.9: mean 0.5, s^2 = (0.09 + 0.01 + 0.16) / 2 = 0.13, SE = sqrt(0.13 / 3).
    let x = [0.2, 0.4, 0.9]
    let sum = x.map(ConditionalTallies.fixed).reduce(0, +), squares = x.map { ConditionalTallies.fixed($0 * $0) }.reduce(0, +)
    let (mean, se) = ConditionalTallies.meanAndError(sum: sum, squares: squares, draws: 3)
    #expect(abs(mean - 0.5) < 1e-9 && abs(se - (0.13 / 3).squareRoot()) < 1e-9)
    let single = ConditionalTallies.meanAndError(sum: ConditionalTallies.fixed(0.7), squares: 0, draws: 1)
    #expect(abs(single.mean - 0.7) < 1e-9 && single.standardError == 0)  // fixed point: within 2^-32
  }

  @Test func independentSeatsMatchTheirClosedForms() throws {
    // 40 seats, bases -20...19, per-seat SD 3, environment N(0.3, 2^2): seat i's chance is exactly
    // Phi((b_i + 0.3) / sqrt(13)) and the mean seats their sum. P(S >= 21) is the integral over the
    // environment of the exact Poisson-binomial tail (Simpson's rule, 2,001 points over mu ± 10
    // sigmaE, error far below 1e-8). Each estimate is a mean of 16,384 iid per-draw values, so it
    // is within 4.5 of its reported SEs with probability 1 - 7e-6 (normal, n large); P(majority)
    // is allowed, on top, the refined normal approximation's bias, computed here by the same
    // quadrature of the approximation.
    let base = (0..<40).map { Double($0) - 20 }
    let draws = 16_384
    let plan = ConditionalEstimatorTests.independentPlan(base: base, sd: 3, environmentMean: 0.3, environmentSD: 2,
                                                         draws: draws, seed: 41)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2))
    let sums = try #require(tallies.conditional)
    let total = (13.0).squareRoot()
    var expectedSeats = 0.0
    for (i, b) in base.enumerated() {
      let exact = TestSupport.normalCDF((b + 0.3) / total)
      expectedSeats += exact
      let (mean, se) = ConditionalTallies.meanAndError(sum: sums.winSums[i], squares: sums.winSquares[i], draws: draws)
      #expect(abs(mean - exact) <= 4.5 * se + 1e-6, "seat \(i): \(mean) against \(exact), SE \(se)")
      // Rao-Blackwell: the conditional variance can only be smaller than the binomial p(1 - p).
      #expect(se <= (exact * (1 - exact) / Double(draws)).squareRoot() * 1.05)
    }
    let wins = ConditionalTallies.meanAndError(sum: sums.seatSum, squares: sums.seatSquares, draws: draws)
    #expect(abs(wins.mean - expectedSeats) <= 4.5 * wins.standardError, "mean seats \(wins.mean) against \(expectedSeats)")
    var exactMajority = 0.0, approximateMajority = 0.0
    let points = 2001, h = 20.0 / Double(points - 1)
    for k in 0..<points {
      let z = -10 + Double(k) * h
      let weight = (k == 0 || k == points - 1 ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)) * h / 3 * exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
      let p = base.map { TestSupport.normalCDF(($0 + 0.3 + 2 * z) / 3) }
      exactMajority += weight * PoissonBinomial.exact(p)[21...].reduce(0, +)
      approximateMajority += weight * PoissonBinomial.atLeast(21, probabilities: p)
    }
    let majority = ConditionalTallies.meanAndError(sum: sums.majoritySum, squares: sums.majoritySquares, draws: draws)
    #expect(abs(majority.mean - exactMajority) <= 4.5 * majority.standardError + abs(approximateMajority - exactMajority),
            "P(majority) \(majority.mean) against \(exactMajority) (approximation's integral \(approximateMajority))")
    // On this small chamber the approximation's bias is 7.9e-4 (the 2018 model's: below
    // PoissonBinomialTests.averageBound, docs/model.md §4.3).
    #expect(abs(approximateMajority - exactMajority) <= 1e-3)
  }

  @Test func theDrawsAndSampledTalliesAreThoseOfASampledRun() throws {
    let base = [-4.0, -1, 0, 0.5, 3, 6]
    let conditional = try #require(Simulator.run(plan: ConditionalEstimatorTests.independentPlan(
      base: base, sd: 2, environmentMean: 0.5, environmentSD: 1.5, draws: 3000, seed: 9), threads: 2))
    let sampled = try #require(Simulator.run(plan: ConditionalEstimatorTests.independentPlan(
      base: base, sd: 2, environmentMean: 0.5, environmentSD: 1.5, draws: 3000, seed: 9, estimator: .sampled), threads: 2))
    #expect(sampled.conditional == nil)
    var stripped = conditional
    stripped.conditional = nil
    #expect(stripped == sampled)
  }

  @Test func sumsAreTheSameBitsForAnyThreadCountAndBlockSplit() throws {
    // 5 blocks (the last one short), fat-tailed noise so that the t scale is exercised.
    let plan = ConditionalEstimatorTests.independentPlan(base: [-3, -1, 0.2, 1, 2.5, 4, -0.5], sd: 2.5, environmentMean: 0.4,
                                                         environmentSD: 1.8, draws: 4500, seed: 77, noiseNu: 5)
    let one = try #require(Simulator.run(plan: plan, threads: 1))
    let two = try #require(Simulator.run(plan: plan, threads: 2))
    let three = try #require(Simulator.run(plan: plan, threads: 3))
    #expect(one == two && one == three && one.conditional != nil)
    var split = try #require(Simulator.run(plan: plan, threads: 2, blocks: [4, 0, 2]))
    split.merge(try #require(Simulator.run(plan: plan, threads: 1, blocks: [3, 1])))
    #expect(split == one)
  }

  @Test func aFactorWithoutTheIndependentTermIsRefused() throws {
    var inputs = try Forecaster(configPath: TestSupport.defaultConfig).inputs
    inputs.config.polls?.conditioning = .seat  // the Cholesky factor of the prior, not joint polls' posterior
    let forecaster = Forecaster(inputs: inputs)
    #expect {
      try forecaster.model(ForecastOptions(draws: 1024, factor: .cholesky, estimator: .conditional))
    } throws: { error in
      "\(error)".contains("--estimator conditional needs every seat's independent noise SD above 0")
        && "\(error)".contains("cholesky factor has no independent term")
    }
  }

  /// The 2018 model's plan with another noise nu and estimator (and seed).
  static func plan(_ p: SimulationPlan, noiseNu: Double, estimator: Estimator, seed: UInt64, draws: Int) -> SimulationPlan {
    var plan = SimulationPlan(seats: p.seats, majority: p.majority, fixedDemocratic: p.fixedDemocratic,
                              contestedIndices: p.contestedIndices, baseMargins: p.baseMargins,
                              environmentMean: p.environmentMean, environmentSD: p.environmentSD,
                              environmentNu: p.environmentNu, noiseNu: noiseNu, noiseTScale: p.noiseTScale, factor: p.factor, seed: seed, draws: draws,
                              environmentLoadings: p.environmentLoadings)
    plan.estimator = estimator
    return plan
  }

  @Test(.tags(.slow), .skippedInFastRuns, arguments: [Double.infinity, 5])
  func agreesWithPlainMonteCarloOnThe2018Model(noiseNu: Double) throws {
    // The shipped model (and the same with multivariate-t noise of 5 degrees of freedom), 65,536
    // draws of each estimator with different seeds, so the two estimates are independent: their
    // difference has SD sqrt(se_c^2 + se_s^2), and each figure must agree within 4.5 of it
    // (probability 1 - 7e-6 each, normal at this many draws), plus, for P(majority), the refined
    // normal approximation's stated average error (PoissonBinomialTests.averageBound).
    var model = try Forecaster(configPath: TestSupport.defaultConfig).model(ForecastOptions(draws: 65_536))
    let base = model.plan
    model.plan = ConditionalEstimatorTests.plan(base, noiseNu: noiseNu, estimator: .conditional, seed: 11, draws: 65_536)
    let conditional = ForecastResult(model: model, tallies: try #require(Simulator.run(plan: model.plan, threads: 2)))
    model.plan = ConditionalEstimatorTests.plan(base, noiseNu: noiseNu, estimator: .sampled, seed: 12, draws: 65_536)
    let sampled = ForecastResult(model: model, tallies: try #require(Simulator.run(plan: model.plan, threads: 2)))
    #expect(conditional.estimator == .conditional && sampled.estimator == .sampled)
    func agree(_ a: Double, _ seA: Double, _ b: Double, _ seB: Double, slack: Double = 0, _ what: String) {
      #expect(abs(a - b) <= 4.5 * (seA * seA + seB * seB).squareRoot() + slack,
              "\(what): conditional \(a) ± \(seA), sampled \(b) ± \(seB)")
    }
    agree(conditional.seats.majorityProbability, conditional.errors.majorityProbability, sampled.seats.majorityProbability,
          sampled.errors.majorityProbability, slack: PoissonBinomialTests.averageBound, "P(majority)")
    agree(conditional.seats.mean, conditional.errors.meanSeats, sampled.seats.mean, sampled.errors.meanSeats, "mean seats")
    // The three seats closest to a coin flip, and a safer one.
    let seats = sampled.mostCompetitive(limit: 3).map(\.id) + [sampled.districts.first { $0.isContested && $0.democraticWinProbability > 0.9 }!.id]
    for id in seats {
      let i = sampled.districts.firstIndex { $0.id == id }!
      agree(conditional.districts[i].democraticWinProbability, conditional.errors.winProbabilities[i],
            sampled.districts[i].democraticWinProbability, sampled.errors.winProbabilities[i], "P(win) of \(id)")
      // Rao-Blackwell: never a larger SE than the binomial one (5% for the SEs' own noise).
      #expect(conditional.errors.winProbabilities[i] <= 1.05 * sampled.errors.winProbabilities[i])
    }
    print("nu \(noiseNu): P(majority) \(conditional.seats.majorityProbability) ± \(conditional.errors.majorityProbability) vs \(sampled.seats.majorityProbability) ± \(sampled.errors.majorityProbability); mean \(conditional.seats.mean) ± \(conditional.errors.meanSeats) vs \(sampled.seats.mean) ± \(sampled.errors.meanSeats)")
  }
}
