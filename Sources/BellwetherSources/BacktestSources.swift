import BellwetherBacktest
import BellwetherEngine
import Foundation

/// Where a backtest's results and published forecasts come from. The results always come from the
/// cycle's own results table (`data.results` in its config). Published forecasts are scored beside
/// them where they are shipped: FiveThirtyEight's 2018 House forecasts, read from the public data
/// folder, for a 2018 chamber whose every seat they cover.
package enum BacktestSources {
  /// Cycles shipped in `config/` (a config `config/house-<cycle>.json5` with a results table).
  package static let shippedCycles = [2006, 2010, 2014, 2018]

  /// The config of a shipped cycle, relative to the repository root.
  package static func configPath(cycle: Int) -> String { "config/house-\(cycle).json5" }

  /// The public data folder the adapters read by default: `../shared/data`, beside the repository.
  package static let defaultFolder = "../shared/data"

  /// The default as-of dates of a cycle: August 1, September 1 and October 1 of the election year
  /// and the day before the election, keeping those inside the cycle (for 2018 these are also the
  /// days FiveThirtyEight published on).
  package static func defaultDates(for chamber: Chamber) -> [CalendarDate] {
    let year = chamber.cycle
    let firsts = ["\(year)-08-01", "\(year)-09-01", "\(year)-10-01"].compactMap(CalendarDate.init(iso:))
    let eve = CalendarDate(dayNumber: chamber.electionDate.dayNumber - 1)
    return (firsts + [eve]).filter { $0 >= chamber.cycleStart && $0 < chamber.electionDate }
  }

  /// Loads a cycle's results and, where shipped, the published forecasts.
  /// - Parameters:
  ///   - forecaster: the cycle's config and tables.
  ///   - folder: the public data folder, read only for published forecasts; when it is missing they
  ///     are left out and `note` says so.
  ///   - dates: the as-of dates to keep from daily published files.
  ///   - note: receives a sentence when published forecasts that exist for the cycle are left out.
  /// - Throws: `Backtest.SetupError` when the config names no results; the readers' errors.
  package static func load(for forecaster: Forecaster, folder: String, dates: Set<CalendarDate>? = nil,
                           note: (String) -> Void = { _ in }) throws -> BacktestData {
    var data = try BacktestData.fromResults(of: forecaster)
    let chamber = forecaster.config.chamber
    guard chamber.cycle == Backtest2018Source.cycle else { return data }
    guard FileManager.default.fileExists(atPath: folder + "/" + Backtest2018Source.districtForecastsFile) else {
      note("FiveThirtyEight's 2018 forecasts are left out: no \(Backtest2018Source.districtForecastsFile) in \(folder) (--source DIR)")
      return data
    }
    let published = try Backtest2018Source.loadPublished(folder: folder, dates: dates)
    let ids = Set(forecaster.inputs.districts.map(\.id))
    let covered = published.districtForecasts.probabilities.values.allSatisfy { byDate in
      byDate.values.allSatisfy { ids.isSubset(of: Set($0.keys)) }
    }
    guard covered else {
      note("FiveThirtyEight's 2018 forecasts are left out: they do not cover every seat of \(forecaster.config.path)")
      return data
    }
    data.publisher = published.publisher
    data.versions = published.versions
    data.districtForecasts = published.districtForecasts
    data.nationalForecasts = published.nationalForecasts
    data.sourceHashes.merge(published.sourceHashes) { a, _ in a }
    return data
  }
}
