import Foundation

/// The distribution the draw kernel samples the national environment from (docs/model.md §2.4):
/// `E = mean + sd * t_nu * sqrt((nu - 2) / nu)`, a Student t rescaled to standard deviation `sd`
/// (normal when `nu` is infinite, a point mass when `sd` is 0).
///
/// Used to draw the posterior curve and to locate the environment inside a histogram bin; it never
/// samples.
package struct EnvironmentDrawDistribution: Sendable, Equatable {
  package var mean: Double
  package var sd: Double
  package var nu: Double

  /// Creates the distribution.
  package init(mean: Double, sd: Double, nu: Double) {
    precondition(sd >= 0 && (nu > 2 || !nu.isFinite))
    self.mean = mean
    self.sd = sd
    self.nu = nu
  }

  /// The distribution a plan draws from.
  package init(plan: SimulationPlan) {
    self.init(mean: plan.environmentMean, sd: plan.environmentSD, nu: plan.environmentNu)
  }

  /// The density at x (0 everywhere for a point mass).
  ///
  /// Student t density: `Gamma((nu+1)/2) / (sqrt(nu pi) Gamma(nu/2)) (1 + t^2/nu)^(-(nu+1)/2)`, with
  /// `t = (x - mean) / s` and scale `s = sd sqrt((nu - 2) / nu)`.
  package func density(_ x: Double) -> Double {
    guard sd > 0 else { return 0 }
    guard nu.isFinite else {
      let z = (x - mean) / sd
      return exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
    }
    let scale = sd * ((nu - 2) / nu).squareRoot()
    let t = (x - mean) / scale
    let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
    return exp(logC - (nu + 1) / 2 * log1p(t * t / nu)) / scale
  }

  /// The probability and the conditional mean of E on `[low, high)`, by composite Simpson's rule
  /// over `panels` panels (exact enough for a bin far narrower than `sd`).
  /// - Returns: (probability, mean of E given E in the interval); the mean is the midpoint when the
  ///   probability is zero.
  package func interval(_ low: Double, _ high: Double, panels: Int = 64) -> (probability: Double, mean: Double) {
    precondition(high > low && panels >= 2 && panels % 2 == 0)
    guard sd > 0 else {
      return (low <= mean && mean < high) ? (1, mean) : (0, (low + high) / 2)
    }
    let step = (high - low) / Double(panels)
    var mass = 0.0, moment = 0.0
    for i in 0...panels {
      let x = low + Double(i) * step
      let weight: Double = (i == 0 || i == panels) ? 1 : (i % 2 == 1 ? 4 : 2)
      let f = density(x)
      mass += weight * f
      moment += weight * f * x
    }
    mass *= step / 3
    moment *= step / 3
    return mass > 0 ? (mass, moment / mass) : (0, (low + high) / 2)
  }
}
