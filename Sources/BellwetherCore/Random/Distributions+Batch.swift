extension Distributions {
  /// Fills a buffer with standard normal draws in single precision, two per 64-bit random value.
  ///
  /// The same 256-layer ziggurat as `standardNormal(using:)` (Marsaglia and Tsang 2000; Doornik
  /// 2005), run on 32-bit halves of a fast xoshiro256** stream seeded from `rng`: the low 8 bits pick the layer and the top 24 bits give a signed
  /// uniform in [-1, 1) at 2^-23 resolution, ample for noise measured in points. The rare draws that
  /// miss the layer's rectangle (about 1%) take the double-precision wedge and tail path. The order
  /// in which random values are consumed is fixed, so a stream always yields the same numbers.
  /// - Complexity: O(count), no allocation.
  @inlinable
  public static func fillStandardNormals<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Float>,
                                                                   using rng: inout G) {
    var fast = Xoshiro256StarStar(seed: rng.next())
    fillStandardNormals(buffer, fast: &fast, slow: &rng)
  }

  /// The batch generator with its two streams explicit: the fast path draws only from `fast`, a
  /// concrete generator the compiler keeps in registers; the rare slow path draws from `slow`.
  /// Keeping them apart is what lets the hot loop run without touching memory for its state.
  @inlinable
  public static func fillStandardNormals<G: RandomNumberGenerator>(_ buffer: UnsafeMutableBufferPointer<Float>,
                                                                   fast: inout Xoshiro256StarStar, slow: inout G) {
    let table = FloatZiggurat.table
    let count = buffer.count
    guard count > 0 else { return }
    let out = buffer.baseAddress!
    var state = fast
    table.x.withUnsafeBufferPointer { xs in
      table.ratio.withUnsafeBufferPointer { ratios in
        let x = xs.baseAddress!, ratio = ratios.baseAddress!
        var i = 0
        // Two normals per 64-bit value; the last, odd one uses the low half of one more value.
        while i < count {
          let bits = state.next()
          let low = UInt32(truncatingIfNeeded: bits), high = UInt32(truncatingIfNeeded: bits >> 32)
          let layerLow = Int(low & 0xFF), layerHigh = Int(high & 0xFF)
          let uLow = Float(Int32(bitPattern: low) >> 8) * 0x1p-23
          let uHigh = Float(Int32(bitPattern: high) >> 8) * 0x1p-23
          out[i] = abs(uLow) < ratio[layerLow] ? uLow * x[layerLow] : slowFloat(layer: layerLow, u: uLow, using: &slow)
          if i + 1 < count {
            out[i + 1] = abs(uHigh) < ratio[layerHigh] ? uHigh * x[layerHigh] : slowFloat(layer: layerHigh, u: uHigh, using: &slow)
          }
          i &+= 2
        }
      }
    }
    fast = state
  }

  /// The ziggurat's rare branch for the batch generator, in double precision.
  @usableFromInline @inline(never)
  static func slowFloat<G: RandomNumberGenerator>(layer: Int, u: Float, using rng: inout G) -> Float {
    if let value = Ziggurat.slowPath(layer: layer, u: Double(u), using: &rng) { return Float(value) }
    return Float(standardNormal(using: &rng))
  }
}

/// Single-precision copies of the ziggurat tables for the batch generator.
@usableFromInline
struct FloatZiggurat: Sendable {
  @usableFromInline let x: [Float]
  @usableFromInline let ratio: [Float]
  @usableFromInline static let table = FloatZiggurat()

  init() {
    let z = Ziggurat.table
    x = z.x.prefix(256).map(Float.init)
    // Round the ratio down so the fast path never accepts a point outside the layer's rectangle.
    ratio = z.ratio.map { Float($0).nextDown }
  }
}
