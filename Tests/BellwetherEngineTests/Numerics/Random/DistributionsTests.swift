import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

struct DistributionsTests {
  /// n draws from a fixed seed; tolerances are 5 standard errors of each statistic at this n.
  static let n = 400_000

  @Test func normalMomentsWithin5StandardErrors() {
    var rng = Xoshiro256StarStar(seed: 99)
    var sum = 0.0, sumSq = 0.0, beyond2 = 0, beyond3 = 0
    for _ in 0..<Self.n {
      let z = Distributions.standardNormal(using: &rng)
      sum += z
      sumSq += z * z
      if abs(z) > 2 { beyond2 += 1 }
      if abs(z) > 3.7 { beyond3 += 1 }  // past the ziggurat's base (R = 3.654): exercises the tail path
    }
    let n = Double(Self.n)
    let mean = sum / n
    let variance = sumSq / n - mean * mean
    #expect(abs(mean) < 5 / n.squareRoot())
    #expect(abs(variance - 1) < 5 * (2 / n).squareRoot())          // Var(s^2) = 2 sigma^4 / n
    let p2 = 2 * (1 - TestSupport.normalCDF(2))
    #expect(abs(Double(beyond2) / n - p2) < 5 * (p2 * (1 - p2) / n).squareRoot())
    let p3 = 2 * (1 - TestSupport.normalCDF(3.7))
    #expect(abs(Double(beyond3) / n - p3) < 5 * (p3 * (1 - p3) / n).squareRoot())
  }

  @Test func normalPassesKolmogorovSmirnov() {
    // KS statistic against the erfc-based CDF; the 0.1% critical value is 1.95 / sqrt(n).
    var rng = Xoshiro256StarStar(seed: 5)
    let m = 50_000
    let sample = (0..<m).map { _ in Distributions.standardNormal(using: &rng) }.sorted()
    var d = 0.0
    for (i, x) in sample.enumerated() {
      let f = TestSupport.normalCDF(x)
      d = max(d, abs(f - Double(i) / Double(m)), abs(f - Double(i + 1) / Double(m)))
    }
    #expect(d < 1.95 / Double(m).squareRoot())
  }

  @Test(arguments: [0.5, 2.5, 4.0])
  func chiSquaredMomentsWithin5StandardErrors(df: Double) {
    var rng = Xoshiro256StarStar(seed: 11)
    let m = 200_000
    var sum = 0.0, sumSq = 0.0
    for _ in 0..<m {
      let x = Distributions.chiSquared(df: df, using: &rng)
      sum += x
      sumSq += x * x
    }
    let mean = sum / Double(m)
    let variance = sumSq / Double(m) - mean * mean
    // chi2(df): mean df, variance 2 df; SE of the mean sqrt(2 df / m).
    #expect(abs(mean - df) < 5 * (2 * df / Double(m)).squareRoot())
    // Var of the sample variance ~ (mu4 - sigma^4) / m with mu4 = 12 df (df + 4) for chi2.
    let mu4 = 12 * df * (df + 4)
    #expect(abs(variance - 2 * df) < 5 * ((mu4 - 4 * df * df) / Double(m)).squareRoot())
  }

  @Test func unitVarianceTHasUnitVarianceAndTheRightTail() {
    // nu = 10: excess kurtosis 6 / (nu - 4) = 1, so Var(s^2) = (kurtosis - 1) / m = 3 / m.
    var rng = Xoshiro256StarStar(seed: 3)
    let m = 300_000, nu = 10.0
    var sumSq = 0.0, tail = 0
    // t_10's 97.5% quantile is 2.2281389 (tables); on the unit-variance scale it is 2.2281389 * sqrt(8 / 10).
    let q = 2.2281389 * (8.0 / 10).squareRoot()
    for _ in 0..<m {
      let x = Distributions.unitVarianceStudentT(nu: nu, using: &rng)
      sumSq += x * x
      if x > q { tail += 1 }
    }
    #expect(abs(sumSq / Double(m) - 1) < 5 * (3 / Double(m)).squareRoot())
    #expect(abs(Double(tail) / Double(m) - 0.025) < 5 * (0.025 * 0.975 / Double(m)).squareRoot())
  }
}
