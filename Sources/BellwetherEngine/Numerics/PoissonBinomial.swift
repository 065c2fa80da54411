import Foundation

/// The distribution of a sum of independent Bernoulli variables with probabilities `p_i` (the
/// Poisson-binomial): the conditional seat count of one draw given its shared components
/// (docs/model.md §4.3).
package enum PoissonBinomial {
  /// The exact probabilities `P(S = s)`, `s = 0...n`, by the recursion over seats
  /// `P_i(s) = P_{i-1}(s) (1 - p_i) + P_{i-1}(s - 1) p_i` (the direct convolution; Y. Hong,
  /// "On computing the distribution function for the Poisson binomial distribution",
  /// Computational Statistics & Data Analysis 59, 2013, section 2). O(n^2); for tests and checks.
  package static func exact(_ p: [Double]) -> [Double] {
    var pmf = [Double](repeating: 0, count: p.count + 1)
    pmf[0] = 1
    for (i, q) in p.enumerated() {
      var s = i + 1
      while s > 0 {
        pmf[s] = pmf[s] * (1 - q) + pmf[s - 1] * q
        s -= 1
      }
      pmf[0] *= 1 - q
    }
    return pmf
  }

  /// `P(S >= k)` by the refined normal approximation (RNA) with continuity correction (A. Yu.
  /// Volkova, "A refinement of the central limit theorem for sums of independent random
  /// indicators", Theory of Probability and its Applications 40, 1996; Hong 2013, section 3.2):
  ///
  ///     P(S <= j) ~ G((j + 1/2 - mu) / sigma),  G(x) = Phi(x) + gamma (1 - x^2) phi(x) / 6,
  ///
  /// with `mu = sum p`, `sigma^2 = sum p (1 - p)`, `gamma = sum p (1 - p) (1 - 2p) / sigma^3`,
  /// clamped to [0, 1]. Given those three sums. When `sigma^2` is below 1e-12 the count is
  /// `mu` rounded (every `p` is 0 or 1 to within 1e-12). Error against `exact` on draws of the
  /// 2018 model: docs/model.md §4.3 (PoissonBinomialTests states and checks the bound).
  @inline(__always)
  package static func atLeast(_ k: Int, mean mu: Double, variance: Double, thirdCumulant: Double) -> Double {
    if variance < 1e-12 { return mu >= Double(k) - 0.5 ? 1 : 0 }
    let sigma = variance.squareRoot()
    let x = (Double(k) - 0.5 - mu) / sigma
    let gamma = thirdCumulant / (variance * sigma)
    let density = exp(-0.5 * x * x) * 0.398_942_280_401_432_7
    let below = 0.5 * erfc(-x * 0.707_106_781_186_547_5) + gamma * (1 - x * x) * density / 6
    return Swift.min(1, Swift.max(0, 1 - below))
  }

  /// `P(S >= k)` by `atLeast(_:mean:variance:thirdCumulant:)` from the probabilities themselves.
  package static func atLeast(_ k: Int, probabilities p: [Double]) -> Double {
    var mu = 0.0, v = 0.0, k3 = 0.0
    for q in p {
      mu += q
      v += q * (1 - q)
      k3 += q * (1 - q) * (1 - 2 * q)
    }
    return atLeast(k, mean: mu, variance: v, thirdCumulant: k3)
  }
}
