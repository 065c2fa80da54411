/// The district-level scores of one forecaster on one set of races (MODEL.md section 7): Brier score,
/// log loss, wrong favourites and the calibration table.
public struct DistrictScores: Sendable, Codable, Equatable {
  /// Races scored.
  public var races: Int
  /// Mean Brier score (`BrierScore`).
  public var brier: Double
  /// Mean log loss in nats, probabilities clipped to `[LogLoss.clip, 1 - LogLoss.clip]`.
  public var logLoss: Double
  /// Races whose favourite lost.
  public var wrongFavourites: WrongFavourites
  /// Reliability by probability bin (ten bins of width 0.1).
  public var calibration: CalibrationTable

  /// Scores the forecasts; nil when there are none.
  /// - Complexity: O(n).
  public init?(_ forecasts: [BinaryForecast]) {
    guard let brier = BrierScore.mean(forecasts), let logLoss = LogLoss.mean(forecasts) else { return nil }
    races = forecasts.count
    self.brier = brier
    self.logLoss = logLoss
    wrongFavourites = WrongFavourites(forecasts)
    calibration = CalibrationTable(forecasts)
  }
}
