import Foundation

/// How honest the stated uncertainty of several cycles' forecasts was (docs/model.md §7.7): the
/// environment's error in units of its stated SD, and how many actual seat counts fell inside their
/// 80% intervals, each against what a calibrated forecast would give.
package struct IntervalHonesty: Codable, Sendable, Equatable {
  /// One cycle's environment error.
  package struct EnvironmentError: Codable, Sendable, Equatable {
    package var cycle: Int
    /// Posterior mean minus the actual House vote (points).
    package var error: Double
    /// `error / environmentSD`.
    package var z: Double
  }

  /// The cycles with a stated environment SD (a fixed environment has none).
  package var environment: [EnvironmentError]
  /// `sqrt(mean z^2)`: near 1 for stated SDs that match the errors, above 1 for SDs too small.
  package var environmentRMSZ: Double?
  /// The central 90% range of that RMS over as many cycles for calibrated normal forecasts:
  /// `sqrt(chi2_n(0.05) / n)` to `sqrt(chi2_n(0.95) / n)`, n = the cycles. Errors drawn from a Student t
  /// of the same SD (the environment's `nu`) spread the RMS more, so the range is a normal reference, not
  /// a test of a t forecast.
  package var environmentRMSZRange90: [Double]?
  /// Cycles whose actual seat count lay inside the 80% interval, of `cycles`.
  package var inside80: Int
  package var cycles: Int
  /// For calibrated 80% intervals, the chance that at most `inside80` of `cycles` hold the actual
  /// count: the binomial(cycles, 0.8) distribution function at `inside80`.
  package var inside80Probability: Double

  /// Builds it from per-cycle (cycle, environment mean, SD, actual House vote, inside the 80% interval).
  package init(_ rows: [(cycle: Int, mean: Double, sd: Double?, houseVote: Double, inside80: Bool)]) {
    environment = rows.compactMap { r in
      guard let sd = r.sd, sd > 0 else { return nil }
      return EnvironmentError(cycle: r.cycle, error: r.mean - r.houseVote, z: (r.mean - r.houseVote) / sd)
    }
    let n = environment.count
    environmentRMSZ = n == 0 ? nil : (environment.reduce(0) { $0 + $1.z * $1.z } / Double(n)).squareRoot()
    environmentRMSZRange90 = n == 0 ? nil : [0.05, 0.95].map { (ChiSquare.quantile($0, degreesOfFreedom: n) / Double(n)).squareRoot() }
    inside80 = rows.filter(\.inside80).count
    cycles = rows.count
    inside80Probability = Self.binomialCDF(inside80, trials: cycles, p: 0.8)
  }

  /// `P(X <= k)` for X ~ binomial(trials, p).
  static func binomialCDF(_ k: Int, trials: Int, p: Double) -> Double {
    guard k >= 0 else { return 0 }
    var total = 0.0, choose = 1.0
    for i in 0...min(k, trials) {
      if i > 0 { choose *= Double(trials - i + 1) / Double(i) }
      total += choose * pow(p, Double(i)) * pow(1 - p, Double(trials - i))
    }
    return min(1, total)
  }
}

/// The chi-square distribution with integer degrees of freedom (for `IntervalHonesty`).
enum ChiSquare {
  /// `P(X <= x)`: the regularized lower incomplete gamma function `P(k/2, x/2)`, by its power series
  /// (Abramowitz and Stegun 6.5.29), which converges for every x; the terms are summed until they
  /// no longer change the total.
  static func cdf(_ x: Double, degreesOfFreedom k: Int) -> Double {
    guard x > 0 else { return 0 }
    let a = Double(k) / 2, z = x / 2
    var term = 1 / a, sum = term, n = 1.0
    while term > sum * 1e-16, n < 10_000 {
      term *= z / (a + n)
      sum += term
      n += 1
    }
    return min(1, exp(a * log(z) - z - lgamma(a)) * sum)
  }

  /// The quantile at probability q in (0, 1), by bisection on `cdf` to 1e-12 of the value.
  static func quantile(_ q: Double, degreesOfFreedom k: Int) -> Double {
    precondition(q > 0 && q < 1 && k >= 1, "a probability in (0, 1) and at least one degree of freedom")
    var low = 0.0, high = Double(k) + 10 * Double(k).squareRoot() + 50
    while cdf(high, degreesOfFreedom: k) < q { high *= 2 }
    for _ in 0..<200 where high - low > 1e-12 * high {
      let mid = (low + high) / 2
      if cdf(mid, degreesOfFreedom: k) < q { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }
}
