import Foundation
import Testing
@testable import BellwetherEngine
import TestSupport

/// docs/model.md §2.5, `polls.conditioning: "joint"`: the posterior the draws use, against the
/// Gaussian conditional computed a second way, densely in the covariance form (`x` = (E, eps), prior
/// covariance diag(sigmaE^2, Sigma), observations `r = H x + u 1 + eta`, `K = P H' S^-1`), which shares
/// nothing with the engine's latent-factor precision form but the prior covariance Sigma.
struct JointPollPosteriorTests {
  static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    a.map { row in (0..<b[0].count).map { j in row.indices.reduce(0.0) { $0 + row[$1] * b[$1][j] } } }
  }

  static func transpose(_ a: [[Double]]) -> [[Double]] {
    (0..<a[0].count).map { j in a.map { $0[j] } }
  }

  struct Dense {
    /// Posterior mean and covariance of (E, M_1 ... M_n).
    var mean: [Double]
    var covariance: [[Double]]
  }

  /// The covariance-form Gaussian conditional of (E, M) on the polled seats' averages.
  static func dense(sigma: [[Double]], base: [Double], mu: Double, sdE: Double, polled: [PollEvidence.Seat], sharedSD: Double) -> Dense {
    let n = base.count, k = polled.count
    // x = (E, eps): prior mean (mu, 0), covariance blockdiag(sdE^2, Sigma).
    var p = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
    p[0][0] = sdE * sdE
    for i in 0..<n { for j in 0..<n { p[i + 1][j + 1] = sigma[i][j] } }
    var h = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: k)
    for (a, s) in polled.enumerated() {
      h[a][0] = 1
      h[a][s.index + 1] = 1
    }
    var s = multiply(multiply(h, p), transpose(h))
    for a in 0..<k {
      for b in 0..<k { s[a][b] += sharedSD * sharedSD }
      s[a][a] += polled[a].errorVariance
    }
    let gain = multiply(multiply(p, transpose(h)), DenseSolve.inverse(s))
    let innovation = polled.map { $0.average - base[$0.index] - mu }  // r - H x0 (x0 = (mu, 0))
    var x = [mu] + [Double](repeating: 0, count: n)
    for i in 0..<(n + 1) { for a in 0..<k { x[i] += gain[i][a] * innovation[a] } }
    let px = multiply(multiply(gain, h), p)
    let post = (0..<(n + 1)).map { i in (0..<(n + 1)).map { j in p[i][j] - px[i][j] } }
    // (E, M) = A x + (0, base), A = [[1, 0], [1, I]].
    var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
    a[0][0] = 1
    for i in 0..<n {
      a[i + 1][0] = 1
      a[i + 1][i + 1] = 1
    }
    var mean = [Double](repeating: 0, count: n + 1)
    for i in 0..<(n + 1) {
      var total: Double = i == 0 ? 0 : base[i - 1]
      for j in 0..<(n + 1) { total += a[i][j] * x[j] }
      mean[i] = total
    }
    return Dense(mean: mean, covariance: multiply(multiply(a, post), transpose(a)))
  }

  /// The engine's posterior as the same moments: E ~ (mean, sd^2); M = base + loading E + eps, eps
  /// independent of E with covariance G G' + diag(D'^2).
  static func engine(_ j: JointPollPosterior) -> Dense {
    let n = j.baseMargins.count
    let eps = j.factor.impliedCovariance()
    let v = j.environmentSD * j.environmentSD
    var c = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
    c[0][0] = v
    for i in 0..<n {
      c[0][i + 1] = j.environmentLoadings[i] * v
      c[i + 1][0] = c[0][i + 1]
      for k in 0..<n { c[i + 1][k + 1] = j.environmentLoadings[i] * j.environmentLoadings[k] * v + eps[i, k] }
    }
    return Dense(mean: [j.environmentMean] + j.expectedMargins, covariance: c)
  }

  static func seat(_ index: Int, average: Double, errorVariance: Double) -> PollEvidence.Seat {
    PollEvidence.Seat(id: "S\(index)", index: index, count: 1, average: average, errorVariance: errorVariance, gain: 0, shift: 0)
  }

  /// A six-seat covariance with two states, two regions, a lean kernel and a shared-error column.
  static func covariance() -> NoiseCovariance {
    var c = NoiseCovariance(states: ["A", "A", "A", "B", "B", "C"], regions: ["X", "X", "X", "X", "Y", "Y"],
                            leans: [-12, -4, 0, 3, 9, 20],
                            scales: NoiseScales(state: 3, region: 1.5, lean: 2.5, idiosyncratic: 5), kernelLength: 10)
    c.sharedColumns = [[2, 0, 2, -1, 0, 2]]
    c.idiosyncraticVariances = [25, 30, 20, 25, 40, 25]
    return c
  }

  /// Means and every covariance of (E, M) match the dense conditional, for the low-rank factor
  /// (whose own covariance is the prior: compared against the factor's implied Sigma) and for the
  /// Cholesky factor (no independent term: every component is a latent). Tolerance: the factor's
  /// loadings are single precision (relative 6e-8 on entries of about 5, so covariances of about
  /// 50 agree to about 1e-5); 1e-4 allows that with room.
  @Test(arguments: [NoiseFactor.Method.lowRank, .cholesky])
  func matchesTheDenseGaussianConditional(method: NoiseFactor.Method) throws {
    let cov = Self.covariance()
    let factor = method == .cholesky ? try NoiseFactor.cholesky(of: cov.matrix()) : try NoiseFactor.lowRank(of: cov)
    let implied = factor.impliedCovariance()
    let sigma = (0..<6).map { i in (0..<6).map { implied[i, $0] } }
    let base = [-14.0, -5, 1, 2, 10, 18]
    let polled = [Self.seat(0, average: -6, errorVariance: 30), Self.seat(2, average: 6, errorVariance: 20),
                  Self.seat(3, average: -2, errorVariance: 45)]
    for (mu, sdE, shared) in [(3.0, 2.0, 1.7), (3.0, 0.0, 1.7), (-1.0, 2.5, 0.0)] {
      let joint = try JointPollPosterior.condition(polled: polled, sharedSD: shared, base: base, environmentMean: mu,
                                                   environmentSD: sdE, prior: factor)
      let expected = Self.dense(sigma: sigma, base: base, mu: mu, sdE: sdE, polled: polled, sharedSD: shared)
      let got = Self.engine(joint)
      for i in 0..<7 {
        #expect(abs(got.mean[i] - expected.mean[i]) < 1e-6, "mean \(i) (mu \(mu), sdE \(sdE))")
        for k in 0..<7 {
          #expect(abs(got.covariance[i][k] - expected.covariance[i][k]) < 1e-4,
                  "covariance \(i),\(k): \(got.covariance[i][k]) vs \(expected.covariance[i][k]) (mu \(mu), sdE \(sdE))")
        }
      }
      // Polls are informative: every polled seat's variance falls, and so does the environment's.
      for s in polled { #expect(got.covariance[s.index + 1][s.index + 1] < sigma[s.index][s.index] + sdE * sdE - 1) }
      if sdE > 0 { #expect(joint.environmentSD < sdE) } else { #expect(joint.environmentSD == 0 && joint.environmentMean == mu) }
    }
  }

  /// One seat with one poll, in closed form: M = b + E + eps, E ~ N(mu, a), eps ~ N(0, c), the
  /// average errs by e plus a shared error of variance w: E[M | y] = b + mu + (a + c) / (a + c + e + w)
  /// (y - b - mu), Var(M | y) = (a + c) - (a + c)^2 / (a + c + e + w), and the weight of its own
  /// average (the derivative of E[M | y]) is (a + c) / (a + c + e + w).
  @Test func oneSeatInClosedForm() throws {
    let b = -2.0, mu = 5.0, a = 4.0, c = 49.0, e = 27.0, w = 4.0, y = 2.0
    let cov = NoiseCovariance(states: ["A"], regions: ["X"], leans: [0], scales: NoiseScales(state: 0, region: 0, lean: 0, idiosyncratic: 7),
                              kernelLength: 10)
    let factor = try NoiseFactor.lowRank(of: cov)
    let joint = try JointPollPosterior.condition(polled: [Self.seat(0, average: y, errorVariance: e)], sharedSD: w.squareRoot(),
                                                 base: [b], environmentMean: mu, environmentSD: a.squareRoot(), prior: factor)
    let weight = (a + c) / (a + c + e + w)
    #expect(abs(joint.expectedMargins[0] - (b + mu + weight * (y - b - mu))) < 1e-12)
    let moments = Self.engine(joint)
    #expect(abs(moments.covariance[1][1] - ((a + c) - (a + c) * (a + c) / (a + c + e + w))) < 1e-4)
    #expect(abs(joint.ownWeights[0] - weight) < 1e-12)
    // The environment: E[E | y] = mu + a / (a + c + e + w) (y - b - mu).
    #expect(abs(joint.environmentMean - (mu + a / (a + c + e + w) * (y - b - mu))) < 1e-12)
  }
}

