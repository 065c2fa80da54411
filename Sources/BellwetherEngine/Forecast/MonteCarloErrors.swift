import Foundation

/// The Monte Carlo error of a run's headline figures: how far each figure may lie from the value
/// infinitely many draws of the same model would give (docs/forecast-schema.md, "Monte Carlo
/// errors"). The draws are independent and identically distributed, so:
///
/// - a probability estimated as a share p of N draws (the chance of a majority, each seat's chance
///   of a Democratic win, each seat's tipping-point share) has the binomial standard error
///   `sqrt(p (1 - p) / N)`;
/// - the mean seats (and the expected net change, the mean minus a constant) has `sd(S) / sqrt(N)`,
///   with sd(S) the standard deviation of the seat histogram (denominator N - 1);
/// - a seat quantile at level q is an integer; its error is stated as the range of quantiles at the
///   levels `q - 2 se_q` and `q + 2 se_q`, `se_q = sqrt(q (1 - q) / N)`: the binomial (order
///   statistic) interval, which covers the exact quantile with probability about 95%. When both
///   ends are the quantile itself, the figure is exact at its integer resolution.
///
/// These are estimates from the same draws, so a figure of 0 or 1 (every draw agreed) has SE 0.
package struct MonteCarloErrors: Sendable, Equatable {
  /// The order-statistic interval of one quantile.
  package struct QuantileRange: Sendable, Equatable, Codable {
    /// The quantile's level, in (0, 1).
    package var level: Double
    /// The binomial SE of the empirical CDF at the quantile, `sqrt(level (1 - level) / N)`.
    package var levelStandardError: Double
    /// The quantiles at `level - 2 levelStandardError` and `level + 2 levelStandardError`.
    package var low: Int
    package var high: Int
  }

  /// Draws the errors are computed from.
  package var draws: Int
  /// SE of P(majority).
  package var majorityProbability: Double
  /// SE of the mean seats (also that of the expected net change).
  package var meanSeats: Double
  /// Order-statistic ranges at `SeatQuantiles.levels`, in order.
  package var quantiles: [QuantileRange]
  /// SE of each seat's chance of a Democratic win, in the district table's order (0 for fixed seats).
  package var winProbabilities: [Double]
  /// SE of each seat's tipping-point share, in the district table's order.
  package var tippingProbabilities: [Double]

  /// The binomial standard error of a share p of n independent draws.
  package static func binomial(_ p: Double, draws n: Int) -> Double {
    precondition(n > 0)
    return max(0, p * (1 - p) / Double(n)).squareRoot()
  }

  /// The errors of a seat distribution's figures, plus per-seat probabilities (win and tipping
  /// shares, each a share of the same draws).
  /// - Complexity: O(seats).
  package init(seats: SeatDistribution, winProbabilities: [Double], tippingProbabilities: [Double]) {
    let n = seats.draws
    draws = n
    majorityProbability = MonteCarloErrors.binomial(seats.majorityProbability, draws: n)
    meanSeats = MonteCarloErrors.meanStandardError(counts: seats.counts)
    quantiles = SeatQuantiles.levels.map { MonteCarloErrors.quantileRange(counts: seats.counts, level: $0) }
    self.winProbabilities = winProbabilities.map { MonteCarloErrors.binomial($0, draws: n) }
    self.tippingProbabilities = tippingProbabilities.map { MonteCarloErrors.binomial($0, draws: n) }
  }

  /// `sd(S) / sqrt(N)` from a histogram (`counts[s]` draws with value s); sd with denominator N - 1
  /// (0 for a single draw).
  package static func meanStandardError(counts: [Int]) -> Double {
    let n = counts.reduce(0, +)
    guard n > 1 else { return 0 }
    let total = Double(n)
    let mean = counts.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) } / total
    let squares = counts.enumerated().reduce(0.0) { sum, e in
      let d = Double(e.offset) - mean
      return sum + d * d * Double(e.element)
    }
    return (squares / (total - 1) / total).squareRoot()
  }

  /// The order-statistic range of the quantile at `level`: the quantiles (smallest s with
  /// P(S <= s) >= l) at `l = level -/+ 2 sqrt(level (1 - level) / N)`, each level clamped to [0, 1].
  package static func quantileRange(counts: [Int], level: Double) -> QuantileRange {
    let n = counts.reduce(0, +)
    let se = binomial(level, draws: n)
    return QuantileRange(level: level, levelStandardError: se,
                         low: SeatDistribution.quantile(counts, level: max(0, level - 2 * se)),
                         high: SeatDistribution.quantile(counts, level: min(1, level + 2 * se)))
  }

  /// The range of the quantile at `level` (one of `SeatQuantiles.levels`).
  package func quantile(_ level: Double) -> QuantileRange? { quantiles.first { $0.level == level } }

  /// The largest SE of any contested seat's chance of a Democratic win.
  package var largestWinProbability: Double { winProbabilities.max() ?? 0 }
}
