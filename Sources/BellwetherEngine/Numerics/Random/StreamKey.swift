/// Names one random stream of a run: the master seed and the index of a block of draws.
///
/// Streams are keyed by work item (block), never by thread, so a run's numbers do not depend on how
/// many threads or shards computed it (numpy's `SeedSequence` makes the same point). The key is
/// mixed through two rounds of the SplitMix64 finalizer rather than added, so that seed `s`,
/// block `b + 1` and seed `s + 1`, block `b` are unrelated.
struct StreamKey: Hashable, Sendable {
  /// The run's master seed.
  var seed: UInt64
  /// The block index.
  var block: UInt64
  /// A purpose tag, so different uses of the same block never share numbers.
  var purpose: UInt64

  /// Creates a key.
  init(seed: UInt64, block: UInt64, purpose: UInt64 = 0) {
    self.seed = seed
    self.block = block
    self.purpose = purpose
  }

  /// The 64-bit value that seeds the stream.
  var mixed: UInt64 {
    let a = SplitMix64.finalize(seed ^ 0x6A09_E667_F3BC_C909)
    let b = SplitMix64.finalize(a ^ block &* 0xD6E8_FEB8_6659_FD93)
    return SplitMix64.finalize(b ^ purpose &* 0x9E37_79B9_7F4A_7C15)
  }
}
