import BellwetherEngine
import Dispatch
import Synchronization

/// Keeps who won each contested seat in every draw of one forecast (a `DrawSink` with outcomes), so
/// that the backtest can ask how many of a group of seats the Democrats win together, draw by draw:
/// the reliability table's band under the forecast's own dependence between seats (`eventVariances`,
/// docs/model.md §7.3).
///
/// Each block is placed by its index, so the record is the same for any thread count; the buffer is
/// allocated once, before the run (`draws x ceil(contested / 8)` bytes: 11 MB for 200,000 draws of
/// 435 seats), and a block only copies its bytes into it.
package final class OutcomeRecorder: DrawSink, @unchecked Sendable {
  package var wantsOutcomes: Bool { true }
  /// Draws recorded.
  package let draws: Int
  /// Bytes per draw: bit `k & 7` of byte `k >> 3` is contested seat `k` (kernel order), 1 when the Democrat won.
  package let bytesPerDraw: Int
  /// The district index (into the chamber's districts) of each kernel position.
  private let contestedIndices: [Int]
  private let bits: UnsafeMutableBufferPointer<UInt8>

  /// A recorder for every draw of `plan`.
  package init(plan: SimulationPlan) {
    draws = plan.draws
    bytesPerDraw = (plan.contestedIndices.count + 7) / 8
    contestedIndices = plan.contestedIndices
    bits = .allocate(capacity: max(1, draws * bytesPerDraw))
    bits.initialize(repeating: 0)
  }

  /// A recorder filled by hand (tests): `outcomes[j][k]` is whether the Democrat won contested seat `k`,
  /// district index `contestedIndices[k]`, in draw `j`.
  package init(outcomes: [[Bool]], contestedIndices: [Int]) {
    draws = outcomes.count
    bytesPerDraw = (contestedIndices.count + 7) / 8
    self.contestedIndices = contestedIndices
    bits = .allocate(capacity: max(1, draws * bytesPerDraw))
    bits.initialize(repeating: 0)
    for (j, row) in outcomes.enumerated() {
      precondition(row.count == contestedIndices.count)
      for (k, won) in row.enumerated() where won { bits[j * bytesPerDraw + k >> 3] |= UInt8(1) << UInt8(k & 7) }
    }
  }

  deinit { bits.deallocate() }

  package func consume(block: Int, capture: DrawCapture, count: Int) {
    let base = block * SimulationPlan.blockSize * bytesPerDraw
    for j in 0..<count {
      for k in 0..<bytesPerDraw { bits[base + j * bytesPerDraw + k] = capture.outcomeByte(k, ofDraw: j) }
    }
  }

  /// The variance over the draws of the number of seats the Democrats win in each group: `groups[k]` is
  /// the district indices of group `k` (a seat not contested, fixed to its party, adds nothing: its
  /// outcome is the same in every draw). This is `sum_i sum_j Cov(I_i, I_j)` over the group's seats
  /// under the forecast's joint distribution, as its draws estimate it (divisor: the draws), where a
  /// reliability table's binomial band takes the seats as independent, `sum_i p_i (1 - p_i)`.
  /// The groups are read concurrently (Dispatch), each by one worker, so the result does not depend on
  /// the thread count.
  /// - Complexity: O(draws x the bytes the group's seats fall in), per group.
  package func eventVariances(groups: [[Int]]) -> [Double] {
    let position = Dictionary(uniqueKeysWithValues: contestedIndices.enumerated().map { ($0.element, $0.offset) })
    let out = Mutex([Double](repeating: 0, count: groups.count))
    DispatchQueue.concurrentPerform(iterations: groups.count) { g in
      let v = variance(of: groups[g], position: position)
      out.withLock { $0[g] = v }
    }
    return out.withLock { $0 }
  }

  /// One group's variance (`eventVariances`).
  private func variance(of group: [Int], position: [Int: Int]) -> Double {
    // The group's seats as (byte, mask) pairs over the bytes it touches, so a group of a few seats
    // reads a few bytes a draw.
    var masks: [Int: UInt8] = [:]
    for d in group { if let k = position[d] { masks[k >> 3, default: 0] |= UInt8(1) << UInt8(k & 7) } }
    guard draws > 0, !masks.isEmpty else { return 0 }
    let bytes = masks.keys.sorted(), byteMasks = bytes.map { masks[$0]! }
    var sum = 0, sumSquares = 0
    bytes.withUnsafeBufferPointer { at in
      byteMasks.withUnsafeBufferPointer { mask in
        for j in 0..<draws {
          let row = j * bytesPerDraw
          var n = 0
          for i in 0..<at.count { n &+= (bits[row + at[i]] & mask[i]).nonzeroBitCount }
          sum &+= n
          sumSquares &+= n &* n
        }
      }
    }
    let mean = Double(sum) / Double(draws)
    return max(0, Double(sumSquares) / Double(draws) - mean * mean)
  }
}
