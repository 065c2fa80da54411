// The conditional estimator's cost (docs/model.md §4.3): one block (1,024 draws of the default
// 2018 model, low-rank factor) on one thread for each estimator, and that neither allocates. Its
// benefit, the smaller SE per draw, is a property of the draws, not of the machine; the precision
// per second, 1 / (SE^2 t), combines the two and is measured on whole runs by
// Benchmarks/conditional_se_per_second.sh (docs/performance.md, "The conditional estimator").
import Benchmark
import BenchmarkSupport
import BellwetherEngine

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // As DrawKernelBlock: no operating-system metrics inside the malloc-counting window.
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    timeUnits: .microseconds,
    warmupIterations: 2,
    maxDuration: .seconds(10),
    maxIterations: 2_000,
    thresholds: [
      .wallClock: .init(relative: [.p90: 100], absolute: [:]),
      .throughput: .init(relative: [.p90: 100], absolute: [:]),
      .mallocCountTotal: .init(relative: [:], absolute: [.p90: 0]),
    ]
  )

  for estimator in Estimator.allCases {
    Benchmark(estimator.rawValue) { benchmark, plan in
      var runner = BlockRunner(plan: plan)
      runner.run(block: 0)
      let block = (benchmark.currentIteration * 7 + 1) % plan.blockCount
      benchmark.startMeasurement()
      runner.run(block: block)
      benchmark.stopMeasurement()
      blackHole(runner.tallies())
    } setup: {
      try Workload.model(estimator: estimator).plan
    }
  }
}
