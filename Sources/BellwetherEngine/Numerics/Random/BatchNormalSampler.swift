import Foundation

/// The machinery behind `Distributions.fillStandardNormals(_:fast:slow:)`: a ziggurat run on eight
/// SIMD lanes, with the rare wedge and tail draws queued and settled four at a time.
///
/// One call works through the buffer in tiles of 512 draws:
/// 1. eight xoshiro128++ lanes write 512 random words into a stack scratch area;
/// 2. eight words at a time become `u * x[layer]` in the buffer; an octet with a draw outside its
///    layer's rectangle is recorded (branch-free) with its mask;
/// 3. the recorded draws join a queue of (word, position), settled when it holds more than 56
///    entries and at the end: see `settleQueue`.
///
/// Plain `SIMD4` types, written so that LLVM keeps them in SSE2 registers: vector rotations are
/// spelled with `&+` (LLVM scalarizes a vector `rotl` on SSE2), table rows are fetched as `Double`
/// pairs (four 8-byte loads and two shuffles per four rows), and masks become integers only
/// through `any` (`movmskps`), never through a `Bool` select (LLVM turns those into branches).
struct BatchNormalSampler {
  /// Stack scratch for one call: words, records and two queues (4,432 bytes; see the offsets).
  typealias Scratch = InlineArray<277, SIMD4<UInt32>>

  static let tile = 512
  private static let recordIndexOffset = 2048     // 64 Int32: octet indices
  private static let recordMaskOffset = 2304      // 64 SIMD4<UInt32>: bad-lane bits of the octet
  private static let queueOffsets = (3328, 3872)  // each: 68 UInt32 words, then 68 Int32 positions
  private static let dummyOffset = 4416           // a write target for padding lanes
  /// Entries in a queue before it is settled (a record adds at most 8; 3 padding slots follow).
  private static let queueFlush = 56

  private let out: UnsafeMutablePointer<Float>
  private let count: Int
  private let scratch: UnsafeMutableRawPointer
  private let table = BatchZigguratTable.shared

  init(out: UnsafeMutablePointer<Float>, count: Int, scratch: UnsafeMutableRawPointer) {
    self.out = out
    self.count = count
    self.scratch = scratch
  }

  // MARK: - The fast path

