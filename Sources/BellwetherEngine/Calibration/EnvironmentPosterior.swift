/// The posterior national environment `N(mean, sd^2)` (docs/model.md §2.3): the specials' estimate,
/// translated to a general-election environment `N(alpha + beta E_s, beta^2 SE^2 + sigmaT^2)`, combined
/// by precision weighting with the prior (the conjugate normal update).
public struct EnvironmentPosterior: Sendable, Codable, Equatable {
  /// The prior.
  package var prior: ResolvedEnvironmentPrior
  /// The translated specials' reading (nil without specials).
  package var specialsMean: Double?
  package var specialsSD: Double?
  /// Posterior mean muE.
  package var mean: Double
  /// Posterior SD sigmaE.
  package var sd: Double

  /// Which evidence the posterior uses. Backtests compare the three (issue 4); forecasts use both.
  public enum Evidence: String, Sendable, Codable, CaseIterable {
    /// The prior, updated by the translated specials (docs/model.md §2.3).
    case priorAndSpecials = "prior+specials"
    /// The prior alone: the specials are ignored.
    case priorOnly = "prior"
    /// The translated specials alone, `N(alpha + beta E_s, beta^2 SE^2 + sigmaT^2)`: the prior is
    /// ignored. Without specials there is no reading, and the prior is used.
    case specialsOnly = "specials"
  }

  /// Which evidence was used.
  package var evidence: Evidence = .priorAndSpecials

  /// Combines prior and specials (or uses one of them, as `evidence` says).
  package init(prior: ResolvedEnvironmentPrior, calibration: SpecialsCalibration, priors: ModelPriors,
              evidence: Evidence = .priorAndSpecials) {
    self.prior = prior
    self.evidence = evidence
    guard evidence != .priorOnly, let es = calibration.estimate, let se = calibration.standardError else {
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
    if variance == 0 || evidence == .specialsOnly {
      mean = m
      sd = variance.squareRoot()
      return
    }
    let precision = 1 / (prior.sd * prior.sd) + 1 / variance
    mean = (prior.mean / (prior.sd * prior.sd) + m / variance) / precision
    sd = (1 / precision).squareRoot()
  }
}
