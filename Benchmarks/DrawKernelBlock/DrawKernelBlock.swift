// Guards the draw kernel, one block (1,024 draws of the default 2018 model, low-rank and dense
// Cholesky factors) on one thread: its time, and that it never allocates. Every buffer is made
// when the runner is created, outside the measured region; the measured loop must show a
// `mallocCountTotal` of zero (static threshold 0, tolerance 0, in Thresholds/).
import Benchmark
import BenchmarkSupport
import BellwetherCore

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
    timeUnits: .microseconds,
    warmupIterations: 2,
    maxDuration: .seconds(10),
    maxIterations: 2_000,
    thresholds: [
      .wallClock: .init(relative: [.p90: 35], absolute: [:]),
      .cpuTotal: .init(relative: [.p90: 35], absolute: [:]),
      .throughput: .init(relative: [.p90: 35], absolute: [:]),
      // Zero allocations, exactly.
      .mallocCountTotal: .init(relative: [:], absolute: [.p90: 0]),
    ]
  )

  for factor in NoiseFactor.Method.allCases {
    Benchmark("kernel block, \(factor.rawValue)") { benchmark, plan in
      // A fresh runner (its buffers allocated here, not measured), warmed by one block so that
      // lazily built tables (the ziggurat's) exist before the measurement starts.
      var runner = BlockRunner(plan: plan)
      runner.run(block: 0)
      let blocks = plan.blockCount
      let first = (benchmark.currentIteration * 7 + 1) % blocks
      benchmark.startMeasurement()
      runner.run(block: first)
      benchmark.stopMeasurement()
      blackHole(runner.tallies())
    } setup: {
      try Workload.model(factor: factor).plan
    }
  }
}