  /// Fills the buffer, drawing the words from eight lanes seeded from `fast`.
  func fill<G: RandomNumberGenerator>(fast: inout Xoshiro256StarStar, slow: inout G) {
    // The lanes live in locals, not in `self`, so that the compiler can keep them in registers
    // (stores through the raw pointers could otherwise alias them).
    var lanesA = XoshiroLanes(seededFrom: &fast), lanesB = XoshiroLanes(seededFrom: &fast)
    let words = scratch.assumingMemoryBound(to: UInt32.self)
    let recordIndex = (scratch + Self.recordIndexOffset).assumingMemoryBound(to: Int32.self)
    let recordMask = scratch + Self.recordMaskOffset
    let queueWords = (scratch + Self.queueOffsets.0).assumingMemoryBound(to: UInt32.self)
    let queuePositions = (scratch + Self.queueOffsets.0 + 272).assumingMemoryBound(to: Int32.self)
    let rows = UnsafeRawPointer(table.rows).assumingMemoryBound(to: Double.self)
    let lowBits = SIMD4<UInt32>(1, 2, 4, 8), highBits = SIMD4<UInt32>(16, 32, 64, 128)
    var queued = 0
    var start = 0
    while start < count {
      let n = Swift.min(Self.tile, count &- start)
      let octets = (n &+ 7) >> 3
      var g = 0
      while g < octets {
        scratch.storeBytes(of: lanesA.next(), toByteOffset: g &* 32, as: SIMD4<UInt32>.self)
        scratch.storeBytes(of: lanesB.next(), toByteOffset: g &* 32 &+ 16, as: SIMD4<UInt32>.self)
        g &+= 1
      }
      let tileOut = UnsafeMutableRawPointer(out + start)
      let full = n >> 3
      var records = 0
      g = 0
      while g < full {
        let w0 = scratch.load(fromByteOffset: g &* 32, as: SIMD4<UInt32>.self)
        let w1 = scratch.load(fromByteOffset: g &* 32 &+ 16, as: SIMD4<UInt32>.self)
        let base = g &* 8
        let (r0, x0) = Self.rows(rows, words[base], words[base &+ 1], words[base &+ 2], words[base &+ 3])
        let (r1, x1) = Self.rows(rows, words[base &+ 4], words[base &+ 5], words[base &+ 6], words[base &+ 7])
        let u0 = Self.uniform(w0), u1 = Self.uniform(w1)
        tileOut.storeBytes(of: u0 * x0, toByteOffset: g &* 32, as: SIMD4<Float>.self)
        tileOut.storeBytes(of: u1 * x1, toByteOffset: g &* 32 &+ 16, as: SIMD4<Float>.self)
        let bad0 = Self.magnitude(u0) .>= r0, bad1 = Self.magnitude(u1) .>= r1
        // Stored every time, kept only when the octet has a bad lane: no branch.
        recordIndex[records] = Int32(truncatingIfNeeded: g)
        recordMask.storeBytes(of: (Self.bits(bad0) & lowBits) | (Self.bits(bad1) & highBits),
                              toByteOffset: records &* 16, as: SIMD4<UInt32>.self)
        records &+= Int(unsafeBitCast(any(bad0 .| bad1), to: UInt8.self))  // not `? 1 : 0`: LLVM made that a branch
        g &+= 1
      }
      for k in 0..<records {
        let mask = recordMask.load(fromByteOffset: k &* 16, as: SIMD4<UInt32>.self)
        var m = mask[0] | mask[1] | mask[2] | mask[3]
        let base = Int(recordIndex[k]) &* 8
        while m != 0 {
          let j = base &+ m.trailingZeroBitCount
          queueWords[queued] = words[j]
          queuePositions[queued] = Int32(truncatingIfNeeded: start &+ j)
          queued &+= 1
          m &= m &- 1
        }
        if queued > Self.queueFlush {
          settleQueue(queued, &lanesA, &lanesB, slow: &slow)
          queued = 0
        }
      }
      // The last, partial octet of the buffer, one draw at a time.
      for j in (full &* 8)..<n {
        let (z, accepted) = table.fastDraw(words[j])
        out[start &+ j] = z
        queueWords[queued] = words[j]
        queuePositions[queued] = Int32(truncatingIfNeeded: start &+ j)
        queued &+= accepted ? 0 : 1
      }
      start &+= n
    }
    if queued > 0 { settleQueue(queued, &lanesA, &lanesB, slow: &slow) }
  }

  /// Four table rows as (ratio thresholds, x scales): each row is a `Double`-sized pair of floats.
  @inline(__always)
  private static func rows(_ rows: UnsafePointer<Double>, _ w0: UInt32, _ w1: UInt32, _ w2: UInt32,
                           _ w3: UInt32) -> (SIMD4<Float>, SIMD4<Float>) {
    let p01 = unsafeBitCast(SIMD2(rows[Int(w0 & 0xFF)], rows[Int(w1 & 0xFF)]), to: SIMD4<Float>.self)
    let p23 = unsafeBitCast(SIMD2(rows[Int(w2 & 0xFF)], rows[Int(w3 & 0xFF)]), to: SIMD4<Float>.self)
    return (SIMD4(p01[0], p01[2], p23[0], p23[2]), SIMD4(p01[1], p01[3], p23[1], p23[3]))
  }

