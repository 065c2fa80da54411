import Foundation

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
    /// The generic-ballot average on the as-of date, corrected by the mean miss at the as-of date's
    /// horizon (days before the election, interpolated between the table's entries), with the
    /// predictive SD of that miss as `sd` (docs/model.md §2.1; the table is `bellwether fit`'s).
    case genericBallotByHorizon([HorizonMiss], ballotAge: BallotAgeLimit = .standard)
  }

  /// The generic-ballot miss measured at one horizon over earlier cycles (docs/fit.md).
  package struct HorizonMiss: Sendable, Codable, Equatable {
    /// Days before election day the averages were read.
    package var days: Int
    /// Mean miss (average minus House vote), points.
    package var mean: Double
    /// Predictive SD of the next cycle's miss, points.
    package var predictiveSD: Double

    package init(days: Int, mean: Double, predictiveSD: Double) {
      self.days = days
      self.mean = mean
      self.predictiveSD = predictiveSD
    }

    /// The entry at `days`, linear in days between the two entries around it, the nearest entry's
    /// values outside the table. `table` is sorted by days, non-empty.
    package static func interpolate(_ table: [HorizonMiss], days: Int) -> HorizonMiss {
      guard let first = table.first, let last = table.last else { preconditionFailure("an empty horizon table") }
      if days <= first.days { return HorizonMiss(days: days, mean: first.mean, predictiveSD: first.predictiveSD) }
      if days >= last.days { return HorizonMiss(days: days, mean: last.mean, predictiveSD: last.predictiveSD) }
      let upper = table.firstIndex { $0.days >= days }!
      let a = table[upper - 1], b = table[upper]
      let w = Double(days - a.days) / Double(b.days - a.days)
      return HorizonMiss(days: days, mean: a.mean + w * (b.mean - a.mean),
                         predictiveSD: a.predictiveSD + w * (b.predictiveSD - a.predictiveSD))
    }
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
  /// How the standard error of the specials' estimate is computed (`specials.standardError`,
  /// docs/model.md §2.2); nil is `.model`, and is left out of forecast.json's priors.
  package var specialsStandardError: SpecialsStandardError? = nil
  /// Half-life (days) of a special's information (`specials.informationHalfLifeDays`, docs/model.md
  /// §2.2): its variance `tau^2 + v` is multiplied by `2^(age / h)`, so old specials carry less
  /// evidence, not only less relative weight; nil: no decay.
  package var informationHalfLifeDays: Double? = nil

  /// Whether Hartung-Knapp's factor is floored at 1 (`specials.hartungKnappFloor`, docs/model.md §2.2):
  /// `true` uses `max(1, q)`, so the SE is never below the model's; nil or `false`: `q` as estimated,
  /// and nil is left out of forecast.json's priors. Only with `specialsStandardError` `.hartungKnapp`.
  package var hartungKnappFloor: Bool? = nil
  /// Which specials share a cluster effect (`specials.clusters`, docs/model.md §2.2); nil is `.none`
  /// (every special on its own), and is left out of forecast.json's priors.
  package var specialsClusters: SpecialsClusters? = nil

  /// `specialsClusters`, its default applied.
  package var resolvedSpecialsClusters: SpecialsClusters { specialsClusters ?? .none }
  /// Whether each level of special has its own between-special variance (`specials.levelVariances`,
  /// docs/model.md §2.2); nil is `.shared`, and is left out of forecast.json's priors.
  package var specialsLevelVariances: SpecialsLevelVariances? = nil

  /// How the random-effects fit treats the levels of specials (docs/model.md §2.2).
  package enum SpecialsLevelVariances: String, Sendable, Codable, Equatable, CaseIterable {
    /// One `tau^2` for every special; the config's level weights multiply each special's weight.
    case shared
    /// Each level `l` its own `tau_l^2` (DerSimonian-Laird on that level's specials; the pooled `tau^2`
    /// for a level with fewer than `SpecialsCalibration.minimumPerLevel`), and inverse-variance weights
    /// `r / (tau_l^2 + v)`: the level's weight follows from its variance, and the level weights only
    /// select (a level weighted 0 is left out).
    case perLevel = "per-level"
  }

  /// Which specials the random-effects fit treats as correlated (docs/model.md §2.2).
  package enum SpecialsClusters: String, Sendable, Codable, Equatable, CaseIterable {
    /// Every special is its own cluster: `x[i] ~ N(E_s, tau^2 + v)` independently.
    case none
    /// Specials held on the same date in the same state form a cluster sharing one effect
    /// `u[c] ~ N(0, tau^2)`: `x[i] = E_s + u[c] + e[i]`, `e[i] ~ N(0, v)`; the fit is on the clusters'
    /// level-weighted means.
    case sameDayState = "same-day-state"
  }

  /// The standard error of the specials' random-effects estimate (docs/model.md §2.2).
  package enum SpecialsStandardError: String, Sendable, Codable, Equatable, CaseIterable {
    /// The exact variance of the weighted mean under the model, `sum(w^2 (tau^2 + v)) / (sum w)^2`.
    case model
    /// The model's variance times the Hartung-Knapp factor `q = sum((x - E_s)^2 / (tau^2 + v)) / (k - 1)`
    /// (Hartung and Knapp, "On tests of the overall treatment effect in meta-analysis with normally
    /// distributed responses", Statistics in Medicine 20(12), 2001, doi:10.1002/sim.791), which
    /// accounts for the estimated weights; with inverse-variance weights it is their estimator.
    case hartungKnapp = "hartung-knapp"
  }

  /// Incumbency advantage `a` in margin points.
  package var incumbencyAdvantage: Double
  /// The linear district baseline (docs/model.md §1.5), or nil for the uniform rule `lean + inc`.
  package var districtBaseline: DistrictBaseline? = nil

  /// Total district-noise SD = max(minimumSD, scaleFromTau * tau).
  var noiseScaleFromTau: Double
  /// Floor on the total district-noise SD (points).
  var noiseMinimumSD: Double
  /// Variance shares of the total district noise: state, region, lean kernel, idiosyncratic (sum 1).
  package var noiseShares: NoiseShares
  /// Length `l` of the lean kernel `exp(-(lean_i - lean_k)^2 / (2 l^2))`, in points.
  package var kernelLength: Double
  /// The state, region and lean-kernel SDs in points (`noise.componentSD`, docs/model.md §3.4), fitted from
  /// past cycles' residuals (docs/fit.md, "Noise structure"); they replace `sqrt(share) x total` of
  /// §3.1 for those three terms. Nil: the shares of the total.
  package var noiseComponentSD: NoiseComponentSD? = nil

  /// The SDs of the three shared terms of the district noise, in points (docs/model.md §3.1, §3.4).
  package struct NoiseComponentSD: Sendable, Codable, Equatable {
    package var state: Double
    package var region: Double
    package var lean: Double

    /// Creates the SDs.
    package init(state: Double, region: Double, lean: Double) {
      self.state = state
      self.region = region
      self.lean = lean
    }
  }
  /// The factor on the district noise's covariance (`noise.varianceInflation`, docs/model.md §3.4): every
  /// term of §3.1 and each seat's class total of §3.4 are multiplied by it (its SDs by its square root), the
  /// shared-error columns of §3.5 are not. `bellwether fit` estimates it from earlier cycles' out-of-sample
  /// errors (docs/fit.md, "Tails"). Nil: 1.
  package var noiseVarianceInflation: Double? = nil
  /// The values `noise.varianceInflation` takes; `bellwether fit` searches the same range.
  package static let noiseVarianceInflationRange: ClosedRange<Double> = 0.25...4
  /// That range as messages print it, "0.25...4".
  package static var noiseVarianceInflationRangeText: String {
    String(format: "%g...%g", noiseVarianceInflationRange.lowerBound, noiseVarianceInflationRange.upperBound)
  }
  /// Degrees of freedom of the multivariate-t district noise; `.infinity` means Gaussian.
  package var noiseNu: Double
  /// What the noise covariance Sigma is to the multivariate t (`noise.tScale`, docs/model.md §3.3);
  /// nil is `.sd` (Sigma is its covariance), and is left out of forecast.json's priors.
  package var noiseTScale: NoiseTScale? = nil

  /// How a multivariate-t draw scales the Gaussian noise vector (docs/model.md §3.3).
  package enum NoiseTScale: String, Sendable, Codable, Equatable, CaseIterable {
    /// `sqrt((nu - 2) / chi2_nu)`: Sigma is the t's covariance, so every seat keeps its SD and the
    /// central intervals narrow (a t with the Gaussian's variance has thinner shoulders).
    case sd
    /// `sqrt(nu / chi2_nu)`: Sigma is the t's scale matrix (the covariance is `nu / (nu - 2) Sigma`),
    /// so every central interval is wider than the Gaussian's of covariance Sigma (Kotz and
    /// Nadarajah, "Multivariate t Distributions and Their Applications", 2004, §1.1).
    case scale

    /// The numerator `c` of the scale `sqrt(c / chi2_nu)`.
    @inline(__always)
    package func numerator(nu: Double) -> Double { self == .sd ? nu - 2 : nu }
  }

  /// `noiseTScale`, its default applied.
  package var resolvedNoiseTScale: NoiseTScale { noiseTScale ?? .sd }

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
