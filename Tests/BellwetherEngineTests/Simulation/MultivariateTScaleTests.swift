import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// `noise.tScale` (docs/model.md §3.3): the 80% interval of a seat's margin offset under a
/// multivariate-t district noise, against the Student-t quantile computed here by its own route
/// (Simpson integration of the t density, bisection), not by the engine's arithmetic.
struct MultivariateTScaleTests {
  /// The Student-t density with `nu` degrees of freedom, from its closed form.
  static func tDensity(_ x: Double, nu: Double) -> Double {
    exp(lgamma((nu + 1) / 2) - lgamma(nu / 2)) / (nu * Double.pi).squareRoot() * pow(1 + x * x / nu, -(nu + 1) / 2)
  }

  /// P(T <= q) for q >= 0: 1/2 plus Simpson's rule on [0, q] with 4,000 panels (error far below 1e-9
  /// for these smooth densities).
  static func tCDF(_ q: Double, nu: Double) -> Double {
    let panels = 4000, h = q / Double(panels)
    var sum = tDensity(0, nu: nu) + tDensity(q, nu: nu)
    for k in 1..<panels { sum += (k % 2 == 1 ? 4 : 2) * tDensity(Double(k) * h, nu: nu) }
    return 0.5 + sum * h / 3
  }

  /// The t's `level` quantile (level > 1/2) by bisection on `tCDF`.
  static func tQuantile(_ level: Double, nu: Double) -> Double {
    var lo = 0.0, hi = 20.0
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if tCDF(mid, nu: nu) < level { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }

  /// The integration reproduces the tables: t_{0.90} = 1.475884 (5 df) and 1.396815 (8 df), and the
  /// normal's z_{0.90} = 1.2815516 is below both (Abramowitz and Stegun, table 26.10).
  @Test func theIntegratedQuantilesMatchTheTables() {
    #expect(abs(Self.tQuantile(0.9, nu: 5) - 1.475884) < 2e-6)
    #expect(abs(Self.tQuantile(0.9, nu: 8) - 1.396815) < 2e-6)
  }

  /// One seat, margin `2 + s * 5 Z` with a fixed environment. Under `.scale` the offset is 5 times a
  /// Student t, so its 80% interval is `2 -+ 5 t_{0.9}` (wider than the Gaussian's `2 -+ 5 z_{0.9}`);
  /// under `.sd` it is `2 -+ 5 t_{0.9} sqrt((nu - 2) / nu)` (narrower). Tolerance: the SE of a sample
  /// quantile is `sqrt(p (1 - p) / n) / f(q)`, with f the offset's density at q (the t density over
  /// the scale); 5 SE plus half a histogram bin (the interval is read from 0.25-point bins).
  @Test(arguments: [5.0, 8.0])
  func theScaleConventionWidensTheCentral80PercentIntervalAndSDNarrowsIt(nu: Double) throws {
    let draws = 100_000, sd = 5.0, z90 = 1.2815516
    let t90 = Self.tQuantile(0.9, nu: nu)
    for convention in ModelPriors.NoiseTScale.allCases {
      let scale = sd * (convention == .sd ? ((nu - 2) / nu).squareRoot() : 1)
      let plan = try TestSupport.independentPlan(base: [2], noiseSD: sd, environmentMean: 0, environmentSD: 0, noiseNu: nu,
                                                 noiseTScale: convention, majority: 1, draws: draws)
      let tallies = try #require(Simulator.run(plan: plan, threads: 2))
      let origin = 2 - plan.marginWindow
      let q10 = ForecastResult.histogramQuantile(tallies.offsetHistogram, level: 0.1, origin: origin, width: SimulationPlan.marginBinWidth)
      let q90 = ForecastResult.histogramQuantile(tallies.offsetHistogram, level: 0.9, origin: origin, width: SimulationPlan.marginBinWidth)
      let density = Self.tDensity(t90, nu: nu) / scale
      let tolerance = 5 * (0.09 / Double(draws)).squareRoot() / density + SimulationPlan.marginBinWidth / 2
      #expect(abs(q10 - (2 - scale * t90)) < tolerance, "\(convention) nu \(nu)")
      #expect(abs(q90 - (2 + scale * t90)) < tolerance, "\(convention) nu \(nu)")
      // Against the Gaussian of covariance Sigma (half-width sd * z90): wider under .scale, narrower
      // under .sd, each by more than the tolerance.
      let halfWidth = (q90 - q10) / 2, gaussian = sd * z90
      if convention == .scale {
        #expect(halfWidth - gaussian > tolerance, "nu \(nu): \(halfWidth) against \(gaussian)")
      } else {
        #expect(gaussian - halfWidth > tolerance, "nu \(nu): \(halfWidth) against \(gaussian)")
      }
    }
  }

  /// The scale itself: `z * sqrt(c / chi2)` with c = nu (`.scale`) has 80% of its draws within
  /// -+t_{0.9}, and with c = nu - 2 (`.sd`) within -+t_{0.9} sqrt((nu - 2) / nu). Binomial tolerance:
  /// 5 sqrt(0.16 / m).
  @Test func theDrawnScaleGivesAStudentTOfScaleOne() {
    let nu = 5.0, m = 200_000, t90 = Self.tQuantile(0.9, nu: nu)
    for convention in ModelPriors.NoiseTScale.allCases {
      var rng = Xoshiro256StarStar(seed: 17)
      let bound = t90 * (convention == .sd ? ((nu - 2) / nu).squareRoot() : 1)
      var inside = 0
      for _ in 0..<m {
        let z = Distributions.standardNormal(using: &rng)
        if abs(z * Distributions.multivariateTScale(nu: nu, convention: convention, using: &rng)) < bound { inside += 1 }
      }
      #expect(abs(Double(inside) / Double(m) - 0.8) < 5 * (0.16 / Double(m)).squareRoot(), "\(convention)")
    }
  }
}
