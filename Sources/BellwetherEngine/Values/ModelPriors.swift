/// Every prior of the model (docs/model.md §1-§3), validated. Nothing statistical is hard-coded
/// elsewhere: these values come from the cycle's config file.
package struct ModelPriors: Sendable, Codable, Equatable {
  /// Where the prior on the national environment E comes from.
  package enum EnvironmentPrior: Sendable, Codable, Equatable {
    /// `E ~ N(mean, sd^2)` as written in the config.
    case fixed(mean: Double, sd: Double)
    /// The generic-ballot average on the as-of date, corrected by the mean miss of the final
    /// average against the House vote in `missCycles`, with those misses' spread as `sd`; an
    /// average older than `ballotAge` allows is refused or warned about.
    case genericBallot(missCycles: ClosedRange<Int>, ballotAge: BallotAgeLimit = .standard)
  }

  /// The environment prior.
  var environmentPrior: EnvironmentPrior
  /// Degrees of freedom of the national t draw; `.infinity` means normal.
  package var environmentNu: Double

  /// Translation of the specials' estimate: intercept `alpha` (points).
  package var translationAlpha: Double
  /// Translation slope `beta`: general-election points per point of special-election environment.
  package var translationBeta: Double
  /// Translation noise `sigmaT` (points).
  package var translationSD: Double
  /// Recency half-life of a special's weight, in days.
  var recencyHalfLifeDays: Double
  /// Sampling/turnout noise of one special (points): `v[i] = samplingSD^2`.
  var specialSamplingSD: Double
  /// Per-level weight factors, keyed by `SpecialElection.level`.
  var levelWeights: [String: Double]

  /// Incumbency advantage `a` in margin points.
  package var incumbencyAdvantage: Double

  /// Total district-noise SD = max(minimumSD, scaleFromTau * tau).
  var noiseScaleFromTau: Double
  /// Floor on the total district-noise SD (points).
  var noiseMinimumSD: Double
  /// Variance shares of the total district noise: state, region, lean kernel, idiosyncratic (sum 1).
  var noiseShares: NoiseShares
  /// Length `l` of the lean kernel `exp(-(lean_i - lean_k)^2 / (2 l^2))`, in points.
  package var kernelLength: Double
  /// Degrees of freedom of the multivariate-t district noise; `.infinity` means Gaussian.
  package var noiseNu: Double

  /// Variance shares of the district noise.
  package struct NoiseShares: Sendable, Codable, Equatable {
    package var state: Double
    package var region: Double
    package var lean: Double
    package var idiosyncratic: Double

    /// Creates shares (they should sum to one).
    package init(state: Double, region: Double, lean: Double, idiosyncratic: Double) {
      self.state = state
      self.region = region
      self.lean = lean
      self.idiosyncratic = idiosyncratic
    }
  }

  /// Creates priors.
  package init(environmentPrior: EnvironmentPrior, environmentNu: Double, translationAlpha: Double,
              translationBeta: Double, translationSD: Double, recencyHalfLifeDays: Double,
              specialSamplingSD: Double, levelWeights: [String: Double], incumbencyAdvantage: Double,
              noiseScaleFromTau: Double, noiseMinimumSD: Double, noiseShares: NoiseShares,
              kernelLength: Double, noiseNu: Double) {
    self.environmentPrior = environmentPrior
    self.environmentNu = environmentNu
    self.translationAlpha = translationAlpha
    self.translationBeta = translationBeta
    self.translationSD = translationSD
    self.recencyHalfLifeDays = recencyHalfLifeDays
    self.specialSamplingSD = specialSamplingSD
    self.levelWeights = levelWeights
    self.incumbencyAdvantage = incumbencyAdvantage
    self.noiseScaleFromTau = noiseScaleFromTau
    self.noiseMinimumSD = noiseMinimumSD
    self.noiseShares = noiseShares
    self.kernelLength = kernelLength
    self.noiseNu = noiseNu
  }
}
