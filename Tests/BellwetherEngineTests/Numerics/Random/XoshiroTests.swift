import Testing
@testable import BellwetherEngine

struct XoshiroTests {
  @Test func matchesAnIndependentImplementation() {
    // Reference values from a separate Python implementation of SplitMix64 seeding and
    // xoshiro256** (Blackman and Vigna), seed 12345.
    var rng = Xoshiro256StarStar(seed: 12345)
    let expected: [UInt64] = [0xbe6a36374160d49b, 0x214aaa0637a688c6, 0xf69d16de9954d388, 0x0c60048c4e96e033, 0x8e2076aeed51c648]
    for value in expected { #expect(rng.next() == value) }
  }

  @Test func streamsAreKeyedNotAdded() {
    var a = Xoshiro256StarStar(key: StreamKey(seed: 1, block: 2))
    var b = Xoshiro256StarStar(key: StreamKey(seed: 2, block: 1))
    var c = Xoshiro256StarStar(key: StreamKey(seed: 1, block: 2))
    let first = a.next()
    #expect(first != b.next())
    #expect(first == c.next())
    #expect(StreamKey(seed: 1, block: 2, purpose: 0).mixed != StreamKey(seed: 1, block: 2, purpose: 1).mixed)
  }
}
