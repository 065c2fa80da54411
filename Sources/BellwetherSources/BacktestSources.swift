import BellwetherBacktest
import BellwetherEngine
import Foundation

/// The cycles a backtest can read results and published forecasts for, each through its adapter.
package enum BacktestSources {
  /// Cycles with a backtest adapter.
  package static let supportedCycles = [Backtest2018Source.cycle]

  /// The public data folder the adapters read by default: `../shared/data`, beside the repository.
  package static let defaultFolder = "../shared/data"

  /// The default as-of dates of a supported cycle.
  package static func defaultDates(cycle: Int) -> [CalendarDate]? {
    cycle == Backtest2018Source.cycle ? Backtest2018Source.defaultDates : nil
  }

  /// Loads a cycle's results and published forecasts from the public data folder.
  /// - Throws: `Backtest.SetupError` for a cycle without an adapter; the adapter's errors.
  package static func load(cycle: Int, folder: String, dates: Set<CalendarDate>? = nil) throws -> BacktestData {
    switch cycle {
    case Backtest2018Source.cycle: return try Backtest2018Source.load(folder: folder, dates: dates)
    default:
      throw Backtest.SetupError(description: "no backtest data for cycle \(cycle); supported: "
        + supportedCycles.map(String.init).joined(separator: ", "))
    }
  }
}
