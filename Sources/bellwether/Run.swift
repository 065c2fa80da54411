import ArgumentParser
import BellwetherCore
import Foundation

/// `bellwether run`: the nightly forecast.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a full forecast and write forecast.json, districts.csv and summary.md.",
    discussion: """
      Reads the config and its tables, calibrates the environment from the specials held before the \
      as-of date, simulates the draws and writes the reports atomically into the output folder (each \
      file goes to a temporary name and is renamed into place). The same data, config, seed and draws \
      give byte-identical reports for any --threads.

      Exit codes: 0 done; 1 bad input or a failed check (message on stderr, nothing written); 64 bad \
      arguments; 75 another run holds the output folder's lock (.bellwether.lock), nothing done; \
      130/143 stopped by SIGINT/SIGTERM, nothing written.
      """)

  @OptionGroup var common: ConfigOptions

  @Option(help: "Number of draws (default: simulation.draws in the config).")
  var draws: Int?

  @Option(help: "Master seed, 0...2^53-1 (default: simulation.seed in the config).")
  var seed: UInt64?

  @Option(help: "Worker threads for the draws (default: all cores). Never changes the result.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Output folder for the reports (created with owner-only permissions).", valueName: "dir"))
  var out: String = "out"

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Forecast as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: String?

  @Option(help: ArgumentHelp("Factor of the noise covariance: cholesky (dense, exact) or low-rank (exact memberships, truncated lean kernel).", valueName: "method"))
  var factor: String = "cholesky"

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    if let draws, !(1...ForecastConfig.maximumDraws).contains(draws) {
      throw ValidationError("--draws must be in 1...\(ForecastConfig.maximumDraws), got \(draws)")
    }
    if let seed, Double(seed) > ForecastConfig.maximumSeed { throw ValidationError("--seed must be at most 2^53-1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, got '\(asOf)'") }
    guard NoiseFactor.Method(rawValue: factor) != nil else { throw ValidationError("--factor must be cholesky or low-rank, got '\(factor)'") }
  }

  func run() throws {
    let stop = StopSignals()  // SIGINT/SIGTERM: stop cleanly, write nothing, exit 130/143
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      let model = try ForecastModel.build(inputs: inputs, asOf: asOf.flatMap(CalendarDate.init(iso:)), draws: draws,
                                          seed: seed, factorMethod: NoiseFactor.Method(rawValue: factor)!)
      let lock = try OutputLock.acquire(folder: out)  // one run at a time per output folder
      let progress = quiet ? nil : TerminalProgress(label: "simulating \(model.plan.draws) draws")
      guard let result = ForecastRun.execute(model, threads: threads, progress: progress?.update, isCancelled: stop.isRequested),
            !stop.isRequested() else {
        progress?.finish()
        throw stop.stopped()
      }
      progress?.finish()
      let files: [String]
      do { files = try ReportBundle.write(result, to: out, isCancelled: stop.isRequested) } catch is ReportWriter.Cancelled { throw stop.stopped() }
      withExtendedLifetime(lock) {}
      if !quiet { print(TerminalSummary.render(result, files: files)) }
    }
  }
}
