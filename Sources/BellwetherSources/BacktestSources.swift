import BellwetherBacktest
import BellwetherEngine
import Foundation

/// Where a backtest's results and published forecasts come from: a cycle's own results table
/// (`data.results` in its config) for any cycle, and for 2018 the adapter that also reads
/// FiveThirtyEight's published forecasts from the public data.
package enum BacktestSources {
  /// Cycles shipped in `config/` (a config `config/house-<cycle>.json5` with a results table).
  package static let shippedCycles = [2006, 2010, 2014, 2018]

  /// The config of a shipped cycle, relative to the repository root.
  package static func configPath(cycle: Int) -> String { "config/house-\(cycle).json5" }

  /// Cycles whose published forecasts are shipped, each through its adapter.
  package static let publishedCycles = [Backtest2018Source.cycle]

  /// The public data folder the adapters read by default: `../shared/data`, beside the repository.
  package static let defaultFolder = "../shared/data"

  /// The default as-of dates of a cycle: its adapter's (2018: the days FiveThirtyEight published on),
  /// else August 1, September 1 and October 1 of the election year and the day before the election,
  /// keeping those inside the cycle.
  package static func defaultDates(for chamber: Chamber) -> [CalendarDate] {
    if chamber.cycle == Backtest2018Source.cycle { return Backtest2018Source.defaultDates }
    let year = chamber.cycle
    let firsts = ["\(year)-08-01", "\(year)-09-01", "\(year)-10-01"].compactMap(CalendarDate.init(iso:))
    let eve = CalendarDate(dayNumber: chamber.electionDate.dayNumber - 1)
    return (firsts + [eve]).filter { $0 >= chamber.cycleStart && $0 < chamber.electionDate }
  }

  /// Loads a cycle's results (and published forecasts where shipped).
  /// - Parameters:
  ///   - forecaster: the cycle's config and tables.
  ///   - folder: the public data folder, read only for a cycle with published forecasts.
  ///   - dates: the as-of dates to keep from daily published files.
  /// - Throws: `Backtest.SetupError` when the config names no results; the adapter's errors.
  package static func load(for forecaster: Forecaster, folder: String, dates: Set<CalendarDate>? = nil) throws -> BacktestData {
    if forecaster.config.chamber.cycle == Backtest2018Source.cycle && forecaster.config.data.results == nil {
      return try Backtest2018Source.load(folder: folder, dates: dates)
    }
    var data = try BacktestData.fromResults(of: forecaster)
    if forecaster.config.chamber.cycle == Backtest2018Source.cycle {
      let published = try Backtest2018Source.load(folder: folder, dates: dates)
      data.publisher = published.publisher
      data.versions = published.versions
      data.districtForecasts = published.districtForecasts
      data.nationalForecasts = published.nationalForecasts
      data.sourceHashes.merge(published.sourceHashes) { a, _ in a }
    }
    return data
  }
}
