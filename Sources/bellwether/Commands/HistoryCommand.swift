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

  func run() throws {
    try failingCleanly {
      let forecaster = try Forecaster(configPath: common.config)
      let chamber = forecaster.config.chamber
      // Only a backfill may start a database; reading one that is not there is an error.
      let store = try HistoryStore(path: history ?? out + "/history.sqlite", mustExist: backfill == nil)
      if let backfill {
        try HistoryBackfill.run(forecaster: forecaster, dates: backfill.dates, draws: draws.value, seed: simulation.seed?.value,
                                threads: simulation.threads.value, store: store, now: { Date() }) { date, outcome in
          print(outcome.line(for: date))
          fflush(nil)  // one line per day, even into a pipe or a log file
        }
      }
      let files = HistoryBundle.render(try store.trend(chamber: chamber.name), chamber: chamber)
      print(String(decoding: files[0].contents, as: UTF8.self))
      guard files.count > 1 else { return }
      try ReportWriter.write(files, into: out)
      print("wrote " + files.map { out + "/" + $0.name }.joined(separator: ", "))
    }
  }
}
