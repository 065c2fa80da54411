// Guards the aggregation after the draws: the tallies of the default 2018 run (435 seats,
// 1,000,000 draws, made once in setup) summarised into a ForecastResult (seat distribution,
// per-seat probabilities and margin intervals from the histograms, tipping point, states), and
// that plus rendering every report (forecast.json, districts.csv, summary.md; no disk writes).
import Benchmark
import BenchmarkSupport
import BellwetherEngine
import BellwetherReports

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // Wall clock only for time: cpuTotal is read in 10 ms ticks, coarser than these stages.
    metrics: [.wallClock, .mallocCountTotal],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(10),
    maxIterations: 200,
    // Millisecond stages on a shared machine: one lost time slice (4 ms) can triple a sample, so
    // times fail the static check only beyond four times their threshold.
    thresholds: [
      .wallClock: .init(relative: [.p90: 300], absolute: [:]),
      .mallocCountTotal: .init(relative: [.p90: 10], absolute: [:]),
    ]
  )

  Benchmark("ForecastResult") { benchmark, run in
    blackHole(ForecastResult(model: run.model, tallies: run.tallies))
  } setup: {
    try simulated()
  }

  Benchmark("ForecastResult+render") { benchmark, run in
    blackHole(try ReportBundle.render(ForecastResult(model: run.model, tallies: run.tallies)))
  } setup: {
    try simulated()
  }
}

/// The default model and the tallies of its draws.
func simulated() throws -> (model: ForecastModel, tallies: Tallies) {
  let model = try Workload.model()
  guard let result = Forecaster.run(model, threads: Workload.threads) else { fatalError("cancelled") }
  return (model, result.tallies)
}
