/// The posterior national environment `N(mean, sd^2)` (MODEL.md section 2): the specials' estimate,
/// translated to a general-election environment `N(alpha + beta E_s, beta^2 SE^2 + sigmaT^2)`, combined
/// by precision weighting with the prior (the conjugate normal update).
public struct EnvironmentPosterior: Sendable, Codable, Equatable {
  /// The prior.
  public var prior: ResolvedEnvironmentPrior
  /// The translated specials' reading (nil without specials).
  public var specialsMean: Double?
  public var specialsSD: Double?
  /// Posterior mean muE.
  public var mean: Double
  /// Posterior SD sigmaE.
  public var sd: Double

  /// Combines prior and specials.
  public init(prior: ResolvedEnvironmentPrior, calibration: SpecialsCalibration, priors: ModelPriors) {
    self.prior = prior
    guard let es = calibration.estimate, let se = calibration.standardError else {
      specialsMean = nil
      specialsSD = nil
      mean = prior.mean
      sd = prior.sd
      return
    }
    let m = priors.translationAlpha + priors.translationBeta * es
    let variance = priors.translationBeta * priors.translationBeta * se * se + priors.translationSD * priors.translationSD
    specialsMean = m
    specialsSD = variance.squareRoot()
    if variance == 0 {
      mean = m
      sd = 0
      return
    }
    let precision = 1 / (prior.sd * prior.sd) + 1 / variance
    mean = (prior.mean / (prior.sd * prior.sd) + m / variance) / precision
    sd = (1 / precision).squareRoot()
  }
}
