import ArgumentParser
import Foundation
import BellwetherDistributed
import BellwetherHistory
import BellwetherReports

/// `bellwether merge`: combines shard partials into the reports of one run.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge the partial results of a sharded run into the same reports as a single run.",
    discussion: ExitCodes.discussion("""
      Checks that every partial belongs to the same run (same inputs, seed, draws, as-of date, factor) \
      and that together they cover every block exactly once; a missing, duplicated or foreign shard is \
      refused with the file named. The merged reports are byte-identical to a single-process run with \
      the same seed and draws. The config (and its tables) must be the ones the shards ran on. Like \
      `run`, the merged run is recorded in the history database once its reports are published, so \
      sharded nightly runs appear in the trend (--no-history leaves it out).
      """))

  @Argument(help: ArgumentHelp("The partial-I-of-N.bwp files of every shard.", valueName: "partial"))
  var partials: [String]

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("Output folder for the reports.", valueName: "dir"))
  var out: String = "out"

  @Option(help: ArgumentHelp("The run-history database (SQLite) the merged run is recorded in (default: history.sqlite in the output folder).", valueName: "file"))
  var history: String?

  @Flag(name: .customLong("no-history"), help: "Do not record the merged run in the history database, and leave the history out of report.html.")
  var noHistory = false

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Option(help: ArgumentHelp("What to print when done: text (the summary) or json (the merged forecast.json just written, schema in docs/forecast-schema.md), as for `run`.", valueName: "format"))
  var format: OutputFormat = .text

  func validate() throws {
    guard !partials.isEmpty else { throw ValidationError("give at least one partial file") }
  }

  func run() throws {
    try failingCleanly {
      // A partial under a report's name in --out would be replaced by that report.
      for partial in partials where ReportWriter.isEntry(partial, of: out)
        && ReportBundle.reservedNames.contains((partial as NSString).lastPathComponent) {
        throw RunRefusal(description: "the partial \(partial) has the name of a report of the output folder \(out), which the merge "
          + "would replace; nothing was done. Rename the partial or use another --out")
      }
      let result = try ShardedRun.merge(partialPaths: partials, configPath: common.config)
      // One writer at a time per output folder, as for `run` (exit 75 when another holds it).
      let lock = try OutputLock.acquire(folder: out)
      defer { withExtendedLifetime(lock) {} }
      let historyPath = history ?? out + "/history.sqlite"
      if !noHistory { try HistoryStore.checkPath(historyPath, out: out, explicit: history != nil) }
      // As for `run`: the row is prepared before publishing and committed only once the set is published.
      let pending = noHistory ? nil : try HistoryStore.prepare(result, path: historyPath, now: Date())
      let files = try ReportBundle.write(result, to: out, history: pending?.trend ?? [],
                                         alsoWritten: noHistory ? [] : [(historyPath as NSString).lastPathComponent])
      do { try pending?.commit() } catch {
        throw HistoryNotRecorded(reason: "\(error)")
      }
      if quiet { return }
      if format == .json {
        print(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/forecast.json")), as: UTF8.self))
      } else {
        print(TerminalSummary.render(result, files: files))
      }
    }
  }
}

