/// One worker's view of a simulation: a draw kernel and its tallies, for benchmarks and callers
/// that schedule blocks themselves. `Simulator` is the usual entry point.
///
/// Not `Sendable`: its kernel owns raw scratch buffers that one thread at a time may touch, so the
/// compiler refuses to hand a runner to another thread.
public struct BlockRunner {
  private var kernel: DrawKernel
  private var counts: Tallies

  /// Creates a runner for a plan; allocates every buffer the kernel will use.
  public init(plan: SimulationPlan) {
    counts = Tallies(plan: plan)
    kernel = DrawKernel(plan: plan, binsPerRow: counts.binsPerRow)
  }

  /// Simulates one block into this runner's tallies. Allocation-free.
  public mutating func run(block: Int) {
    kernel.run(block: block, into: &counts)
  }

  /// The tallies so far (flushes the kernel's 32-bit counters first).
  public mutating func tallies() -> Tallies {
    kernel.flush(into: &counts)
    return counts
  }
}
