// Guards the draw kernel, one block (1,024 draws of the default 2018 model, low-rank and dense
// Cholesky factors) on one thread: its time, and that it never allocates. Every buffer is made
// when the runner is created, outside the measured region; the measured block must show a
// `mallocCountTotal` of zero (static threshold 0, tolerance 0, in Thresholds/).
import Benchmark
import BenchmarkSupport
import BellwetherEngine

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // No operating-system metrics (cpuTotal and the like): the harness reads them from /proc inside
    // the malloc-counting window, which adds 16 allocations of its own to every sample.
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    timeUnits: .microseconds,
    warmupIterations: 2,
    maxDuration: .seconds(10),
    maxIterations: 2_000,
    // Times fail the static check only beyond twice their threshold (a shared machine).
    thresholds: [
      .wallClock: .init(relative: [.p90: 100], absolute: [:]),
      .throughput: .init(relative: [.p90: 100], absolute: [:]),
      // Zero allocations, exactly.
      .mallocCountTotal: .init(relative: [:], absolute: [.p90: 0]),
    ]
  )

  // The instrument itself: the same setup and measured region with nothing in it must count zero
  // allocations, so that the kernel's zero means the kernel's.
  Benchmark("control-empty-region") { benchmark, plan in
    var runner = BlockRunner(plan: plan)
    runner.run(block: 0)
    benchmark.startMeasurement()
    blackHole(plan.draws)
    benchmark.stopMeasurement()
    blackHole(runner.tallies())
  } setup: {
    try Workload.model(factor: .lowRank).plan
  }

  for factor in NoiseFactor.Method.allCases {
    Benchmark(factor.rawValue) { benchmark, plan in
      // A fresh runner (its buffers allocated here, not measured), warmed by one block so that
      // lazily built tables (the ziggurat's) exist before the measurement starts.
      var runner = BlockRunner(plan: plan)
      runner.run(block: 0)
      let blocks = plan.blockCount
      let block = (benchmark.currentIteration * 7 + 1) % blocks
      benchmark.startMeasurement()
      runner.run(block: block)
      benchmark.stopMeasurement()
      blackHole(runner.tallies())
    } setup: {
      try Workload.model(factor: factor).plan
    }
  }
}
