/// A fast single-precision standard normal CDF for the conditional estimator's per-seat loop
/// (docs/model.md §4.3): branch-free arithmetic only (no library call), so the loop that calls it
/// vectorizes.
///
/// The upper tail is `Q(x) = erfc(x / sqrt 2) / 2` with erfc from Abramowitz and Stegun, Handbook
/// of Mathematical Functions (1964), formula 7.1.26 (absolute error of erf at most 1.5e-7), and
/// `exp` by range reduction to `2^k 2^f`, `|f| <= 1/2`, with the degree-7 Taylor polynomial of
/// `2^f` (truncation below 6e-9 relative). Arguments are clamped to [-10, 10] (Q(10) = 7.6e-24).
/// Measured against Foundation's double-precision `erfc` on a grid of 2,000,001 points over
/// [-10, 10] and at ±inf: absolute error at most `NormalCDF.maximumAbsoluteError` for both P and Q
/// (NormalCDFTests).
package enum NormalCDF {
  /// The stated bound on |computed - exact| of `lowerAndUpper` (both parts), checked by NormalCDFTests.
  package static let maximumAbsoluteError: Float = 3.5e-7

  /// `(Phi(x), 1 - Phi(x))`, each computed without cancellation (the smaller one directly).
  @inline(__always)
  package static func lowerAndUpper(_ x: Float) -> (lower: Float, upper: Float) {
    let clamped = Swift.min(Swift.max(x, -10), 10)
    let a = Swift.abs(clamped)
    // Q(a) = erfc(y) / 2, y = a / sqrt 2.
    let y = a * 0.707_106_781_186_547_5
    let t = 1 / (1 + 0.327_591_1 * y)
    let poly = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
    let tail = 0.5 * poly * exponential(-y * y)
    let head = 1 - tail
    let negative = clamped < 0
    return (negative ? tail : head, negative ? head : tail)
  }

  /// `Phi(x)`.
  @inline(__always)
  package static func lower(_ x: Float) -> Float { lowerAndUpper(x).lower }

  /// `e^v` for `v` in [-60, 0] (the range `lowerAndUpper` uses), relative error at most 5e-6 (the
  /// single-precision rounding of `v log2(e)`, about |v| 6e-8, dominates; below |v| = 1, 3e-7): `v log2(e) = k + f` with k the nearest integer, `2^f` by its Taylor
  /// polynomial of degree 7 in `f ln 2`, and `2^k` built from its exponent bits.
  @inline(__always)
  static func exponential(_ v: Float) -> Float {
    let scaled = Swift.max(v, -80) * 1.442_695_040_888_963_4
    // Nearest integer by adding and removing 1.5 x 2^23 (exact for |scaled| < 2^22): plain
    // arithmetic, where `rounded()` is a library call on x86-64 without SSE4.1, which would stop
    // the caller's loop from vectorizing.
    // The integer itself is read from the shifted float's low bits (its bit pattern is
    // 0x4B400000 + k), so no float-to-integer conversion (a checked, trapping one in Swift) is needed.
    let shifted = scaled + 12_582_912
    let k = shifted - 12_582_912
    let r = (scaled - k) * 0.693_147_180_559_945_3  // |r| <= ln(2) / 2
    let p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040)))))))
    let exponent = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
    let bits = UInt32(bitPattern: exponent &+ 127) &<< 23
    return p * Float(bitPattern: bits)
  }
}
