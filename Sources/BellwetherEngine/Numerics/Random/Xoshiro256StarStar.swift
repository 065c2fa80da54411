/// The xoshiro256** pseudo-random generator: 256 bits of state, period 2^256 - 1.
///
/// Blackman and Vigna, "Scrambled Linear Pseudorandom Number Generators",
/// ACM Transactions on Mathematical Software 47(4), 2021. doi:10.1145/3460772.
/// The state is seeded through SplitMix64 so that any 64-bit seed gives a good starting state.
struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Seeds the generator from one 64-bit value, expanded with SplitMix64.
  init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
  }

  /// Creates the generator for one independent stream: the stream's key is mixed with the master
  /// seed, never added to it, so nearby seeds and nearby blocks give unrelated streams.
  init(key: StreamKey) {
    self.init(seed: key.mixed)
  }

  /// The next 64 random bits.
  @inlinable @inline(__always)
  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }
}

/// SplitMix64 (Steele, Lea and Flood, "Fast Splittable Pseudorandom Number Generators",
/// OOPSLA 2014, doi:10.1145/2660193.2660195): used only to expand and mix seeds.
struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state.
  var state: UInt64

  /// Creates the generator at a state.
  init(state: UInt64) { self.state = state }

  /// The next 64 bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.finalize(state)
  }

  /// The SplitMix64 output function, a bijective 64-bit mixer.
  static func finalize(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
