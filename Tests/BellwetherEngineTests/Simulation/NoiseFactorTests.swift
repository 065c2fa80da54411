import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

struct NoiseFactorTests {
  static func smallCovariance() -> NoiseCovariance {
    NoiseCovariance(states: ["A", "A", "B", "B", "C"], regions: ["X", "X", "X", "Y", "Y"], leans: [-10, -2, 0, 3, 15],
                    scales: NoiseScales(state: 2, region: 1.5, lean: 3, idiosyncratic: 4), kernelLength: 8)
  }


  @Test(.tags(.slow), .skippedInFastRuns, arguments: NoiseFactor.Method.allCases)
  func sampleCovarianceMatchesSigmaWithinTolerance(method: NoiseFactor.Method) throws {
    // eps = F z (+ d .* w) with the simulator's generator. Var of a sample covariance entry is
    // (Sigma_ij^2 + Sigma_ii Sigma_jj) / n for Gaussian data; tolerance 5 of those SEs, plus the
    // factor's own approximation error for the low-rank path.
    let covariance = Self.smallCovariance()
    let sigma = covariance.matrix()
    let factor = method == .cholesky ? try NoiseFactor.cholesky(of: sigma)
      : method == .lowRank ? try NoiseFactor.lowRank(of: covariance) : try NoiseFactor.structured(of: covariance)
    let n = 5, draws = 200_000
    var rng = Xoshiro256StarStar(seed: 8)
    var sums = [Double](repeating: 0, count: n * n)
    var eps = [Double](repeating: 0, count: n)
    var z = [Double](repeating: 0, count: factor.rank)
    for _ in 0..<draws {
      for k in 0..<factor.rank { z[k] = Distributions.standardNormal(using: &rng) }
      let shared = factor.memberships.map { m in (0..<m.groups).map { _ in Distributions.standardNormal(using: &rng) } }
      for i in 0..<n {
        var v = 0.0
        for k in 0..<factor.rank { v += Double(factor.loadings[i + k * n]) * z[k] }
        for (m, u) in zip(factor.memberships, shared) { v += Double(m.loading) * u[Int(m.groupOf[i])] }
        if !factor.idiosyncratic.isEmpty { v += Double(factor.idiosyncratic[i]) * Distributions.standardNormal(using: &rng) }
        eps[i] = v
      }
      for i in 0..<n { for j in 0..<n { sums[i + j * n] += eps[i] * eps[j] } }
    }
    for i in 0..<n {
      for j in 0..<n {
        let sample = sums[i + j * n] / Double(draws)
        let se = ((sigma[i, j] * sigma[i, j] + sigma[i, i] * sigma[j, j]) / Double(draws)).squareRoot()
        #expect(abs(sample - sigma[i, j]) < 5 * se + factor.maxAbsoluteError + 1e-4)
      }
    }
  }

  /// Sigma entry by entry from its definition (docs/model.md §3.1), not through
  /// `NoiseCovariance.matrix()`: `Sigma[i][k] = sState^2 [same state] + sRegion^2 [same region]
  /// + sLean^2 exp(-(lean_i - lean_k)^2 / (2 l^2)) + sIdio^2 [i == k]`.
  static func sigmaByDefinition(_ c: NoiseCovariance) -> [[Double]] {
    let s = c.scales
    return (0..<c.count).map { i in
      (0..<c.count).map { k in
        let gap = c.leans[i] - c.leans[k]
        return (c.states[i] == c.states[k] ? s.state * s.state : 0) + (c.regions[i] == c.regions[k] ? s.region * s.region : 0)
          + s.lean * s.lean * exp(-gap * gap / (2 * c.kernelLength * c.kernelLength)) + (i == k ? s.idiosyncratic * s.idiosyncratic : 0)
      }
    }
  }

  /// The covariance a factor implies, rebuilt here from its parts, not through
  /// `NoiseFactor.impliedCovariance()`: `F F'` summed term by term, plus `loading^2` for every pair
  /// of seats in one group of a membership, plus `D^2` on the diagonal.
  static func denseReconstruction(_ f: NoiseFactor) -> [[Double]] {
    let n = f.seats
    var c = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for k in 0..<n {
        var v = 0.0
        for r in 0..<f.rank { v += Double(f.loadings[i + r * n]) * Double(f.loadings[k + r * n]) }
        for m in f.memberships where m.groupOf[i] == m.groupOf[k] { v += Double(m.loading) * Double(m.loading) }
        if i == k && !f.idiosyncratic.isEmpty { v += Double(f.idiosyncratic[i]) * Double(f.idiosyncratic[i]) }
        c[i][k] = v
      }
    }
    return c
  }

  @Test func lowRankKeepsVariancesExactAndReportsItsError() throws {
    // Two covariances: the small one (5 seats), whose lean kernel keeps every eigenvalue, and 60
    // seats with leans 0.5 apart under a kernel of length 10, whose kernel is numerically of low
    // rank: most of its eigenvalues fall under 1e-4 of the largest and are dropped, so the factor's
    // error is a real truncation error, not only rounding.
    let crowded = NoiseCovariance(states: (0..<60).map { "S\($0 % 6)" }, regions: (0..<60).map { "R\($0 % 2)" },
                                  leans: (0..<60).map { Double($0) * 0.5 - 15 },
                                  scales: NoiseScales(state: 2, region: 1.5, lean: 3, idiosyncratic: 4), kernelLength: 10)
    for covariance in [Self.smallCovariance(), crowded] {
      let factor = try NoiseFactor.lowRank(of: covariance)
      let sigma = Self.sigmaByDefinition(covariance)
      let implied = Self.denseReconstruction(factor)
      let n = covariance.count
      // Variances exact up to the factor's single-precision loadings: each of the at most
      // rank + 3 terms of a variance (each under 41 points^2 here) is a float squared, off by at most
      // 2 * 2^-24 of itself, so the variance by at most 2 * 2^-24 * 41 < 5e-6 in all.
      for i in 0..<n { #expect(abs(implied[i][i] - sigma[i][i]) < 5e-6, "seat \(i)") }
      // The reported error is the largest entry of |Sigma - Cov(eps)|. The two routes differ only in
      // double rounding: each entry sums at most rank + 3 terms under 41, so each route is within
      // (rank + 3) * 41 * 2^-53 (under 1e-12 for rank <= 60) of the exact sum; 1e-9 is far beyond that.
      var worst = 0.0, squares = 0.0
      for i in 0..<n {
        for k in 0..<n {
          worst = max(worst, abs(implied[i][k] - sigma[i][k]))
          squares += (implied[i][k] - sigma[i][k]) * (implied[i][k] - sigma[i][k])
        }
      }
      #expect(abs(worst - factor.maxAbsoluteError) < 1e-9)
      // The reported Frobenius norm likewise: two norms differ by at most the norm of the
      // difference, at most n times its largest entry (under 1e-12 by the same argument).
      #expect(abs(squares.squareRoot() - factor.frobeniusError) < 1e-9 * Double(n))
      #expect(factor.frobeniusError >= factor.maxAbsoluteError && factor.frobeniusError <= Double(n) * factor.maxAbsoluteError)
      #expect(factor.maxAbsoluteError < 0.1)
      if n == 60 {
        #expect(factor.rank < n / 2)  // the truncation happened
        #expect(worst > 1e-6)         // and costs more than float rounding
      }
    }
  }
}
