import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

@Suite
struct NormalCDFTests {
  @Test func agreesWithDoublePrecisionErfcToTheStatedBound() {
    // Reference: Foundation's double-precision erfc, Phi(x) = erfc(-x / sqrt 2) / 2 and
    // 1 - Phi(x) = erfc(x / sqrt 2) / 2, on 2,000,001 points of [-10, 10] (step 1e-5), each point
    // rounded to the Float the kernel would pass.
    var worstLower = 0.0, worstUpper = 0.0
    for k in -1_000_000...1_000_000 {
      let x = Float(Double(k) * 1e-5)
      let (p, q) = NormalCDF.lowerAndUpper(x)
      let xd = Double(x)
      worstLower = max(worstLower, abs(Double(p) - 0.5 * erfc(-xd / 2.0.squareRoot())))
      worstUpper = max(worstUpper, abs(Double(q) - 0.5 * erfc(xd / 2.0.squareRoot())))
    }
    #expect(worstLower <= Double(NormalCDF.maximumAbsoluteError), "largest error of Phi: \(worstLower)")
    #expect(worstUpper <= Double(NormalCDF.maximumAbsoluteError), "largest error of 1 - Phi: \(worstUpper)")
  }

  @Test func tailsKeepTheirRelativeAccuracyAndTheEndsAreExact() {
    // The smaller part is computed directly, so deep in a tail it keeps its relative accuracy:
    // Q(5) = 2.8665e-7 and Q(8) = 6.2210e-16 (Foundation's erfc) within 1e-3 relative (A&S 7.1.26's
    // relative error there is about 2e-4, the exponential's 5e-6), from either side.
    for x in [5.0, 8.0] {
      let exact = 0.5 * erfc(x / 2.0.squareRoot())
      #expect(abs(Double(NormalCDF.lowerAndUpper(Float(-x)).lower) - exact) / exact < 1e-3)
      #expect(abs(Double(NormalCDF.lowerAndUpper(Float(x)).upper) - exact) / exact < 1e-3)
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
