import Foundation

/// Tail probabilities of Snedecor's F distribution, for the house-effect fit's test that the
/// between-pollster variance is zero (docs/fit.md, "House effects").
///
/// `P(F > f) = I_x(d2/2, d1/2)` with `x = d2 / (d2 + d1 f)` and `I` the regularized incomplete beta
/// function (Abramowitz and Stegun 1964, 26.6.2), evaluated by its continued fraction with the
/// modified Lentz method (Press et al., *Numerical Recipes*, 3rd ed., 2007, §6.4, `betacf`).
enum FDistribution {
  /// `P(F > f)` for F with `d1` and `d2` degrees of freedom (both positive); 1 for `f <= 0`.
  /// - Complexity: O(1): at most 300 continued-fraction terms.
  static func survival(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
    precondition(d1 > 0 && d2 > 0, "F degrees of freedom must be positive")
    guard f > 0 else { return 1 }
    guard f.isFinite else { return 0 }
    return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
  }

  /// The regularized incomplete beta function `I_x(a, b)`, `a, b > 0`, `x` in 0...1.
  static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x))
    // The fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  /// The continued fraction of `I_x(a, b)` (Numerical Recipes' `betacf`), modified Lentz.
  private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300, epsilon = 1e-15
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0, d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...300 {
      let m = Double(m), m2 = 2 * m
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < epsilon { break }
    }
    return h
  }
}
