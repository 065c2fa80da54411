import Dispatch
import Synchronization

/// Runs a plan's blocks across cores with Dispatch and merges the workers' tallies.
///
/// Workers take blocks from a shared counter; each block's random stream is keyed by the block
/// index, and tallies are integers, so the result is the same bits for any thread count. BLAS is
/// set to one thread before the fan-out: one BLAS thread per Dispatch worker, never both.
package enum Simulator {
  /// Which blocks to simulate: all, or one shard's share (`index` of `count`, blocks `b` with
  /// `b % count == index`).
  package struct Shard: Sendable, Equatable, Codable {
    package var index: Int
    package var count: Int
    /// The whole run.
    package static let all = Shard(index: 0, count: 1)
    /// Creates a shard.
    package init(index: Int, count: Int) {
      precondition(count >= 1 && (0..<count).contains(index))
      self.index = index
      self.count = count
    }
    /// The blocks of a run of `blockCount` blocks that belong to this shard.
    package func blocks(of blockCount: Int) -> StrideTo<Int> { stride(from: index, to: blockCount, by: count) }
  }

  /// Simulates the plan.
  /// - Parameters:
  ///   - plan: the resolved model.
  ///   - threads: Dispatch workers (at least 1; capped at 64, OpenBLAS's buffer pool).
  ///   - shard: which blocks to run.
  ///   - progress: called with (blocks done, blocks in total) from worker threads.
  ///   - isCancelled: polled between blocks; when it returns true the run stops and returns nil.
  ///   - sink: receives each block's draws (for `--export-draws`), keyed by block index.
  /// - Returns: the merged tallies, or nil if cancelled.
  /// - Complexity: O(draws x seats x rank).
  package static func run(plan: SimulationPlan, threads: Int, shard: Shard = .all,
                         progress: (@Sendable (Int, Int) -> Void)? = nil,
                         isCancelled: (@Sendable () -> Bool)? = nil, sink: DrawSink? = nil) -> Tallies? {
    run(plan: plan, threads: threads, blocks: Array(shard.blocks(of: plan.blockCount)), progress: progress,
        isCancelled: isCancelled, sink: sink)
  }

  /// Simulates the given blocks of the plan (each in `0..<plan.blockCount`, none twice). Block b's
  /// draws depend only on (seed, b) and whether b is the plan's short last block, so tallies of
  /// disjoint block sets of one plan merge to those of their union.
  /// - Returns: the merged tallies of those blocks, or nil if cancelled.
  package static func run(plan: SimulationPlan, threads: Int, blocks: [Int],
                         progress: (@Sendable (Int, Int) -> Void)? = nil,
                         isCancelled: (@Sendable () -> Bool)? = nil, sink: DrawSink? = nil) -> Tallies? {
    precondition(blocks.allSatisfy { (0..<plan.blockCount).contains($0) })
    let workers = max(1, min(threads, 64, blocks.count))
    precondition(BLAS.threads == 1, "one BLAS thread per Dispatch worker")

    let next = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
    let results = Mutex<[Tallies]>([])
    let template = Tallies(plan: plan)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      var tallies = template
      var kernel = DrawKernel(plan: plan, binsPerRow: template.binsPerRow,
                              capture: sink.map { DrawCapture(contested: plan.contested, outcomes: $0.wantsOutcomes) })
      while true {
        if let isCancelled, isCancelled() { cancelled.store(true, ordering: .relaxed) }
        if cancelled.load(ordering: .relaxed) { break }
        let position = next.add(1, ordering: .relaxed).oldValue
        guard position < blocks.count else { break }
        kernel.run(block: blocks[position], into: &tallies)
        if let sink, let capture = kernel.capture {
          sink.consume(block: blocks[position], capture: capture, count: plan.drawsInBlock(blocks[position]))
        }
        progress?(position + 1, blocks.count)
      }
      kernel.flush(into: &tallies)
      results.withLock { $0.append(tallies) }
    }
    if cancelled.load(ordering: .relaxed) { return nil }
    var total = template
    for part in results.withLock({ $0 }) { total.merge(part) }
    return total
  }
}
