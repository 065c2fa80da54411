/// Everything a backtest takes from outside the model: the actual results, a published forecaster's
/// daily forecasts of the same seats, and the previous House results used by the previous-result
/// baseline. A cycle's adapter (e.g. `Backtest2018Source`) builds it from public files.
public struct BacktestData: Sendable {
  /// The election year.
  public var cycle: Int
  /// What happened.
  public var outcomes: ElectionOutcomes
  /// The published forecaster, e.g. `FiveThirtyEight`.
  public var publisher: String
  /// Its model versions, in table order.
  public var versions: [String]
  /// Its daily district forecasts, by model version.
  public var districtForecasts: PublishedDistrictForecasts
  /// Its daily national forecasts, by model version.
  public var nationalForecasts: PublishedNationalForecasts
  /// Previous House results of seats whose last race was a two-party contest on the same lines with
  /// no special election since, keyed by seat id.
  public var previousResults: [String: PreviousHouseResult]
  /// SHA-256 of each file read, keyed by its path relative to the data folder.
  public var sourceHashes: [String: String]

  /// Creates backtest data.
  public init(cycle: Int, outcomes: ElectionOutcomes, publisher: String, versions: [String],
              districtForecasts: PublishedDistrictForecasts,
              nationalForecasts: PublishedNationalForecasts, previousResults: [String: PreviousHouseResult],
              sourceHashes: [String: String]) {
    self.cycle = cycle
    self.outcomes = outcomes
    self.publisher = publisher
    self.versions = versions
    self.districtForecasts = districtForecasts
    self.nationalForecasts = nationalForecasts
    self.previousResults = previousResults
    self.sourceHashes = sourceHashes
  }
}

extension BacktestData {
  /// Cycles with a backtest adapter.
  public static let supportedCycles = [Backtest2018Source.cycle]

  /// The default as-of dates of a supported cycle.
  public static func defaultDates(cycle: Int) -> [CalendarDate]? {
    cycle == Backtest2018Source.cycle ? Backtest2018Source.defaultDates : nil
  }

  /// Loads a cycle's results and published forecasts from the public data folder.
  /// - Throws: `Backtest.SetupError` for a cycle without an adapter; the adapter's errors.
  public static func load(cycle: Int, folder: String, dates: Set<CalendarDate>? = nil) throws -> BacktestData {
    switch cycle {
    case Backtest2018Source.cycle: return try Backtest2018Source.load(folder: folder, dates: dates)
    default:
      throw Backtest.SetupError(description: "no backtest data for cycle \(cycle); supported: "
        + supportedCycles.map(String.init).joined(separator: ", "))
    }
  }
}
