/// The distribution of Democratic seats over the draws (docs/model.md §5.1).
package struct SeatDistribution: Sendable, Codable, Equatable {
  /// `counts[s]`: draws with s Democratic seats.
  package var counts: [Int]
  /// Total draws.
  package var draws: Int
  /// Mean seats.
  package var mean: Double
  /// Median seats (the 50% quantile below).
  package var median: Int
  /// Most frequent seat count (the smallest if tied).
  package var mode: Int
  /// Quantiles at `SeatQuantiles.levels`: the smallest s with P(seats <= s) >= level.
  package var quantiles: SeatQuantiles
  /// P(seats >= majority).
  package var majorityProbability: Double

  /// Summarises a seat histogram.
  /// - Complexity: O(seats).
  package init(counts: [Int], majority: Int) {
    self.counts = counts
    draws = counts.reduce(0, +)
    precondition(draws > 0, "no draws")
    let total = Double(draws)
    mean = counts.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) } / total
    mode = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
    quantiles = SeatQuantiles { SeatDistribution.quantile(counts, level: $0) }
    median = quantiles.p50
    majorityProbability = Double(counts[min(majority, counts.count)...].reduce(0, +)) / total
  }

  /// The smallest s with cumulative count >= level * draws.
  package static func quantile(_ counts: [Int], level: Double) -> Int {
    let total = counts.reduce(0, +)
    let target = level * Double(total)
    var cumulative = 0
    for (s, c) in counts.enumerated() {
      cumulative += c
      if Double(cumulative) >= target && cumulative > 0 { return s }
    }
    return counts.count - 1
  }

  /// The probability of exactly s seats.
  package func probability(_ s: Int) -> Double { Double(counts[s]) / Double(draws) }
}
