import BellwetherEngine
import Foundation

/// The likelihoods `TailFit` profiles: the univariate Student t of the environment's misses and the
/// multivariate t (or Gaussian) of a cycle's district errors.
extension TailFit {
  /// The log-likelihood of `x` under a Student t with `nu` degrees of freedom (`.infinity`: the
  /// Gaussian), its location and scale at their maximum: for the Gaussian the mean and the root mean
  /// square deviation; for a t, the EM iteration of Lange, Little and Taylor (1989, JASA 84:881) from
  /// those, weights `(nu + 1) / (nu + d^2)`, `d` the standardised deviation, until the scale and the
  /// location move less than 1e-12 relative to the scale (at most 10,000 steps; the misses of a fit settle
  /// in well under a hundred).
  /// - Returns: the log-likelihood, the location and the scale (`sigma`; the SD is `sigma sqrt(nu / (nu − 2))`).
  package static func studentT(_ x: [Double], nu: Double) -> (logLikelihood: Double, location: Double, scale: Double) {
    let n = Double(x.count)
    var mu = x.reduce(0, +) / n
    var s2 = x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
    if nu.isInfinite {
      return (-n / 2 * log(2 * Double.pi * s2) - n / 2, mu, s2.squareRoot())
    }
    for _ in 0..<10_000 {
      let previousMu = mu
      let w = x.map { (nu + 1) / (nu + ($0 - mu) * ($0 - mu) / s2) }
      let sw = w.reduce(0, +)
      mu = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
      let next = zip(w, x).reduce(0) { $0 + $1.0 * ($1.1 - mu) * ($1.1 - mu) } / n
      let settled = abs(next - s2) <= 1e-12 * s2 && abs(mu - previousMu) <= 1e-12 * s2.squareRoot()
      s2 = next
      if settled { break }
    }
    let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi) - 0.5 * log(s2)
    let ll = x.reduce(0) { $0 + logC - (nu + 1) / 2 * log1p(($1 - mu) * ($1 - mu) / (s2 * nu)) }
    return (ll, mu, s2.squareRoot())
  }

  /// The log-density of an `n`-vector under a multivariate t with `nu` degrees of freedom and scale
  /// matrix `S` (Kotz and Nadarajah 2004, eq. 1.1), given `q = e' S^-1 e` and `log det S`; `.infinity`:
  /// the Gaussian with covariance `S`.
  package static func multivariateTLogDensity(mahalanobis q: Double, dimension n: Int, logDeterminant: Double, nu: Double) -> Double {
    let d = Double(n)
    if nu.isInfinite { return -d / 2 * log(2 * Double.pi) - logDeterminant / 2 - q / 2 }
    return lgamma((nu + d) / 2) - lgamma(nu / 2) - d / 2 * log(nu * Double.pi) - logDeterminant / 2
      - (nu + d) / 2 * log1p(q / nu)
  }

  /// The log-density of a cycle's errors at `nu` under a convention of docs/model.md §3.3: with `sd`,
  /// Sigma is the covariance, so the scale matrix is `(nu − 2)/nu Sigma`.
  package static func logDensity(_ c: NoiseCycle, nu: Double, convention: ModelPriors.NoiseTScale) -> Double {
    logLikelihood([c], nu: nu, factor: convention == .sd && nu.isFinite ? (nu - 2) / nu : 1)
  }

  /// The Gaussian's factor on Sigma, `sum q / sum seats` (its likelihood's maximum), and its SE: the larger of
  /// the cluster-robust SE over the cycles, `sqrt(m/(m − 1) sum n_c^2 (ratio_c − k)^2) / sum n_c`, and the
  /// model's own, `k sqrt(2 / sum n_c)` (q is chi-square with n degrees of freedom times k): with two or three
  /// cycles that happen to agree the robust one alone would claim far too much. Nil below two cycles.
  static func gaussianFactor(_ cycles: [NoiseCycle]) -> (factor: Double, standardError: Double?) {
    let q = cycles.reduce(0) { $0 + $1.mahalanobis }, n = Double(cycles.reduce(0) { $0 + $1.seats }), k = q / n
    let m = Double(cycles.count)
    guard cycles.count >= 2 else { return (k, nil) }
    let robust = (m / (m - 1) * cycles.reduce(0) { $0 + pow(Double($1.seats) * ($1.ratio - k), 2) }).squareRoot() / n
    return (k, max(robust, k * (2 / n).squareRoot()))
  }

  /// The log-likelihood of the cycles with the scale matrix `k Sigma`: `q / k` and `log det + n log k`.
  static func logLikelihood(_ cycles: [NoiseCycle], nu: Double, factor k: Double) -> Double {
    cycles.reduce(0) { sum, c in
      sum + multivariateTLogDensity(mahalanobis: c.mahalanobis / k, dimension: c.seats, logDeterminant: c.logDeterminant + Double(c.seats) * log(k), nu: nu)
    }
  }

  /// The factor `k` in `ModelPriors.noiseVarianceInflationRange` (0.25...4, the config's range) of largest
  /// likelihood at `nu`, by golden-section search on `log k` (200 steps; the likelihood is unimodal in
  /// `log k`, and flat at its maximum to the square root of machine precision, so `k` is found to about 1e-8
  /// relative). `atBound`: the search ended within 1e-6 (relative) of an end of the range, so the maximum
  /// may lie outside it and `factor` is only that end.
  static func bestFactor(_ cycles: [NoiseCycle], nu: Double) -> (factor: Double, logLikelihood: Double, atBound: Bool) {
    let ratio = (5.0.squareRoot() - 1) / 2
    let range = ModelPriors.noiseVarianceInflationRange
    var a = log(range.lowerBound), b = log(range.upperBound)
    var c = b - ratio * (b - a), d = a + ratio * (b - a)
    var fc = logLikelihood(cycles, nu: nu, factor: exp(c)), fd = logLikelihood(cycles, nu: nu, factor: exp(d))
    for _ in 0..<200 {
      if fc >= fd {
        b = d; d = c; fd = fc
        c = b - ratio * (b - a); fc = logLikelihood(cycles, nu: nu, factor: exp(c))
      } else {
        a = c; c = d; fc = fd
        d = a + ratio * (b - a); fd = logLikelihood(cycles, nu: nu, factor: exp(d))
      }
    }
    let u = (a + b) / 2
    let atBound = abs(u - log(range.lowerBound)) < 1e-6 || abs(u - log(range.upperBound)) < 1e-6
    return (exp(u), logLikelihood(cycles, nu: nu, factor: exp(u)), atBound)
  }
}
