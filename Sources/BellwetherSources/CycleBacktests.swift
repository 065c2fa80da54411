import BellwetherBacktest
import BellwetherEngine
import BellwetherReports
import Foundation

/// Backtests of the shipped cycles, one after another, gathered into one table: what
/// `bellwether backtest --cycles 2006,2010,2014,2018` runs.
package enum CycleBacktests {
  /// Runs each cycle's backtest on its shipped config and default dates.
  /// - Parameters:
  ///   - cycles: shipped cycles (`BacktestSources.shippedCycles`).
  ///   - root: the folder the shipped configs' paths are relative to (the repository).
  ///   - folder: the public data folder (for published forecasts).
  ///   - progress: called before each forecast.
  /// - Returns: each cycle's report and outcomes, and the table across them.
  ///   - note: receives a sentence when a cycle's published forecasts are left out.
  package static func run(cycles: [Int], root: String? = nil, folder: String, draws: Int, seed: UInt64?, threads: Int,
                          progress: ((String) -> Void)? = nil, note: (String) -> Void = { _ in })
    throws -> (reports: [BacktestReport], summary: CrossCycleBacktest) {
    // Every cycle's config, tables and results are read before anything is simulated, so a bad
    // table stops the run at once.
    var loaded: [(forecaster: Forecaster, dates: [CalendarDate], data: BacktestData)] = []
    for cycle in cycles {
      guard BacktestSources.shippedCycles.contains(cycle) else {
        throw Backtest.SetupError(description: "cycle \(cycle) is not shipped; shipped: "
          + BacktestSources.shippedCycles.map(String.init).joined(separator: ", ") + " (a cycle of your own: --config FILE)")
      }
      let path = BacktestSources.configPath(cycle: cycle)
      let forecaster = try Forecaster(configPath: root.map { $0 + "/" + path } ?? path)
      let dates = BacktestSources.defaultDates(for: forecaster.config.chamber)
      loaded.append((forecaster, dates, try BacktestSources.load(for: forecaster, folder: folder, dates: Set(dates), note: note)))
    }
    var runs: [(report: BacktestReport, outcomes: ElectionOutcomes)] = []
    for (forecaster, dates, data) in loaded {
      let cycle = forecaster.config.chamber.cycle
      let report = try Backtest.run(forecaster: forecaster, data: data, dates: dates, draws: draws, seed: seed,
                                    threads: threads, progress: progress.map { p in { p("\(cycle) \($0)") } })
      runs.append((report, data.outcomes))
    }
    return (runs.map(\.report), try CrossCycleBacktest(runs))
  }

  /// Writes each cycle's backtest into `folder/<cycle>/` and the table across them into `folder`.
  /// - Returns: the paths written.
  package static func write(_ reports: [BacktestReport], _ summary: CrossCycleBacktest, to folder: String) throws -> [String] {
    var paths: [String] = []
    for report in reports { paths += try BacktestBundle.write(report, to: folder + "/\(report.cycle)") }
    let files = try CrossCycleBundle.render(summary)
    try ReportWriter.write(files, into: folder)
    return paths + files.map { folder + "/" + $0.name }
  }
}
