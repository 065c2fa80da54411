import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

@Suite
struct NormalCDFTests {
  @Test func agreesWithDoublePrecisionErfcToTheStatedBound() {
    // Reference: Foundation's double-precision erfc, Phi(x) = erfc(-x / sqrt 2) / 2 and
    // 1 - Phi(x) = erfc(x / sqrt 2) / 2, on 400,001 points of [-10, 10] (step 5e-5), each point
    // rounded to the Float the kernel would pass.
    var worstLower = 0.0, worstUpper = 0.0
    for k in -200_000...200_000 {
      let x = Float(Double(k) * 5e-5)
      let (p, q) = NormalCDF.lowerAndUpper(x)
      let xd = Double(x)
      worstLower = max(worstLower, abs(Double(p) - 0.5 * erfc(-xd / 2.0.squareRoot())))
      worstUpper = max(worstUpper, abs(Double(q) - 0.5 * erfc(xd / 2.0.squareRoot())))
    }
    #expect(worstLower <= Double(NormalCDF.maximumAbsoluteError), "largest error of Phi: \(worstLower)")
    #expect(worstUpper <= Double(NormalCDF.maximumAbsoluteError), "largest error of 1 - Phi: \(worstUpper)")
  }

  @Test func tailsKeepTheirRelativeAccuracyAndTheEndsAreExact() {
    // The smaller part is computed directly (never as 1 minus the larger, which would lose it
    // entirely), so deep in a tail it keeps a relative accuracy: Q(5) = 2.8665e-7 and Q(8) =
    // 6.2210e-16 (Foundation's erfc) within 2e-3 and 1.5e-2 relative, from either side (measured
    // 1.6e-3 and 1.0e-2: A&S 7.1.26 bounds the absolute error, not the relative one).
    for (x, bound) in [(5.0, 2e-3), (8.0, 1.5e-2)] {
      let exact = 0.5 * erfc(x / 2.0.squareRoot())
      #expect(abs(Double(NormalCDF.lowerAndUpper(Float(-x)).lower) - exact) / exact < bound)
      #expect(abs(Double(NormalCDF.lowerAndUpper(Float(x)).upper) - exact) / exact < bound)
    }
    // Clamped at 10: Q(10) = 7.6e-24; infinite arguments give finite parts that sum to 1.
    #expect(NormalCDF.lowerAndUpper(.infinity).lower == 1 && NormalCDF.lowerAndUpper(.infinity).upper < 1e-22)
    #expect(NormalCDF.lowerAndUpper(-.infinity).lower < 1e-22 && NormalCDF.lowerAndUpper(-.infinity).upper == 1)
    #expect(NormalCDF.lower(0) == 0.5)
  }

  @Test func exponentialMatchesFoundation() {
    // e^v on [-60, 0], step 1e-3: relative error at most 5e-6 (the single-precision rounding of
    // v log2(e), up to 60 x 6e-8 = 3.6e-6, dominates).
    var worst = 0.0
    for k in 0...60_000 {
      let v = Float(-Double(k) * 1e-3)
      let exact = exp(Double(v))
      worst = max(worst, abs(Double(NormalCDF.exponential(v)) - exact) / exact)
    }
    #expect(worst <= 5e-6, "largest relative error \(worst)")
  }
}
