import BellwetherEngine
/// How a seat forecast did against the seats actually won (docs/model.md §7.4): the error of its mean
/// and median, whether the actual count fell inside its 80% interval, and where it fell in the whole
/// forecast distribution.
package struct SeatScores: Sendable, Codable, Equatable {
  /// Seats actually won.
  package var actual: Int
  /// Forecast mean and median seats.
  package var mean: Double
  package var median: Double
  /// `mean - actual` and `median - actual`.
  var meanError: Double
  var medianError: Double
  /// The 80% interval: the 10% and 90% quantiles of the seat forecast.
  var lower80: Double
  var upper80: Double
  /// Whether `lower80 <= actual <= upper80`.
  var inside80: Bool
  /// Chance of a majority.
  package var majorityProbability: Double
  /// `P(S < actual)` and `P(S <= actual)`, when the whole distribution is known.
  var probabilityBelow: Double?
  var probabilityAtOrBelow: Double?
  /// The mid-distribution percentile of the actual count, `P(S < actual) + P(S = actual) / 2`
  /// (the randomised probability integral transform's midpoint: 0.5 when the actual count sits at
  /// the forecast's centre; near 0 or 1 when the forecast missed it).
  package var percentile: Double?

  /// Scores a full seat distribution. The 80% interval is the distribution's 10% and 90% quantiles
  /// (the smallest s with `P(S <= s) >= level`).
  /// - Complexity: O(seats).
  package init(distribution: SeatDistribution, actual: Int) {
    precondition(actual >= 0 && actual < distribution.counts.count, "the actual seat count must be a possible count")
    let draws = Double(distribution.draws)
    let below = Double(distribution.counts[..<actual].reduce(0, +)) / draws
    let at = Double(distribution.counts[actual]) / draws
    self.init(actual: actual, mean: distribution.mean, median: Double(distribution.median),
              lower80: Double(SeatDistribution.quantile(distribution.counts, level: 0.1)),
              upper80: Double(SeatDistribution.quantile(distribution.counts, level: 0.9)),
              majorityProbability: distribution.majorityProbability)
    probabilityBelow = below
    probabilityAtOrBelow = below + at
    percentile = below + at / 2
  }

  /// Scores a published summary (mean, median, 80% interval, chance of a majority) whose full
  /// distribution is not available: the percentile is then unknown.
  package init(actual: Int, mean: Double, median: Double, lower80: Double, upper80: Double, majorityProbability: Double) {
    self.actual = actual
    self.mean = mean
    self.median = median
    meanError = mean - Double(actual)
    medianError = median - Double(actual)
    self.lower80 = lower80
    self.upper80 = upper80
    inside80 = lower80 <= Double(actual) && Double(actual) <= upper80
    self.majorityProbability = majorityProbability
    probabilityBelow = nil
    probabilityAtOrBelow = nil
    percentile = nil
  }
}