  /// The signed uniform of four words in units of 2^-31: the top 24 bits with bit 7 set, i.e. an
  /// odd multiple of 2^-24 (exact in a `Float`).
  @inline(__always)
  static func uniform(_ w: SIMD4<UInt32>) -> SIMD4<Float> {
    SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: (w & 0xFFFF_FF00) | 0x80))
  }

  @inline(__always)
  private static func magnitude(_ u: SIMD4<Float>) -> SIMD4<Float> {
    unsafeBitCast(unsafeBitCast(u, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
  }

  @inline(__always)
  private static func bits(_ mask: SIMDMask<SIMD4<Int32>>) -> SIMD4<UInt32> {
    unsafeBitCast(mask, to: SIMD4<UInt32>.self)
  }

  // MARK: - The queue

  /// Settles `n` queued draws. Four at a time: a lane inside its rectangle (a fresh word) writes
  /// `u * x`; a lane in a wedge draws `v` and compares it with the squeeze `t - A < v < t + B`,
  /// where `t` is the lane's position along the layer's chord: below, the point is under the
  /// density and `u * x` stands; above, it is rejected and requeued with a fresh word; between (or
  /// in the base layer), `settleExactly` decides in double precision. Rounds repeat on the
  /// requeued lanes until none are left; all writes and requeues are branch-free.
  private func settleQueue<G: RandomNumberGenerator>(_ n0: Int, _ lanesA: inout XoshiroLanes, _ lanesB: inout XoshiroLanes,
                                                     slow: inout G) {
    var words = (scratch + Self.queueOffsets.0).assumingMemoryBound(to: UInt32.self)
    var positions = (scratch + Self.queueOffsets.0 + 272).assumingMemoryBound(to: Int32.self)
    var nextWords = (scratch + Self.queueOffsets.1).assumingMemoryBound(to: UInt32.self)
    var nextPositions = (scratch + Self.queueOffsets.1 + 272).assumingMemoryBound(to: Int32.self)
    let dummy = UInt(bitPattern: scratch + Self.dummyOffset)
    var a = lanesA, b = lanesB  // in registers, not behind the inout pointers
    defer {
      lanesA = a
      lanesB = b
    }
    var n = n0
    while n > 0 {
      // Pad to a multiple of four with a draw deep inside layer 1's rectangle, written nowhere.
      for j in 0..<3 {
        words[n &+ j] = 0x0000_0101
        positions[n &+ j] = -1
      }
      var requeued = 0
      var i = 0
      while i < n {
        let w = UnsafeRawPointer(words + i).loadUnaligned(as: SIMD4<UInt32>.self)
        let p = UnsafeRawPointer(positions + i).loadUnaligned(as: SIMD4<Int32>.self)
        let v = SIMD4<Float>(a.next() &>> 8) * 0x1p-24
        let (z, inside, under, over) = table.classify(w, v: v)
        let write = Self.bits(inside .| under) & ~SIMD4<UInt32>(truncatingIfNeeded: p &>> 31)
        let requeue = Self.bits((.!inside) .& over)
        let open = (.!inside) .& (.!under) .& (.!over)
        let fresh = b.next()
        @inline(__always) func lane(_ j: Int) {
          let keep = UInt(truncatingIfNeeded: Int32(bitPattern: write[j]))
          let address = (UInt(bitPattern: out + Int(p[j])) & keep) | (dummy & ~keep)
          UnsafeMutablePointer<Float>(bitPattern: address).unsafelyUnwrapped.pointee = z[j]
          nextWords[requeued] = fresh[j]
          nextPositions[requeued] = p[j]
          requeued &+= Int(requeue[j] & 1)
        }
        lane(0); lane(1); lane(2); lane(3)
        if any(open) {
          for j in 0..<4 where open[j] {
            out[Int(p[j])] = table.settleExactly(word: w[j], v: v[j], slow: &slow) ?? table.scalarDraw(slow: &slow)
          }
        }
        i &+= 4
      }
      swap(&words, &nextWords)
      swap(&positions, &nextPositions)
      n = requeued
    }
  }
}

/// Four lanes of xoshiro128++ (Blackman and Vigna 2021), one `SIMD4<UInt32>` per state word; two
/// of these give the batch sampler its eight lanes.
struct XoshiroLanes {
  private var s0, s1, s2, s3: SIMD4<UInt32>

  /// Seeds four lanes from 8 outputs of `source`, each passed through the SplitMix64 finalizer.
  init(seededFrom source: inout Xoshiro256StarStar) {
    func pair() -> (UInt32, UInt32) {
      let v = SplitMix64.finalize(source.next())
      return (UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32))
    }
    func word() -> SIMD4<UInt32> {
      let (a, b) = pair(), (c, d) = pair()
      return SIMD4(a, b, c, d)
    }
    s0 = word()
    s1 = word()
    s2 = word()
    s3 = word()
    s0.replace(with: 1, where: (s0 | s1 | s2 | s3) .== 0)  // the all-zero state is a fixed point
  }

  /// The next 32 bits of each lane. Rotations use `&+` of the two shifted halves (equal to `|`
  /// here): LLVM turns a vector rotate into four scalar `rol`s on SSE2.
  @inline(__always)
  mutating func next() -> SIMD4<UInt32> {
    let sum = s0 &+ s3
    let result = ((sum &<< 7) &+ (sum &>> 25)) &+ s0
    let t = s1 &<< 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 &<< 11) &+ (s3 &>> 21)
    return result
  }
}

