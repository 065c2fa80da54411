import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether run`: the nightly forecast.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a full forecast and write forecast.json, districts.csv, summary.md, report.html and its charts.",
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

  @Option(help: ArgumentHelp("Factor of the noise covariance: low-rank (exact state and region terms, lean kernel truncated at eigenvalues below 1e-4 of the largest; its largest covariance error is reported in forecast.json) or cholesky (dense, exact, slower).", valueName: "method"))
  var factor: String = "low-rank"

  @Option(help: ArgumentHelp("Simulate only shard I of N (0-based) and write its partial result, partial-I-of-N.bwp, into --out; combine the partials with `bellwether merge`.", valueName: "I/N"))
  var shard: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Option(help: ArgumentHelp("Scenario: fix the national environment (two-party margin) at D+5, R+2.5 or EVEN; the forecast becomes conditional on it.", valueName: "margin"))
  var environment: String?

  @Option(name: .customLong("export-draws"), help: ArgumentHelp("Also write each draw's environment and Democratic seats to this binary file (format BWDRAW01, see docs/README-reports.md).", valueName: "file"))
  var exportDraws: String?

  @Flag(name: .customLong("export-outcomes"), help: "With --export-draws, also record who won each contested seat in each draw (one bit per seat).")
  var exportOutcomes = false

  @Option(help: ArgumentHelp("The run-history database (SQLite) this run is recorded in (default: history.sqlite in the output folder).", valueName: "file"))
  var history: String?

  @Flag(name: .customLong("no-history"), help: "Do not record this run in the history database, and leave the history out of report.html.")
  var noHistory = false

  func validate() throws {
    if let draws, !(1...ForecastConfig.maximumDraws).contains(draws) {
      throw ValidationError("--draws must be in 1...\(ForecastConfig.maximumDraws), got \(draws)")
    }
    if let seed, Double(seed) > ForecastConfig.maximumSeed { throw ValidationError("--seed must be at most 2^53-1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, got '\(asOf)'") }
    guard NoiseFactor.Method(rawValue: factor) != nil else { throw ValidationError("--factor must be cholesky or low-rank, got '\(factor)'") }
    if let shard {
      do { _ = try Simulator.Shard(parsing: shard) } catch { throw ValidationError("--shard must be I/N with 0 <= I < N, got '\(shard)'") }
    }
    do { _ = try environment.map(EnvironmentScenario.parse) } catch { throw ValidationError("--environment: \(error)") }
    if exportOutcomes && exportDraws == nil { throw ValidationError("--export-outcomes needs --export-draws FILE") }
    if shard != nil && exportDraws != nil { throw ValidationError("--export-draws cannot be combined with --shard") }
  }

  func run() throws {
    let stop = StopSignals()  // SIGINT/SIGTERM: stop cleanly, write nothing, exit 130/143
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      let fixed = try environment.map(EnvironmentScenario.parse)
      let model = try ForecastModel.build(inputs: inputs, asOf: asOf.flatMap(CalendarDate.init(iso:)), draws: draws,
                                          seed: seed, environment: fixed, factorMethod: NoiseFactor.Method(rawValue: factor)!)
      // One run at a time per output folder. Shards skip the lock: many shards of one run share a
      // folder, each writing only its own partial, atomically.
      let lock = shard == nil ? try OutputLock.acquire(folder: out) : nil
      defer { withExtendedLifetime(lock) {} }
      let progress = quiet ? nil : TerminalProgress(label: "simulating \(model.plan.draws) draws")
      if let shard {
        let part = try Simulator.Shard(parsing: shard)
        guard let partial = ShardedRun.simulate(model, shard: part, threads: threads, fixedEnvironment: fixed,
                                                progress: progress?.update, isCancelled: stop.isRequested),
              !stop.isRequested() else {
          progress?.finish()
          throw stop.stopped()
        }
        progress?.finish()
        do {
          try ReportWriter.write([(PartialResult.fileName(for: part), try partial.encoded())], into: out, isCancelled: stop.isRequested)
        } catch is ReportWriter.Cancelled { throw stop.stopped() }
        if !quiet { print("shard \(shard): \(partial.tallies.draws) draws in \(partial.blocks.count) blocks; wrote \(out)/\(PartialResult.fileName(for: part))") }
        return
      }
      let sink = try exportDraws.map { try DrawExportFile(path: $0, model: model, outcomes: exportOutcomes) }
      guard let result = ForecastRun.execute(model, threads: threads, progress: progress?.update, isCancelled: stop.isRequested,
                                             sink: sink),
            !stop.isRequested() else {
        sink?.abandon()
        progress?.finish()
        throw stop.stopped()
      }
      progress?.finish()
      try sink?.finish()
      let trend = noHistory ? [] : try HistoryStore.record(result, path: history ?? out + "/history.sqlite",
                                                           fixedEnvironment: fixed, now: Date())
      let files: [String]
      do {
        files = try ReportBundle.write(result, to: out, fixedEnvironment: fixed, history: trend, isCancelled: stop.isRequested)
          + (exportDraws.map { [$0] } ?? [])
      } catch is ReportWriter.Cancelled { throw stop.stopped() }
      if !quiet { print(TerminalSummary.render(result, files: files)) }
    }
  }
}
