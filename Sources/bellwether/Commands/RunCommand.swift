import ArgumentParser
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether run`: the nightly forecast.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a full forecast and write forecast.json, districts.csv, national.csv, summary.md, report.html and its charts.",
    discussion: ExitCodes.discussion("""
      Reads the config and its tables, calibrates the environment from the specials held before the \
      as-of date, simulates the draws and writes the reports atomically into the output folder (each \
      file goes to a temporary name and is renamed into place). The same data, config, seed and draws \
      give byte-identical reports for any --threads. The CSV columns are forecast.json's field names \
      in snake_case (docs/forecast-schema.md, "CSV columns"); --export-draws-csv adds draws.csv, one \
      row per draw (draws.csv.gz above 16 MiB; docs/forecast-schema.md, "draws.csv").
      """))

  @OptionGroup var common: ConfigOptions

  @Option(parsing: .unconditional, help: "Number of draws, 1...10^10 (default: simulation.draws in the config). With --target-se: the most draws to make (default 10^9).")
  var draws: DrawCount?

  @Option(name: .customLong("target-se"), help: ArgumentHelp("Draw until the Monte Carlo standard error of the chance of a majority, sqrt(p(1-p)/N), is at most X (a probability, e.g. 0.001), in whole blocks: 16 blocks of 1024 draws, then doubling (32, 64, ...) up to --draws. The result is byte for byte that of a plain run of the draws reached, for any --threads.", valueName: "X"),
          transform: TargetStandardError.parse)
  var targetSE: TargetStandardError?

  @OptionGroup var simulation: SimulationOptions

  @OptionGroup var date: AsOfOption

  @Option(help: ArgumentHelp("Output folder for the reports (created as the umask allows; the history database is owner-only).", valueName: "dir"), completion: .directory)
  var out: String = "out"

  @Option(help: ArgumentHelp("Factor of the noise covariance: low-rank (exact state and region terms, lean kernel truncated at eigenvalues below 1e-4 of the largest; its largest covariance error is reported in forecast.json) or cholesky (dense, exact, slower).", valueName: "method"))
  var factor: NoiseFactor.Method = .lowRank

  @Option(help: ArgumentHelp("How the draws become probabilities: sampled (shares of draws) or conditional (Rao-Blackwellised: each draw's conditional chances given its shared components, docs/model.md §4.3; not with --factor cholesky or --shard). The draws, the seat histogram and the tipping point are the same for both.", valueName: "estimator"))
  var estimator: Estimator = .sampled

  @Option(parsing: .unconditional, help: ArgumentHelp("Simulate only shard I of N (0-based) and write its partial result, partial-I-of-N.bwp, into --out; combine the partials with `bellwether merge`.", valueName: "I/N"),
          transform: ShardArgument.parse)
  var shard: ShardArgument?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Option(help: ArgumentHelp("What to print when done: text (the summary) or json (the forecast.json just written, schema in docs/forecast-schema.md).", valueName: "format"))
  var format: OutputFormat = .text

  @Option(help: ArgumentHelp("Scenario: fix the national environment (two-party margin) at D+5, R+2.5 or EVEN; the forecast becomes conditional on it.", valueName: "margin"),
          transform: NationalEnvironment.parse)
  var environment: NationalEnvironment?

  @Option(name: .customLong("export-draws"), help: ArgumentHelp("Also write each draw's environment and Democratic seats to this binary file (format BWDRAW01, see docs/reports.md).", valueName: "file"), completion: .file())
  var exportDraws: String?

  @Flag(name: .customLong("export-draws-csv"), help: "Also write draws.csv into the output folder: one row per draw (draw, environment, democratic_seats; with --export-outcomes one 0/1 column per seat), gzipped as draws.csv.gz when larger than 16 MiB (docs/forecast-schema.md).")
  var exportDrawsCSV = false

  @Flag(name: .customLong("export-outcomes"), help: "With --export-draws or --export-draws-csv, also record who won each seat in each draw (one bit per contested seat in the binary file, one 0/1 column per seat in the CSV).")
  var exportOutcomes = false

  @Option(help: ArgumentHelp("The run-history database (SQLite) this run is recorded in (default: history.sqlite in the output folder).", valueName: "file"), completion: .file())
  var history: String?

  @Flag(name: .customLong("no-history"), help: "Do not record this run in the history database, and leave the history out of report.html.")
  var noHistory = false

  func validate() throws {
    if exportOutcomes && exportDraws == nil && !exportDrawsCSV {
      throw ValidationError("--export-outcomes needs --export-draws FILE or --export-draws-csv")
    }
    if shard != nil && exportDraws != nil { throw RunRefusal(description: "--export-draws cannot be combined with --shard") }
    if shard != nil && exportDrawsCSV { throw RunRefusal(description: "--export-draws-csv cannot be combined with --shard") }
    if targetSE != nil && shard != nil { throw ValidationError("--target-se cannot be combined with --shard (a shard's draws are fixed in advance)") }
    if estimator == .conditional && shard != nil {
      throw ValidationError("--estimator conditional cannot be combined with --shard (a shard's partial carries only the sampled tallies); run it in one process")
    }
    if targetSE != nil && exportDraws != nil { throw ValidationError("--target-se cannot be combined with --export-draws") }
    if targetSE != nil && exportDrawsCSV { throw ValidationError("--target-se cannot be combined with --export-draws-csv") }
  }

  func run() throws {
    let stop = StopSignals()  // SIGINT/SIGTERM: stop cleanly, write nothing, exit 130/143
    try failingCleanly {
      // Reading the inputs and factoring the covariance write nothing and cannot poll: a signal there exits at once.
      let model = try stop.exitingAtOnce {
        try Forecaster(configPath: common.config).model(ForecastOptions(
          asOf: date.asOf, draws: draws?.value, seed: simulation.seed?.value, environment: environment?.margin, factor: factor,
          estimator: estimator))
      }
      warnAbout(model)
      let progress = quiet ? nil : TerminalProgress(label: "simulating \(Formats.count(model.plan.draws)) draws")
      if let shard {
        // Shards skip the output folder's lock: many shards of one run share a folder, each writing
        // only its own partial, atomically.
        guard let partial = ShardedRun.simulate(model, shard: shard.shard, threads: simulation.threads.value,
                                                progress: progress?.update, isCancelled: stop.isRequested),
              !stop.isRequested() else {
          progress?.finish()
          throw stop.stopped()
        }
        progress?.finish()
        let file: String
        do { file = try partial.write(into: out, isCancelled: stop.isRequested) } catch is ReportWriter.Cancelled { throw stop.stopped() }
        if !quiet { print("shard \(shard.shard.index)/\(shard.shard.count): \(partial.tallies.draws) draws in \(partial.blocks.count) blocks; wrote \(file)") }
        return
      }
      // One run at a time per output folder.
      let lock = try OutputLock.acquire(folder: out)
      defer { withExtendedLifetime(lock) {} }
      // Nothing under --out is followed out of it, and no export overwrites a report.
      let historyPath = history ?? out + "/history.sqlite"
      // Checked before simulating (a FIFO there would hang SQLite's open after the draws).
      if !noHistory { try HistoryStore.checkPath(historyPath, out: out, explicit: history != nil) }
      if let exportDraws {
        let name = (exportDraws as NSString).lastPathComponent
        let collides = ReportWriter.isEntry(exportDraws, of: out) && ReportBundle.reservedNames.contains(name)
        let isHistory = !noHistory && ReportWriter.isEntry(exportDraws, of: (historyPath as NSString).deletingLastPathComponent)
          && name == (historyPath as NSString).lastPathComponent
        if collides || isHistory {
          throw RunRefusal(description: "--export-draws \(exportDraws) is \(isHistory ? "the history database" : "the report \(name) in the output folder \(out)"); "
            + "nothing was done. Give the draws another file name")
        }
        // The export is renamed into place: a device such as /dev/full, a FIFO or a folder there would be replaced or lost.
        if let what = ReportWriter.notReplaceable(exportDraws) {
          throw RunRefusal(description: "--export-draws \(exportDraws) is \(what), not a regular file; the export is written as a new file "
            + "renamed over that path, which would replace it. Nothing was done. Give the draws a file name")
        }
      }
      // draws.csv is made after the run from the binary records: those of --export-draws, or of a
      // scratch file in --out removed once the CSV is staged.
      let scratch = exportDrawsCSV && exportDraws == nil
        ? try DrawExportFile(scratchIn: out, for: DrawsCSV.name, model: model, outcomes: exportOutcomes) : nil
      defer { if let scratch { unlink(scratch.path) } }
      let sink = try exportDraws.map { try DrawExportFile(path: $0, model: model, outcomes: exportOutcomes) } ?? scratch
      let outcome: ForecastResult?
      if let targetSE {
        let targetProgress = quiet ? nil : TerminalProgress(label: "simulating to a standard error of \(targetSE.value)")
        var report: (@Sendable (Int, Int, Int) -> Void)?
        if let targetProgress { report = { @Sendable _, done, total in targetProgress.update(done, total) } }
        outcome = Forecaster.run(model, targetStandardError: targetSE.value,
                                 maximumDraws: draws?.value ?? Forecaster.TargetSchedule.defaultMaximumDraws,
                                 threads: simulation.threads.value, progress: report, isCancelled: stop.isRequested)
        targetProgress?.finish()
      } else {
        outcome = Forecaster.run(model, threads: simulation.threads.value, progress: progress?.update,
                                 isCancelled: stop.isRequested, sink: sink)
      }
      guard let result = outcome, !stop.isRequested() else {
        sink?.abandon()
        progress?.finish()
        throw stop.stopped()
      }
      progress?.finish()
      // The history database is opened and the row prepared before publishing (a database that cannot
      // be used is refused with nothing written); the row is committed only once the reports are published.
      let pending = noHistory ? nil : try HistoryStore.prepare(result, path: historyPath, now: Date())
      try sink?.finish()
      let files: [String]
      do {
        let drawsCSV = try sink.flatMap { sink in
          try exportDrawsCSV ? DrawsCSV.stage(from: sink.path, districts: result.districts, into: out, compressor: Gzip.FileCompressor(),
                                              isCancelled: stop.isRequested) : nil
        }
        files = try ReportBundle.write(result, to: out, history: pending?.trend ?? [], previousSeats: pending?.previousSeats,
                                       prestaged: drawsCSV.map { [$0] } ?? [],
                                       alsoWritten: (exportDraws.map { [($0 as NSString).lastPathComponent] } ?? [])
                                         + (noHistory ? [] : [(historyPath as NSString).lastPathComponent]),
                                       isCancelled: stop.isRequested)
          + (exportDraws.map { [$0] } ?? [])
      } catch is ReportWriter.Cancelled { throw stop.stopped() }
      // Published: now the row. If this fails the reports stand and the run is not in the history.
      do { try pending?.commit() } catch {
        throw HistoryNotRecorded(reason: "\(error)")
      }
      if !quiet, format == .json {
        print(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/forecast.json")), as: UTF8.self))
      } else if !quiet {
        if let targetSE {
          let se = result.errors.majorityProbability
          print(se <= targetSE.value
            ? "target standard error \(targetSE.value) reached: \(Formats.count(result.tallies.draws)) draws, standard error \(String(format: "%.3g", se))"
            : "target standard error \(targetSE.value) not reached within \(Formats.count(result.tallies.draws)) draws (--draws): standard error \(String(format: "%.3g", se))")
        }
        print(TerminalSummary.render(result, files: files))
      }
    }
  }
}

/// The reports were published but the history row could not be committed.
struct HistoryNotRecorded: Error, CustomStringConvertible {
  var reason: String
  var description: String {
    "the reports were written, but this run could not be recorded in the history: \(reason)"
  }
}

/// A run refused before simulating, with the reason.
struct RunRefusal: Error, CustomStringConvertible {
  var description: String
}
