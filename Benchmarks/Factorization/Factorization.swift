// Guards the factorization of the default 2018 model's noise covariance Sigma (its contested seats
// only: 394 x 394): building dense Sigma from its four terms, its Cholesky factor (LAPACK dpotrf),
// and the low-rank-plus-diagonal factor (exact state and region memberships, lean kernel
// eigen-truncated by dsyevr, and the check of its largest covariance error). They run once per
// forecast, before any draw.
import Benchmark
import BenchmarkSupport
import BellwetherEngine

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // Wall clock only for time: cpuTotal is read in 10 ms ticks, coarser than these stages.
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(10),
    maxIterations: 50,
    // Millisecond stages on a shared machine: one lost time slice (4 ms) can triple a sample, so
    // times fail the static check only beyond four times their threshold.
    thresholds: [
      .wallClock: .init(relative: [.p90: 300], absolute: [:]),
      .mallocCountTotal: .init(relative: [.p90: 10], absolute: [:]),
      .peakMemoryResident: .init(relative: [.p90: 15], absolute: [:]),
    ]
  )

  Benchmark("Sigma-dense-build") { benchmark, covariance in
    blackHole(covariance.matrix())
  } setup: {
    try Workload.model().covariance
  }

  Benchmark("cholesky") { benchmark, sigma in
    blackHole(try NoiseFactor.cholesky(of: sigma))
  } setup: {
    try Workload.model().covariance.matrix()
  }

  Benchmark("low-rank") { benchmark, covariance in
    blackHole(try NoiseFactor.lowRank(of: covariance))
  } setup: {
    try Workload.model().covariance
  }
}
