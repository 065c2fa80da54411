/// Everything a backtest takes from outside the model: the actual results, a published forecaster's
/// daily forecasts of the same seats, and the previous House results used by the previous-result
/// baseline. A cycle's adapter (in `BellwetherSources`) builds it from public files.
package struct BacktestData: Sendable {
  /// The election year.
  package var cycle: Int
  /// What happened.
  package var outcomes: ElectionOutcomes
  /// The published forecaster's name, as reports print it.
  package var publisher: String?
  /// Its model versions, in table order.
  package var versions: [String]
  /// Its daily district forecasts, by model version.
  package var districtForecasts: PublishedDistrictForecasts
  /// Its daily national forecasts, by model version.
  package var nationalForecasts: PublishedNationalForecasts
  /// Previous House results of seats whose last race was a two-party contest on the same lines with
  /// no special election since, keyed by seat id.
  package var previousResults: [String: PreviousHouseResult]
  /// SHA-256 of each file read, keyed by its path relative to the data folder.
  package var sourceHashes: [String: String]

  /// Creates backtest data.
  package init(cycle: Int, outcomes: ElectionOutcomes, publisher: String?, versions: [String],
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
