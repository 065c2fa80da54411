import ArgumentParser
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import Foundation

/// `bellwether history`: the forecast over time, from the run-history database.
struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the forecast over time and write history.md and history.svg; --backfill reconstructs past days.",
    discussion: ExitCodes.discussion("""
      Every `bellwether run` records itself in the history database (SQLite, default OUT/history.sqlite). \
      This command prints one row per as-of date (the latest nightly run, else the latest backfill) and \
      charts the chance of a majority and the median seats. --backfill FROM..TO first runs the forecast \
      as of each day of the range, from the specials held before that day, and records it; days already \
      backfilled with the same inputs, seed and draws are skipped.

      --format csv also writes the daily national series (history-national.csv, printed) and the \
      per-seat series (history-seats.csv); --format json writes both as history.json (printed). \
      The columns and fields are in docs/reports.md. Without --backfill the database is only read: \
      a missing one is an error and nothing is created.
      """))

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("The run-history database (default: history.sqlite in the output folder).", valueName: "file"))
  var history: String?

  @Option(help: ArgumentHelp("Output folder for history.md and history.svg.", valueName: "dir"))
  var out: String = "out"

  @Option(help: ArgumentHelp("Reconstruct the forecast of each day in this range first, e.g. 2018-08-01..2018-11-05.", valueName: "from..to"),
          transform: DateRange.parse)
  var backfill: DateRange?

  @Option(parsing: .unconditional, help: "Draws per backfilled day, 1...10^10.")
  var draws: DrawCount = DrawCount(100_000)

  @OptionGroup var simulation: SimulationOptions

  @Option(help: ArgumentHelp("What to print and export besides history.md and history.svg: md (the table), csv (history-national.csv, printed, and history-seats.csv) or json (history.json, printed).", valueName: "format"))
  var format: HistoryBundle.Format = .markdown

  @Flag(help: "Print nothing but errors (the files are still written).")
  var quiet = false

  func run() throws {
    try failingCleanly {
      let forecaster = try Forecaster(configPath: common.config)
      let chamber = forecaster.config.chamber
      // Only a backfill may start a database; reading one that is not there is an error.
      let store = try HistoryStore(path: history ?? out + "/history.sqlite", mustExist: backfill == nil)
      var stderr = StandardError()
      if let backfill {
        try HistoryBackfill.run(forecaster: forecaster, dates: backfill.dates, draws: draws.value, seed: simulation.seed?.value,
                                threads: simulation.threads.value, store: store, now: { Date() }) { date, outcome in
          if !quiet { print(outcome.line(for: date), to: &stderr) }  // progress: one line per day, on stderr
        }
      }
      let trend = try store.trend(chamber: chamber.name)
      let files = try HistoryBundle.render(trend,
                                           seats: format == .markdown ? [] : try store.seatTrend(chamber: chamber.name),
                                           chamber: chamber, format: format)
      if !quiet { print(String(decoding: files[0].contents, as: UTF8.self), terminator: "") }
      guard !trend.isEmpty else { return }  // nothing recorded for this chamber: nothing to write
      try ReportWriter.write(files, into: out)
      if !quiet { print("wrote " + files.map { out + "/" + $0.name }.joined(separator: ", "), to: &stderr) }
    }
  }
}

extension HistoryBundle.Format: ExpressibleByArgument {}
