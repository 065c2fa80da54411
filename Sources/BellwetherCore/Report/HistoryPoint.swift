/// One day of the forecast's history: the headline figures of the run recorded for an as-of date.
public struct HistoryPoint: Sendable, Codable, Equatable {
  /// The forecast's as-of date.
  public var asOf: CalendarDate
  /// Chance of a Democratic majority.
  public var majorityProbability: Double
  /// Mean, median and 80% interval (10% and 90% quantiles) of Democratic seats.
  public var meanSeats: Double
  public var medianSeats: Int
  public var seats10: Int
  public var seats90: Int
  /// Posterior mean and SD of the national environment.
  public var environmentMean: Double
  public var environmentSD: Double
  /// Draws of the run.
  public var draws: Int
  /// `run` (a nightly run) or `backfill` (reconstructed afterwards from the specials held before the day).
  public var kind: String

  /// Creates a point.
  public init(asOf: CalendarDate, majorityProbability: Double, meanSeats: Double, medianSeats: Int, seats10: Int,
              seats90: Int, environmentMean: Double, environmentSD: Double, draws: Int, kind: String) {
    self.asOf = asOf
    self.majorityProbability = majorityProbability
    self.meanSeats = meanSeats
    self.medianSeats = medianSeats
    self.seats10 = seats10
    self.seats90 = seats90
    self.environmentMean = environmentMean
    self.environmentSD = environmentSD
    self.draws = draws
    self.kind = kind
  }

  /// The point of a finished run.
  public init(result: ForecastResult, kind: String) {
    let s = result.seats
    self.init(asOf: result.model.asOf, majorityProbability: s.majorityProbability, meanSeats: s.mean, medianSeats: s.median,
              seats10: s.quantiles[0.1]!, seats90: s.quantiles[0.9]!, environmentMean: result.model.plan.environmentMean,
              environmentSD: result.model.plan.environmentSD, draws: result.tallies.draws, kind: kind)
  }
}