/// The batch sampler's tables, built once from `Ziggurat.table`.
final class BatchZigguratTable: @unchecked Sendable {
  // @unchecked: the buffers are written only in `init` and never freed or changed afterwards.

  /// Per layer: (ratio `x[i + 1] / x[i]` rounded down, times 2^31; `x[i]` times 2^-31), so that
  /// `|u| < ratio` decides the rectangle and `u * x` is the draw, with `u` in units of 2^-31.
  let rows: UnsafeMutablePointer<SIMD2<Float>>
  /// Per layer: (K, A, B, 0) with `t = (1 - |u|) * K` the position along the chord and the squeeze
  /// accepting below `t - A` and rejecting above `t + B`; infinite bands leave every point open.
  let squeeze: UnsafeMutablePointer<SIMD4<Float>>
  /// Layer edges `x[0...256]` and densities `f(x[i])`, for the exact decisions.
  let edges: UnsafeMutablePointer<Double>
  let densities: UnsafeMutablePointer<Double>

  static let shared = BatchZigguratTable()

  /// The extra width given to each squeeze band, far above the single-precision error of `t`
  /// (below 3e-7, since `t <= 1.0001` on a wedge and `1 - |u|` is exact when `K` is large).
  static let roundingMargin = 1e-6

  private init() {
    let z = Ziggurat.table
    rows = .allocate(capacity: 256)
    squeeze = .allocate(capacity: 256)
    edges = .allocate(capacity: 257)
    densities = .allocate(capacity: 257)
    for i in 0...256 {
      edges[i] = z.x[i]
      densities[i] = exp(-0.5 * z.x[i] * z.x[i])
    }
    for i in 0..<256 {
      // Rounded down, so the rectangle test never accepts a point outside the rectangle.
      rows[i] = SIMD2(Float(z.ratio[i]).nextDown * 0x1p31, Float(z.x[i]) * 0x1p-31)
      let k = Float(1 / (1 - z.ratio[i]))
      let band = i == 0 ? nil : Self.chordTangentGap(layer: i, edges: edges, densities: densities)
      switch band {
      case let (gap, convex)?:
        // Convex: the density lies between the chord and the chord minus the gap; concave: between
        // the chord and the chord plus the gap.
        let margin = Self.roundingMargin
        squeeze[i] = convex ? SIMD4(k, Float(gap + margin), Float(margin), 0) : SIMD4(k, Float(margin), Float(gap + margin), 0)
      case nil:
        squeeze[i] = SIMD4(k, .infinity, .infinity, 0)
      }
    }
  }