/// The 2018 config with `conditioning: "joint"`: a run's seat probabilities agree with the normal
/// probabilities of the posterior moments (Gaussian draws: environment and noise nu set to null),
/// within Monte Carlo error, and the seat mode's draws are unchanged by the new option's existence.
struct JointPollModelTests {
  @Test func seatWinRatesMatchThePosteriorMomentsWithGaussianDraws() throws {
    var inputs = try Forecaster(configPath: TestSupport.defaultConfig).inputs
    inputs.config.polls?.conditioning = .joint
    inputs.config.priors.environmentNu = .infinity
    inputs.config.priors.noiseNu = .infinity
    let draws = 40_000
    let result = try #require(try Forecaster(inputs: inputs).forecast(ForecastOptions(draws: draws), threads: 2))
    let plan = result.model.plan
    let variances = plan.factor.seatVariances
    var checked = 0
    for (k, i) in plan.contestedIndices.enumerated() {
      let loading = plan.environmentLoading(k)
      let sd = (loading * loading * plan.environmentSD * plan.environmentSD + variances[k]).squareRoot()
      let p = 0.5 * erfc(-plan.expectedMargin(k) / (sd * 2.0.squareRoot()))
      let got = result.districts[i].democraticWinProbability
      // Binomial SE of a share of 40,000 draws; 5 SE over 394 seats fails by chance with probability about 2e-4.
      let se = max((p * (1 - p) / Double(draws)).squareRoot(), 1 / Double(draws))
      #expect(abs(got - p) < 5 * se + 1e-4, "\(result.districts[i].id): \(got) vs \(p)")
      checked += 1
    }
    #expect(checked == plan.contested)
    #expect(result.model.pollEvidence != nil)
    #expect(plan.environmentLoadings != nil)
  }

