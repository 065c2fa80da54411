extension Distributions {
  /// Fills a buffer with standard normal draws in single precision.
  ///
  /// Seeds the batch generator's fast stream from one value of `rng` and draws the rare slow-path
  /// values from `rng` itself; see `fillStandardNormals(_:fast:slow:)` for the method.
  /// - Complexity: O(count), no allocation.
  static func fillStandardNormals<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Float>,
                                                                   using rng: inout G) {
    var fast = Xoshiro256StarStar(seed: rng.next())
    fillStandardNormals(buffer, fast: &fast, slow: &rng)
  }

  /// Fills a buffer with exact standard normal draws in single precision.
  ///
  /// The 256-layer ziggurat of `standardNormal(using:)` (Marsaglia and Tsang 2000, with Doornik's
  /// 2005 independent layer bits), run eight draws at a time in SIMD registers:
  /// - Each draw takes one 32-bit word from eight lanes of xoshiro128++ (Blackman and Vigna 2021),
  ///   seeded afresh for every call from 16 outputs of `fast` through the SplitMix64 finalizer. The
  ///   low 8 bits pick the layer; the other 24 give the signed uniform `(2k + 1) / 2^24`, symmetric
  ///   about 0, so a draw's magnitude has 2^23 possible values in its layer (as numpy's float32
  ///   ziggurat).
  /// - A draw inside its layer's rectangle (98.5%) is `u * x[layer]`; the test compares `|u|` with
  ///   the ratio `x[layer + 1] / x[layer]` rounded down, so it never accepts a point outside.
  /// - The other 1.5% queue up and are settled four at a time: a second uniform `v` places the point
  ///   in the wedge, where the density is convex or concave, so the layer's chord and the parallel
  ///   tangent bound it from both sides; these two lines decide about 92% of the points without
  ///   `exp`, and a rejected draw is replaced by a fresh word. Points between the lines, and the
  ///   tail beyond R = 3.654 (Marsaglia 1964), are settled in double precision with `exp` and `log`.
  ///
  /// The squeeze bands are widened by 10^-6 to cover single-precision rounding, so every decision
  /// is the exact ziggurat's; the only approximation is the 24-bit lattice of `u` and `v`.
  ///
  /// Streams: the draws are a fixed function of `(fast, slow, buffer.count)`. Every call with a
  /// non-empty buffer advances `fast` by exactly 16 outputs, so consecutive calls start from new,
  /// unrelated lanes; `slow` serves only the double-precision path (about one value per 1,200
  /// draws), so it stays usable for other purposes. An empty buffer changes neither stream. The
  /// numbers depend on `buffer.count`, not only on the position: two calls of `n / 2` give other
  /// numbers than one call of `n`. Each call also pays a fixed cost (seeding the lanes, clearing
  /// the scratch, settling the last queue: about 0.15 µs here), so calls of a few thousand values
  /// or more are the efficient size.
  /// - Precondition: `buffer.count <= Int32.max`.
  /// - Complexity: O(count); no allocation (about 4.4 KB of stack).
  static func fillStandardNormals<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Float>,
                                                                   fast: inout Xoshiro256StarStar, slow: inout G) {
    guard let out = buffer.baseAddress, buffer.count > 0 else { return }
    precondition(buffer.count <= Int(Int32.max), "fillStandardNormals: at most Int32.max values per call")
    var scratch = BatchNormalSampler.Scratch(repeating: .zero)
    withUnsafeMutableBytes(of: &scratch) { bytes in
      BatchNormalSampler(out: out, count: buffer.count, scratch: bytes.baseAddress!).fill(fast: &fast, slow: &slow)
    }
  }
}