  /// The largest gap between layer `i`'s chord and the density over `[x[i + 1], x[i]]`, in units
  /// of the layer's height and padded by 1% plus 1e-12, and whether the density is convex there;
  /// nil for the layer that holds the inflection point `x = 1` (left to the exact test).
  static func chordTangentGap(layer i: Int, edges x: UnsafePointer<Double>,
                              densities f: UnsafePointer<Double>) -> (gap: Double, convex: Bool)? {
    let high = x[i], low = x[i + 1]
    let convex = low >= 1
    guard convex || high <= 1 else { return nil }
    // f'(x) = -x f(x) is monotone on the layer (f'' = (x^2 - 1) f), so bisect for the point where
    // the tangent is parallel to the chord: there the gap is largest.
    let slope = (f[i] - f[i + 1]) / (high - low)
    var a = low, b = high
    for _ in 0..<200 {
      let m = 0.5 * (a + b)
      if (-m * exp(-0.5 * m * m) < slope) == convex { a = m } else { b = m }
    }
    let point = 0.5 * (a + b)
    let gap = abs(f[i] + (point - high) * slope - exp(-0.5 * point * point))
    return ((gap * 1.01 + 1e-12) / (f[i + 1] - f[i]), convex)
  }

  /// Four draws' values `u * x`, rectangle tests, and squeeze verdicts for wedge uniforms `v`
  /// (under: accept, over: reject; meaningful where `inside` is false).
  @inline(__always)
  func classify(_ w: SIMD4<UInt32>, v: SIMD4<Float>) -> (z: SIMD4<Float>, inside: SIMDMask<SIMD4<Int32>>,
                                                         under: SIMDMask<SIMD4<Int32>>, over: SIMDMask<SIMD4<Int32>>) {
    let l0 = Int(w[0] & 0xFF), l1 = Int(w[1] & 0xFF), l2 = Int(w[2] & 0xFF), l3 = Int(w[3] & 0xFF)
    let q0 = rows[l0], q1 = rows[l1], q2 = rows[l2], q3 = rows[l3]
    let s0 = squeeze[l0], s1 = squeeze[l1], s2 = squeeze[l2], s3 = squeeze[l3]
    let u = BatchNormalSampler.uniform(w)
    let au = unsafeBitCast(unsafeBitCast(u, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
    let t = (1 - au * 0x1p-31) * SIMD4(s0.x, s1.x, s2.x, s3.x)
    return (u * SIMD4(q0.y, q1.y, q2.y, q3.y), au .< SIMD4(q0.x, q1.x, q2.x, q3.x),
            v .< t - SIMD4(s0.y, s1.y, s2.y, s3.y), v .> t + SIMD4(s0.z, s1.z, s2.z, s3.z))
  }

  /// One draw's rectangle test and value (the scalar twin of the SIMD path).
  @inline(__always)
  func fastDraw(_ w: UInt32) -> (Float, Bool) {
    let u = Float(Int32(bitPattern: (w & 0xFFFF_FF00) | 0x80))
    let row = rows[Int(w & 0xFF)]
    return (u * row.y, abs(u) < row.x)
  }

  /// Decides one wedge or base-layer draw exactly, in double precision: the value if the point
  /// `(x, f[i] + v (f[i + 1] - f[i]))` lies under the density (or the rectangle), a tail draw for the
  /// base layer beyond R, nil if rejected.
  func settleExactly<G: RandomNumberGenerator>(word w: UInt32, v: Float, slow: inout G) -> Float? {
    let layer = Int(w & 0xFF)
    let u = Int32(bitPattern: (w & 0xFFFF_FF00) | 0x80)
    let x = Double(u.magnitude) * 0x1p-31 * edges[layer]
    if x <= edges[layer + 1] { return fastDraw(w).0 }
    if layer == 0 { return Float(Ziggurat.tail(negative: u < 0, using: &slow)) }
    let y = densities[layer] + Double(v) * (densities[layer + 1] - densities[layer])
    return y < exp(-0.5 * x * x) ? fastDraw(w).0 : nil
  }

  /// A whole draw from `slow` alone, for the rare lane whose exact test rejected it.
  func scalarDraw<G: RandomNumberGenerator>(slow: inout G) -> Float {
    while true {
      let bits = slow.next()
      let w = UInt32(truncatingIfNeeded: bits >> 32)
      let (z, inside) = fastDraw(w)
      if inside { return z }
      let v = Float(UInt32(truncatingIfNeeded: bits) >> 8) * 0x1p-24
      if let value = settleExactly(word: w, v: v, slow: &slow) { return value }
    }
  }
}
