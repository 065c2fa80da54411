// Guards the setup of a large chamber on the structured path (docs/model.md §3.2): the whole model
// build through Forecaster (inputs, calibration, the structured factor; no n x n matrix) and the
// structured factor alone, for a synthetic chamber written by Benchmarks/synthetic_chamber.py:
//
//     python3 Benchmarks/synthetic_chamber.py --seats 7500 --out /tmp/bellwether-7500
//     cd Benchmarks && swift package benchmark --target LargeChamberSetup
//
// `BELLWETHER_LARGE_CONFIG` names another chamber's config (default /tmp/bellwether-7500/config.json5).
import Benchmark
import BellwetherEngine
import Foundation

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(20),
    maxIterations: 20,
    thresholds: [
      .wallClock: .init(relative: [.p90: 300], absolute: [:]),
      .peakMemoryResident: .init(relative: [.p90: 15], absolute: [:]),
    ]
  )
  let path = ProcessInfo.processInfo.environment["BELLWETHER_LARGE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    ?? "/tmp/bellwether-7500/config.json5"

  Benchmark("model-build-structured") { benchmark, forecaster in
    blackHole(try forecaster.model(ForecastOptions(draws: 100_000, factor: .structured)))
  } setup: {
    try Forecaster(configPath: path)
  }

  Benchmark("structured-factor") { benchmark, covariance in
    blackHole(try NoiseFactor.structured(of: covariance))
  } setup: {
    try Forecaster(configPath: path).model(ForecastOptions(draws: 1024, factor: .structured)).covariance
  }
}
