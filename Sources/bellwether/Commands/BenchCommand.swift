import ArgumentParser
import BellwetherBench
import BellwetherEngine
import Foundation

/// `bellwether bench`: throughput of the whole forecast, stage by stage.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure forecast throughput: time per stage, draws/s, gemm rate, thread scaling, peak memory.",
    discussion: ExitCodes.discussion("""
      Runs the whole forecast (load, calibration, factorization, draws, aggregation) several times \
      for each thread count, interleaved so that a noisy machine affects all alike, and prints medians. \
      Then times the draw kernel's gemm and normal generation in isolation at the same shapes and \
      compares the gemm rate with this machine's own single-thread sgemm rate. Use a release build. \
      Each repetition's line goes to stderr as it ends (none with --quiet); the table to stdout, or with \
      --format json one bellwether.bench/1 document (schema in docs/performance.md, "bench --format json").
      """))

  @OptionGroup var common: ConfigOptions

  @Option(parsing: .unconditional, help: "Draws per forecast, 1...10^10.")
  var draws: DrawCount = DrawCount(1_000_000)

  @Option(parsing: .unconditional, help: ArgumentHelp("Comma-separated thread counts to measure.", valueName: "list"))
  var threads: ThreadList = ThreadList([1, ProcessInfo.processInfo.activeProcessorCount])

  @Option(help: "Repetitions per thread count (the median is reported).")
  var repetitions: Int = 5

  @Option(help: ArgumentHelp("Noise factor: cholesky or low-rank.", valueName: "method"))
  var factor: NoiseFactor.Method = .lowRank

  @Option(help: ArgumentHelp("What to print: text (the table) or json (a bellwether.bench/1 document, schema in docs/performance.md).", valueName: "format"))
  var format: OutputFormat = .text

  @Flag(help: "Print no progress on stderr (errors still print; the result still goes to stdout).")
  var quiet = false

  func validate() throws {
    guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
  }

  func run() throws {
    try failingCleanly {
      var stderr = StandardError()
      let result = try ThroughputBenchmark.run(configPath: common.config, draws: draws.value, threads: threads.values,
                                               factor: factor, repetitions: repetitions,
                                               log: { if !quiet { print($0, to: &stderr) } })
      switch format {
      case .text: print(result.render())
      case .json: print(String(decoding: try BenchDocument(result).encoded(), as: UTF8.self))
      }
    }
  }
}
