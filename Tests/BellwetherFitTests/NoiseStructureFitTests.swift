import Foundation
import Testing
@testable import BellwetherFit

/// The district-noise structure fit (docs/fit.md, "Noise structure") on residuals small enough to
/// solve by hand.
struct NoiseStructureFitTests {
  /// Six seats, two each in states A, B (region R1) and C (region R2), leans 100 points apart, so the
  /// lean kernel of length 2.5 is 0 (to double precision) for every pair: the 15 pairs are 3 of one
  /// state (regressors state 1, region 1), 4 of one region only (region 1) and 8 with nothing shared.
  static func cycle(_ residuals: [Double]) -> [NoiseStructureFit.Residual] {
    let places = [("A", "R1"), ("A", "R1"), ("B", "R1"), ("B", "R1"), ("C", "R2"), ("C", "R2")]
    return residuals.indices.map { NoiseStructureFit.Residual(state: places[$0].0, region: places[$0].1, lean: 100 * Double($0), value: residuals[$0]) }
  }

  @Test func theUnconstrainedFitByHand() throws {
    // Residuals 2, 3, 1, 1, 2, 2. Same-state products 6, 1, 4 (mean 11/3); region-only products
    // 2, 2, 3, 3 (mean 2.5). With a dummy for each, least squares fits each group's mean:
    // v_region = 2.5, v_state + v_region = 11/3, so v_state = 7/6. The lean column is 0: no lean term.
    let fit = try #require(NoiseStructureFit.fit(residualsByCycle: [2018: Self.cycle([2, 3, 1, 1, 2, 2])], lengths: [2.5]))
    #expect(abs(fit.component("state")!.variance - 7.0 / 6) < 1e-12)
    #expect(abs(fit.component("region")!.variance - 2.5) < 1e-12)
    #expect(fit.component("lean")!.variance == 0 && fit.kernelLength == nil)
    #expect(fit.pairs == 15 && fit.seatsByCycle == [2018: 6] && fit.component("state")!.standardError == nil)
    // The mean squared residual: (4 + 9 + 1 + 1 + 4 + 4) / 6.
    #expect(abs(fit.residualVariance - 23.0 / 6) < 1e-12)
  }

  @Test func aNegativeVarianceIsSetToZeroAndTheOthersRefitted() throws {
    // Residuals 2, 3, -1, -1, 2, 2: same-state products 6, 1, 4; region-only -2, -2, -3, -3; the other
    // eight 4, 4, 6, 6, -2, -2, -2, -2. Unconstrained: v_region = -2.5 < 0. Of the non-negative fits,
    // state alone (v_state = 11/3) leaves RSS 114/9 + 26 + 120 = 158.67; region alone (the mean of the
    // seven region pairs, 1/7) leaves 79 - 1/7 + 120 = 198.86; none leaves 199. So v_state = 11/3, v_region = 0.
    let fit = try #require(NoiseStructureFit.fit(residualsByCycle: [2018: Self.cycle([2, 3, -1, -1, 2, 2])], lengths: [2.5]))
    #expect(abs(fit.component("state")!.variance - 11.0 / 3) < 1e-12)
    #expect(fit.component("region")!.variance == 0)
    #expect(abs(fit.lengths[0].residualSumOfSquares - (114.0 / 9 + 26 + 120)) < 1e-9)
  }

  @Test func theJackknifeByHand() throws {
    // Three cycles of the first example's residuals times 1, 2 and 3: each cycle's products, so its
    // variances, scale by 1, 4 and 9, and with the same pairs in each cycle the pooled fit is their mean
    // (14/3 times the first example's); leaving a cycle out gives (13/2, 5, 5/2) times it.
    let base = [2.0, 3, 1, 1, 2, 2]
    let fit = try #require(NoiseStructureFit.fit(residualsByCycle: [2010: Self.cycle(base), 2014: Self.cycle(base.map { 2 * $0 }),
                                                                    2018: Self.cycle(base.map { 3 * $0 })], lengths: [2.5]))
    for (name, v) in [("state", 7.0 / 6), ("region", 2.5)] {
      let c = try #require(fit.component(name))
      #expect(abs(c.variance - 14.0 / 3 * v) < 1e-9, "\(name)")
      #expect(abs(c.perCycle[2014]! - 4 * v) < 1e-9, "\(name)")
      let left = [6.5, 5, 2.5].map { ($0 * v).squareRoot() }, mean = left.reduce(0, +) / 3
      let se = (2.0 / 3 * left.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
      #expect(abs(c.standardError! - se) < 1e-9, "\(name)")
    }
  }

  @Test func theKernelLengthIsTheOneOfLeastResidualSumOfSquares() throws {
    // Four seats of four states and regions, leans 0 and 5 (a pair 5 apart) and 100 and 120 (20 apart;
    // the cross pairs are 95 or more apart). Their products are made v k(5) and v k(20) for v = 8 at
    // l = 10, k(d) = exp(-d^2 / (2 l^2)): at l = 10 the two pairs are fitted exactly (the cross pairs'
    // kernel is below 1e-19 there) and v = 8; at 5 or 20 the ratio k(20) / k(5) is 0.0006 or 0.63, not
    // 0.153 (its value at 10), so neither fits both pairs and 10 is kept.
    let k5 = exp(-25.0 / 200), k20 = exp(-400.0 / 200)
    let seats = [(0.0, 2.0), (5, 8 * k5 / 2), (100, 1), (120, 8 * k20)].enumerated().map {
      NoiseStructureFit.Residual(state: "S\($0.offset)", region: "R\($0.offset)", lean: $0.element.0, value: $0.element.1)
    }
    let fit = try #require(NoiseStructureFit.fit(residualsByCycle: [2018: seats], lengths: [5, 10, 20]))
    #expect(fit.kernelLength == 10)
    #expect(abs(fit.component("lean")!.variance - 8) < 1e-9)
    #expect(fit.component("state")!.variance == 0 && fit.component("region")!.variance == 0)
    #expect(fit.lengths.map(\.length) == [5, 10, 20])
  }
}
