import BellwetherEngine
import Foundation

/// What `bellwether bench --format json` prints, schema `bellwether.bench/1`: every repetition's
/// stage times, their medians per thread count, and the kernel's pieces timed in isolation, in
/// forecast.json's camelCase naming (times in seconds, rates per second). Documented field by
/// field in docs/performance.md, "bench --format json".
package struct BenchDocument: Codable, Sendable {
  package static let schemaName = "bellwether.bench/1"

  /// One repetition of a whole forecast, its stages in seconds (`ThroughputBenchmark.Sample`).
  package struct Sample: Codable, Sendable, Equatable {
    package var threads: Int
    package var loadSeconds: Double
    package var calibrationSeconds: Double
    package var factorizationSeconds: Double
    package var drawSeconds: Double
    package var aggregationSeconds: Double
    /// The sum of the five stages.
    package var totalSeconds: Double
  }

  /// The medians over one thread count's repetitions: the figures of one row of the text table.
  package struct Median: Codable, Sendable, Equatable {
    package var threads: Int
    package var repetitions: Int
    package var loadSeconds: Double
    package var calibrationSeconds: Double
    package var factorizationSeconds: Double
    package var drawSeconds: Double
    package var aggregationSeconds: Double
    /// Median of the samples' totals (not the sum of the stage medians).
    package var totalSeconds: Double
    /// `draws / drawSeconds`.
    package var drawsPerSecond: Double
    /// `draws * contestedSeats / drawSeconds`.
    package var districtDrawsPerSecond: Double
  }

  /// The isolated gemm stage at the kernel's shapes, 1 thread, beside this machine's own sgemm rate.
  package struct Gemm: Codable, Sendable, Equatable {
    package var seconds: Double
    package var gflops: Double
    /// Single-thread sgemm at 1024^3 on this machine.
    package var machineGFlops: Double
  }

  /// The isolated normal generation, 1 thread: `count = draws * perDraw` normals in `seconds`.
  package struct Normals: Codable, Sendable, Equatable {
    package var seconds: Double
    package var count: Double
    package var perDraw: Int
  }

  package var schema: String
  /// `EngineVersion.text`.
  package var engineVersion: String
  /// The config path as given.
  package var config: String
  /// Draws per forecast.
  package var draws: Int
  package var seats: Int
  package var contestedSeats: Int
  /// `low-rank` or `cholesky`, as forecast.json's `run.factorMethod`.
  package var factorMethod: String
  package var factorRank: Int
  /// Every repetition in the order run (thread counts interleaved within each repetition).
  package var samples: [Sample]
  /// One entry per thread count, ascending.
  package var medians: [Median]
  /// Median draw time of the fewest threads over that of the most; null with one thread count.
  package var threadScaling: Double?
  package var gemm: Gemm
  package var normals: Normals
  /// The rest of the kernel on 1 thread: the fewest threads' median draw time times their count,
  /// minus the isolated gemm and normals, at least 0.
  package var kernelRestSeconds: Double
  /// Peak resident memory of the process, bytes.
  package var peakResidentBytes: Int

  /// The document of a benchmark's results.
  package init(_ b: ThroughputBenchmark) {
    schema = Self.schemaName
    engineVersion = EngineVersion.text
    config = b.configPath
    draws = b.drawCount
    seats = b.seats
    contestedSeats = b.contested
    factorMethod = b.factorMethod.rawValue
    factorRank = b.rank
    samples = b.samples.map {
      Sample(threads: $0.threads, loadSeconds: $0.load, calibrationSeconds: $0.calibration,
             factorizationSeconds: $0.factorization, drawSeconds: $0.draws, aggregationSeconds: $0.aggregation,
             totalSeconds: $0.total)
    }
    let threadCounts = b.threadCounts
    medians = threadCounts.map { t in
      let d = b.median(t, \.draws)
      return Median(threads: t, repetitions: b.samples.filter { $0.threads == t }.count, loadSeconds: b.median(t, \.load),
                    calibrationSeconds: b.median(t, \.calibration), factorizationSeconds: b.median(t, \.factorization),
                    drawSeconds: d, aggregationSeconds: b.median(t, \.aggregation), totalSeconds: b.median(t, \.total),
                    drawsPerSecond: Double(b.drawCount) / d, districtDrawsPerSecond: Double(b.drawCount) * Double(b.contested) / d)
    }
    threadScaling = b.threadScaling
    gemm = Gemm(seconds: b.kernelGemmSeconds, gflops: b.kernelGemmGFlops, machineGFlops: b.machineGemmGFlops)
    normals = Normals(seconds: b.kernelNormalSeconds, count: Double(b.drawCount) * Double(b.normalsPerDraw), perDraw: b.normalsPerDraw)
    kernelRestSeconds = b.kernelRestSeconds ?? 0
    peakResidentBytes = b.peakResidentBytes
  }

  /// The document as pretty-printed JSON with sorted keys.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
