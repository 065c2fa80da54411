import BellwetherEngine
import Dispatch
import Synchronization

/// Keeps who won each contested seat in the first draws of one forecast (a `DrawSink` with outcomes),
/// so that the backtest can ask how many of a group of seats the Democrats win together, draw by draw:
/// the reliability table's null under the forecast's own dependence between seats
/// (`countDistributions`, docs/model.md §7.3).
///
/// It keeps the first `maximumBlocks` blocks (262,144 draws; all of a smaller run), so its memory is
/// bounded whatever `--draws` asks: `draws x ceil(contested / 8)` bytes, 11 MB for 200,000 draws of 435
/// seats. Each block is placed by its index, so the record is the same for any thread count; a block
/// only copies its bytes into the buffer allocated before the run.
package final class OutcomeRecorder: DrawSink, @unchecked Sendable {
  /// Blocks kept at most (of `SimulationPlan.blockSize` draws).
  package static let maximumBlocks = 256
  package var wantsOutcomes: Bool { true }
  /// Draws recorded: the plan's, up to `maximumBlocks` blocks.
  package let draws: Int
  /// Bytes per draw: bit `k & 7` of byte `k >> 3` is contested seat `k` (kernel order), 1 when the Democrat won.
  package let bytesPerDraw: Int
  /// The kernel position of each contested seat, by its district index (into the chamber's districts).
  private let position: [Int: Int]
  private let bits: UnsafeMutableBufferPointer<UInt8>

  /// A recorder for the first draws of `plan`.
  package init(plan: SimulationPlan) {
    draws = min(plan.draws, OutcomeRecorder.maximumBlocks * SimulationPlan.blockSize)
    bytesPerDraw = (plan.contestedIndices.count + 7) / 8
    position = OutcomeRecorder.positions(plan.contestedIndices)
    bits = .allocate(capacity: max(1, draws * bytesPerDraw))
    bits.initialize(repeating: 0)
  }

  /// A recorder filled by hand (tests): `outcomes[j][k]` is whether the Democrat won contested seat `k`,
  /// district index `contestedIndices[k]`, in draw `j`.
  package init(outcomes: [[Bool]], contestedIndices: [Int]) {
    draws = outcomes.count
    bytesPerDraw = (contestedIndices.count + 7) / 8
    position = OutcomeRecorder.positions(contestedIndices)
    bits = .allocate(capacity: max(1, draws * bytesPerDraw))
    bits.initialize(repeating: 0)
    for (j, row) in outcomes.enumerated() {
      precondition(row.count == contestedIndices.count)
      for (k, won) in row.enumerated() where won { bits[j * bytesPerDraw + k >> 3] |= UInt8(1) << UInt8(k & 7) }
    }
  }

  deinit { bits.deallocate() }

  private static func positions(_ contestedIndices: [Int]) -> [Int: Int] {
    Dictionary(uniqueKeysWithValues: contestedIndices.enumerated().map { ($0.element, $0.offset) })
  }

  package func consume(block: Int, capture: DrawCapture, count: Int) {
    guard block < OutcomeRecorder.maximumBlocks else { return }
    let base = block * SimulationPlan.blockSize * bytesPerDraw
    for j in 0..<count {
      for k in 0..<bytesPerDraw { bits[base + j * bytesPerDraw + k] = capture.outcomeByte(k, ofDraw: j) }
    }
  }

  /// Whether district `index` was simulated (a contested seat); a fixed seat's outcome is the same in
  /// every draw and is not recorded.
  package func isContested(_ index: Int) -> Bool { position[index] != nil }

  /// For each group (`groups[k]`: district indices), the share of the recorded draws in which the
  /// Democrats win exactly 0, 1, ... of its contested seats (fixed seats are left out: they win the same in
  /// every draw). Its variance is `sum_i sum_j Cov(I_i, I_j)` over those seats, where a reliability
  /// table's binomial band takes the seats as independent, `sum_i p_i (1 - p_i)`. The groups are read
  /// concurrently (Dispatch), each by one worker, so the result does not depend on the thread count.
  /// - Complexity: O(draws x the bytes the group's seats fall in), per group.
  package func countDistributions(groups: [[Int]]) -> [[Double]] {
    let out = Mutex([[Double]](repeating: [1], count: groups.count))
    DispatchQueue.concurrentPerform(iterations: groups.count) { g in
      let d = distribution(of: groups[g])
      out.withLock { $0[g] = d }
    }
    return out.withLock { $0 }
  }

  /// One group's distribution (`countDistributions`).
  private func distribution(of group: [Int]) -> [Double] {
    // The group's seats as (byte, mask) pairs over the bytes it touches, so a group of a few seats
    // reads a few bytes a draw.
    var masks: [Int: UInt8] = [:]
    var seats = 0
    for d in group {
      if let k = position[d] { masks[k >> 3, default: 0] |= UInt8(1) << UInt8(k & 7); seats += 1 }
    }
    guard draws > 0, seats > 0 else { return [1] }
    let bytes = masks.keys.sorted(), byteMasks = bytes.map { masks[$0]! }
    var histogram = [Int](repeating: 0, count: seats + 1)
    bytes.withUnsafeBufferPointer { at in
      byteMasks.withUnsafeBufferPointer { mask in
        for j in 0..<draws {
          let row = j * bytesPerDraw
          var n = 0
          for i in 0..<at.count { n &+= (bits[row + at[i]] & mask[i]).nonzeroBitCount }
          histogram[n] += 1
        }
      }
    }
    return histogram.map { Double($0) / Double(draws) }
  }
}
