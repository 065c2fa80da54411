import Foundation
import Testing
@testable import BellwetherEngine

struct EnvironmentDrawDistributionTests {
  @Test(arguments: [Double.infinity, 5, 3])
  func densityIntegratesToOneWithTheStatedSD(nu: Double) {
    let d = EnvironmentDrawDistribution(mean: 3, sd: 2, nu: nu)
    // Over +-400 SD (t tails are heavy) in 0.5-point Simpson panels: mass 1, mean 3, variance 4.
    var mass = 0.0, first = 0.0, second = 0.0
    for k in -1600..<1600 {
      let (p, m) = d.interval(3 + Double(k) * 0.5, 3 + Double(k + 1) * 0.5, panels: 16)
      mass += p
      first += p * m
      second += p * m * m
    }
    #expect(abs(mass - 1) < 1e-4)
    #expect(abs(first - 3) < 1e-6)
    // E[m^2] underestimates E[E^2] by E[Var(E | bin)] <= 0.5^2 / 12; nu = 3 has a variance but
    // its tails beyond +-800 points still hold about 2e-5 of it, so compare loosely there.
    #expect(abs((second - 9) - 4) < (nu == 3 ? 0.05 : 0.025))
  }

  @Test func normalDensityMatchesTheClosedForm() {
    let d = EnvironmentDrawDistribution(mean: 1, sd: 2, nu: .infinity)
    #expect(abs(d.density(1) - 1 / (2 * (2 * Double.pi).squareRoot())) < 1e-15)
    // P(1 <= E < 3) = Phi(1) - Phi(0) = erf(1 / sqrt 2) / 2.
    #expect(abs(d.interval(1, 3).probability - erf(1 / 2.0.squareRoot()) / 2) < 1e-9)
  }

  @Test func tDensityMatchesTheClosedFormAtNuFive() {
    // nu = 5, sd = 1: scale s = sqrt(3/5); t5 density at 0 is 8 / (3 pi sqrt 5).
    let d = EnvironmentDrawDistribution(mean: 0, sd: 1, nu: 5)
    #expect(abs(d.density(0) - 8 / (3 * Double.pi * 5.0.squareRoot()) / (3.0 / 5).squareRoot()) < 1e-12)
  }

  @Test func conditionalMeanLeansTowardsTheMode() {
    let d = EnvironmentDrawDistribution(mean: 0, sd: 2, nu: .infinity)
    // Symmetric bin: the midpoint. A bin right of the mean is pulled left; the truncated-normal
    // mean is mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)) with a, b the standardised ends.
    #expect(abs(d.interval(-0.25, 0.25).mean) < 1e-12)
    func phi(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }
    func cdf(_ z: Double) -> Double { (1 + erf(z / 2.0.squareRoot())) / 2 }
    let (a, b) = (3.75 / 2, 4.25 / 2)
    let exact = 2 * (phi(a) - phi(b)) / (cdf(b) - cdf(a))
    #expect(abs(d.interval(3.75, 4.25).mean - exact) < 1e-9)
    #expect(d.interval(3.75, 4.25).mean < 4)
    // A point mass: all in its bin, none elsewhere.
    let point = EnvironmentDrawDistribution(mean: 5, sd: 0, nu: 5)
    #expect(point.interval(4.5, 5.5) == (1, 5))
    #expect(point.interval(5.5, 6).probability == 0)
  }
}
