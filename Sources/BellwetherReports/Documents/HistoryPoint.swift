import BellwetherEngine
/// One day of the forecast's history: the headline figures of the run recorded for an as-of date.
public struct HistoryPoint: Sendable, Codable, Equatable {
  /// The forecast's as-of date.
  package var asOf: CalendarDate
  /// Chance of a Democratic majority.
  package var majorityProbability: Double
  /// Chance of a Republican majority (Republican seats, the chamber's seats minus the Democrats',
  /// at least the majority); nil for runs recorded before the history stored it (schema version 1).
  package var republicanMajorityProbability: Double?
  /// Mean, median and 80% interval (10% and 90% quantiles) of Democratic seats.
  package var meanSeats: Double
  package var medianSeats: Int
  package var seats10: Int
  package var seats90: Int
  /// Posterior mean and SD of the national environment.
  package var environmentMean: Double
  package var environmentSD: Double
  /// Draws of the run.
  package var draws: Int
  /// `run` (a nightly run) or `backfill` (reconstructed afterwards from the specials held before the day).
  package var kind: RunKind

  /// Creates a point.
  package init(asOf: CalendarDate, majorityProbability: Double, meanSeats: Double, medianSeats: Int, seats10: Int,
              seats90: Int, environmentMean: Double, environmentSD: Double, draws: Int, kind: RunKind,
              republicanMajorityProbability: Double? = nil) {
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
    self.republicanMajorityProbability = republicanMajorityProbability
  }

  /// The point of a finished run.
  package init(result: ForecastResult, kind: RunKind) {
    let s = result.seats
    self.init(asOf: result.model.asOf, majorityProbability: s.majorityProbability, meanSeats: s.mean, medianSeats: s.median,
              seats10: s.quantiles.p10, seats90: s.quantiles.p90, environmentMean: result.model.plan.environmentMean,
              environmentSD: result.model.plan.environmentSD, draws: result.tallies.draws, kind: kind,
              republicanMajorityProbability: HistoryPoint.republicanMajority(result))
  }

  /// The share of draws in which the Republicans hold at least `majority` seats: Democratic seats at
  /// most `seats - majority` (every seat is won by one of the two parties in a draw, docs/model.md §4.1, §5.1).
  static func republicanMajority(_ result: ForecastResult) -> Double {
    let plan = result.model.plan
    let counts = result.tallies.seatCounts
    let most = min(plan.seats - plan.majority, counts.count - 1)
    guard most >= 0, result.tallies.draws > 0 else { return 0 }
    return Double(counts[0...most].reduce(0, +)) / Double(result.tallies.draws)
  }
}
