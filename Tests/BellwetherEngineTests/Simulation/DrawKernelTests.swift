import Testing
@testable import BellwetherEngine

struct DrawKernelTests {
  @Test func tippingSeatAgreesWithSorting() {
    // The tipping seat is the one with the needed-th largest margin; checked against a full sort,
    // with ties, targets inside and outside the search window, and every rank regime (repeated
    // extraction from either end and quickselect).
    var rng = Xoshiro256StarStar(seed: 42)
    for trial in 0..<2_000 {
      let n = 1 + trial % 400  // up to seven 64-bit words of candidate bits (the House: 394 seats)
      let spread = [1.0, 4, 10, 40][trial % 4]
      var margins = (0..<n).map { _ in Float(Distributions.standardNormal(using: &rng) * spread) }
      if trial % 5 == 0 { margins[0] = margins[n - 1] }  // a tie
      if trial % 7 == 0 { margins[n / 2] = 0 }  // an exact zero counts as a loss
      let needed = 1 + Int(rng.next() % UInt64(n))
      let wins = margins.filter { $0 > 0 }.count
      var indices = [Int32](repeating: -1, count: n)
      var values = [Float](repeating: .nan, count: n)
      var bits = [UInt64](repeating: .max, count: (n + 63) / 64)
      let window: Float = [6, 0.5, 0.05][trial % 3]  // small windows force widening
      let chosen = margins.withUnsafeMutableBufferPointer { m in
        indices.withUnsafeMutableBufferPointer { i in
          values.withUnsafeMutableBufferPointer { v in
            bits.withUnsafeMutableBufferPointer { b in
              DrawKernel.tippingSeat(needed: needed, contestedWins: wins, margins: m, count: n, window: window,
                                     indices: i, values: v, bits: b)
            }
          }
        }
      }
      #expect(margins[Int(chosen)] == margins.sorted(by: >)[needed - 1], "trial \(trial)")
    }
  }

  @Test func selectSmallestBreaksTiesByPosition() {
    // The rank-th smallest of `count` values with ties broken by position, against a stable sort of
    // (value, position), for every count up to 40 (the 16- and 32-lane counting paths and the paths
    // beyond) and every rank; values are small integers so that ties are common.
    var rng = Xoshiro256StarStar(seed: 7)
    for count in 1...40 {
      for trial in 0..<5 {
        let levels = UInt64([2, 5, 1_000][trial % 3])
        let original = (0..<count).map { _ in Float(Int(rng.next() % levels)) - 2 }
        let order = original.indices.sorted { (original[$0], $0) < (original[$1], $1) }
        for rank in 1...count {
          var values = original
          var indices = (0..<count).map { Int32($0) }
          let chosen = DrawKernel.selectSmallest(rank: rank, values: &values, indices: &indices, count: count)
          #expect(Int(chosen) == order[rank - 1] || count > 32 && original[Int(chosen)] == original[order[rank - 1]],
                  "count \(count), trial \(trial), rank \(rank)")
        }
      }
    }
  }
}
