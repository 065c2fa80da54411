import BellwetherEngine
import BellwetherReports
import Foundation

/// The measurements behind `bellwether bench`: a whole forecast timed stage by stage, repeated, with
/// thread scaling and the draw kernel's pieces timed in isolation.
package struct ThroughputBenchmark: Sendable {
  /// One repetition of a full forecast.
  package struct Sample: Sendable {
    package var threads: Int
    package var load: Double
    package var calibration: Double
    package var factorization: Double
    package var draws: Double
    package var aggregation: Double
    package var total: Double { load + calibration + factorization + draws + aggregation }
  }

  /// The results.
  package var configPath: String
  var drawCount: Int
  package var seats: Int
  package var contested: Int
  package var factorMethod: NoiseFactor.Method
  package var rank: Int
  package var samples: [Sample]
  var machineGemmGFlops: Double
  var kernelGemmGFlops: Double
  var kernelGemmSeconds: Double
  var kernelNormalSeconds: Double
  /// Normals the kernel draws per draw (`NoiseFactor.normalsPerDraw`), the count `kernelNormalSeconds` timed.
  package var normalsPerDraw: Int
  var peakResidentBytes: Int

  /// Runs the benchmark.
  /// - Parameters:
  ///   - configPath: the cycle config.
  ///   - draws: draws per forecast.
  ///   - threads: thread counts to measure (each repeated `repetitions` times, interleaved).
  ///   - factor: the noise factor.
  ///   - repetitions: repetitions per thread count.
  package static func run(configPath: String, draws: Int, threads: [Int], factor: NoiseFactor.Method,
                         repetitions: Int, log: (String) -> Void = { _ in }) throws -> ThroughputBenchmark {
    var samples: [Sample] = []
    var last: ForecastModel?
    for repetition in 0..<repetitions {
      for t in threads {
        let (forecaster, load) = try StageTimer.time { try Forecaster(configPath: configPath) }
        let model = try forecaster.model(ForecastOptions(draws: draws, factor: factor))
        let (result, drawSeconds) = StageTimer.time { Forecaster.run(model, threads: t)! }
        let (_, aggregation) = try StageTimer.time { _ = try ReportBundle.render(ForecastResult(model: model, tallies: result.tallies)) }
        let sample = Sample(threads: t, load: load, calibration: model.calibrationSeconds, factorization: model.factorizationSeconds,
                            draws: drawSeconds, aggregation: aggregation)
        log(String(format: "  repetition %d, %d thread(s): %.3f s (draws %.3f s)", repetition + 1, t, sample.total, sample.draws))
        samples.append(sample)
        last = model
      }
    }
    let model = last!
    let plan = model.plan
    let gemm = KernelProbe.kernelGemm(plan: plan)
    let normalsPerDraw = plan.factor.normalsPerDraw
    let normals = KernelProbe.normalSeconds(count: normalsPerDraw * plan.draws)
    return ThroughputBenchmark(
      configPath: configPath, drawCount: draws, seats: plan.seats, contested: plan.contested, factorMethod: factor,
      rank: plan.factor.rank, samples: samples, machineGemmGFlops: KernelProbe.machineGemmRate(),
      kernelGemmGFlops: gemm.gflops, kernelGemmSeconds: gemm.seconds, kernelNormalSeconds: normals,
      normalsPerDraw: normalsPerDraw,
      peakResidentBytes: StageTimer.peakResidentBytes())
  }

  /// Median of a stage over the samples with `threads`.
  package func median(_ threads: Int, _ stage: (Sample) -> Double) -> Double {
    StageTimer.median(samples.filter { $0.threads == threads }.map(stage))
  }

  /// The thread counts measured, ascending.
  package var threadCounts: [Int] { Array(Set(samples.map(\.threads))).sorted() }

  /// Median draw time of the fewest threads over that of the most; nil with one thread count.
  package var threadScaling: Double? {
    guard let first = threadCounts.first, let last = threadCounts.last, last != first else { return nil }
    return median(first, \.draws) / median(last, \.draws)
  }

  /// The rest of the kernel (margins, counts, histogram, tipping) on 1 thread: the fewest threads'
  /// median draw time times their count, less the isolated gemm and normals, at least 0.
  var kernelRestSeconds: Double? {
    guard let one = threadCounts.first else { return nil }
    return max(0, median(one, \.draws) * Double(one) - kernelGemmSeconds - kernelNormalSeconds)
  }

  /// A human-readable report.
  package func render() -> String {
    var out = "Bellwether throughput: \(drawCount) draws, \(seats) seats (\(contested) contested), factor \(factorMethod.rawValue) (rank \(rank))\n"
    out += "medians of \(samples.count / max(1, threadCounts.count)) repetitions, interleaved\n\n"
    out += "threads   total s   load   calib  factor   draws   aggr   draws/s   district-draws/s\n"
    for t in threadCounts {
      let d = median(t, \.draws)
      out += String(format: "%7d  %8.3f  %5.3f  %6.3f  %6.3f  %6.3f  %5.3f  %8.3g  %10.3g\n", t, median(t, \.total), median(t, \.load),
                    median(t, \.calibration), median(t, \.factorization), d, median(t, \.aggregation),
                    Double(drawCount) / d, Double(drawCount) * Double(contested) / d)
    }
    if let scaling = threadScaling, let first = threadCounts.first, let lastT = threadCounts.last {
      out += String(format: "\nthread scaling: %d threads give %.2fx the draw rate of %d\n", lastT, scaling, first)
    }
    out += String(format: "\ngemm stage (isolated, same shapes, 1 thread): %.3f s, %.1f GFLOP/s = %.0f%% of this machine's sgemm (%.1f GFLOP/s, 1024^3, 1 thread)\n",
                  kernelGemmSeconds, kernelGemmGFlops, 100 * kernelGemmGFlops / machineGemmGFlops, machineGemmGFlops)
    let normalCount = Double(drawCount) * Double(normalsPerDraw)
    out += String(format: "normals (isolated, 1 thread): %.3f s for %.3g normals, %d per draw (%.2f ns each)\n",
                  kernelNormalSeconds, normalCount, normalsPerDraw, 1e9 * kernelNormalSeconds / normalCount)
    if let rest = kernelRestSeconds {
      out += String(format: "rest of the kernel (margins, counts, histogram, tipping), 1 thread: about %.3f s\n", rest)
    }
    out += String(format: "peak resident memory: %.1f MiB\n", Double(peakResidentBytes) / 1_048_576)
    return out
  }
}
