/// The district-level scores of one forecaster on one set of races (docs/model.md §7.3): Brier score,
/// log loss, wrong favourites and the reliability table. ("Calibration" in this project names the
/// environment fit of docs/model.md §2; forecast reliability is called reliability. backtest.json
/// keeps the key `calibration` for the table.)
package struct DistrictScores: Sendable, Codable, Equatable {
  /// Races scored.
  package var races: Int
  /// Mean Brier score (`BrierScore`).
  var brier: Double
  /// Mean log loss in nats, probabilities clipped to `[LogLoss.clip, 1 - LogLoss.clip]`.
  var logLoss: Double
  /// Races whose favourite lost.
  var wrongFavourites: WrongFavourites
  /// Reliability by probability bin (ten bins of width 0.1).
  package var reliability: ReliabilityTable

  enum CodingKeys: String, CodingKey {
    case races, brier, logLoss, wrongFavourites
    case reliability = "calibration"
  }

  /// Scores the forecasts; nil when there are none.
  /// - Parameter jointCounts: the reliability bins' distributions of their event counts under the
  ///   forecast's own joint distribution (`ReliabilityTable.init`), when the forecast has draws.
  /// - Complexity: O(n).
  package init?(_ forecasts: [BinaryForecast], jointCounts: [EventCountDistribution]? = nil) {
    guard let brier = BrierScore.mean(forecasts), let logLoss = LogLoss.mean(forecasts) else { return nil }
    races = forecasts.count
    self.brier = brier
    self.logLoss = logLoss
    wrongFavourites = WrongFavourites(forecasts)
    reliability = ReliabilityTable(forecasts, jointCounts: jointCounts)
  }
}