  /// The conditional estimator (docs/model.md §4.3) with each seat's loading on E: its per-seat
  /// chances and P(majority) agree with plain Monte Carlo on the same (joint) model within 4.5 combined
  /// standard errors, and its own per-seat SE is no larger than the sampled one (plus 10%).
  @Test func theConditionalEstimatorTakesTheLoadings() throws {
    let forecaster = try Forecaster(configPath: TestSupport.defaultConfig)
    #expect(forecaster.inputs.config.polls?.conditioning == .joint)
    let draws = 32_768
    let sampled = try #require(try forecaster.forecast(ForecastOptions(draws: draws, seed: 3), threads: 2))
    let conditional = try #require(try forecaster.forecast(ForecastOptions(draws: draws, seed: 4, estimator: .conditional), threads: 2))
    #expect(conditional.model.plan.environmentLoadings != nil)
    let a = sampled.seats.majorityProbability, b = conditional.seats.majorityProbability
    let se = (a * (1 - a) / Double(draws)).squareRoot()
    #expect(abs(a - b) < 4.5 * 2.0.squareRoot() * se, "P(majority) \(a) sampled against \(b) conditional")
    for (x, y) in zip(sampled.districts, conditional.districts) where x.status == .contested {
      let p = x.democraticWinProbability
      let s = max((p * (1 - p) / Double(draws)).squareRoot(), 1 / Double(draws))
      #expect(abs(p - y.democraticWinProbability) < 4.5 * 2.0.squareRoot() * s + 1e-4, "\(x.id)")
    }
  }

  /// A polled seat's prior mean is (1 - selectionSlope)(base + muE) (docs/model.md §2.5): one seat,
  /// base -20, muE 4, slope 0.25: prior mean -12 (not -16); with a = 4, c = 49, e + w = 31 and y = -10,
  /// E[M | y] = -12 + 53/84 (-10 + 12) = -10.738095.
  @Test func theSelectionSlopeMovesAPolledSeatsPriorTowardZero() throws {
    let cov = NoiseCovariance(states: ["A"], regions: ["X"], leans: [0], scales: NoiseScales(state: 0, region: 0, lean: 0, idiosyncratic: 7),
                              kernelLength: 10)
    let seat = PollEvidence.Seat(id: "S0", index: 0, count: 1, average: -10, errorVariance: 27, gain: 0, shift: 0)
    let base = PollEvidence.selectionAdjusted(base: [-20], polled: [seat], slope: 0.25, environmentMean: 4)
    let joint = try JointPollPosterior.condition(polled: [seat], sharedSD: 2, base: base, environmentMean: 4, environmentSD: 2,
                                                 prior: try NoiseFactor.lowRank(of: cov))
    #expect(abs(joint.expectedMargins[0] - -10.738095) < 1e-6)
  }
}
