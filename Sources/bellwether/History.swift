import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether history`: the forecast over time, from the run-history database.
struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the forecast over time and write history.md and history.svg; --backfill reconstructs past days.",
    discussion: """
      Every `bellwether run` records itself in the history database (SQLite, default out/history.sqlite). \
      This command prints one row per as-of date (the latest nightly run, else the latest backfill) and \
      charts the chance of a majority and the median seats. --backfill FROM..TO first runs the forecast \
      as of each day of the range, from the specials held before that day, and records it; days already \
      backfilled with the same inputs, seed and draws are skipped.
      """)

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("The run-history database.", valueName: "file"))
  var history: String = "out/history.sqlite"

  @Option(help: ArgumentHelp("Output folder for history.md and history.svg.", valueName: "dir"))
  var out: String = "out"

  @Option(help: ArgumentHelp("Reconstruct the forecast of each day in this range first, e.g. 2018-08-01..2018-11-05.", valueName: "from..to"))
  var backfill: String?

  @Option(help: "Draws per backfilled day.")
  var draws: Int = 100_000

  @Option(help: "Master seed of backfilled days, 0...2^53-1 (default: simulation.seed in the config).")
  var seed: UInt64?

  @Option(help: "Worker threads. Never changes the result.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard (1...ForecastConfig.maximumDraws).contains(draws) else { throw ValidationError("--draws must be in 1...\(ForecastConfig.maximumDraws), got \(draws)") }
    if let seed, Double(seed) > ForecastConfig.maximumSeed { throw ValidationError("--seed must be at most 2^53-1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    do { _ = try backfill.map(HistoryBackfill.parseDates) } catch { throw ValidationError("--backfill: \(error)") }
  }

  func run() throws {
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let store = try HistoryStore(path: history)
      if let backfill {
        let inputs = try ForecastInputs.load(config: config)
        try HistoryBackfill.run(inputs: inputs, dates: try HistoryBackfill.parseDates(backfill), draws: draws, seed: seed,
                                threads: threads, store: store, now: { Date() }) { date, outcome in
          switch outcome {
          case .recorded(let p):
            print("\(date.iso): \(String(format: "%5.1f%%", 100 * p.majorityProbability)) D majority, median \(p.medianSeats) seats")
          case .skipped: print("\(date.iso): already backfilled, skipped")
          }
          fflush(nil)  // one line per day, even into a pipe or a log file
        }
      }
      let trend = try store.trend(chamber: config.chamber.name)
      let table = HistoryMarkdown.render(trend, chamber: config.chamber.name, majority: config.chamber.majority)
      print(table)
      guard !trend.isEmpty else { return }
      let chart = HistoryChart(points: trend, majority: config.chamber.majority, title: "\(config.chamber.name): the forecast over time")
      try ReportWriter.write([("history.md", Data(table.utf8)), ("history.svg", Data(chart.render().render().utf8))], into: out)
      print("wrote \(out)/history.md, \(out)/history.svg")
    }
  }
}
