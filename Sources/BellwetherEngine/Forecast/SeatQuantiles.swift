/// The seat counts at the quantile levels every report gives (docs/model.md §5.1): each is the
/// smallest s with P(seats <= s) >= level.
package struct SeatQuantiles: Sendable, Codable, Equatable {
  /// 2.5%, 10%, 25%, 50%, 75%, 90% and 97.5%.
  package var p2_5, p10, p25, p50, p75, p90, p97_5: Int

  /// The levels, in order.
  package static let levels: [Double] = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]

  /// The quantiles, each computed by `quantile(level)`.
  package init(_ quantile: (Double) -> Int) {
    p2_5 = quantile(0.025)
    p10 = quantile(0.1)
    p25 = quantile(0.25)
    p50 = quantile(0.5)
    p75 = quantile(0.75)
    p90 = quantile(0.9)
    p97_5 = quantile(0.975)
  }

  /// The quantiles given directly.
  package init(p2_5: Int, p10: Int, p25: Int, p50: Int, p75: Int, p90: Int, p97_5: Int) {
    (self.p2_5, self.p10, self.p25, self.p50, self.p75, self.p90, self.p97_5) = (p2_5, p10, p25, p50, p75, p90, p97_5)
  }

  /// The 80% interval, 10% to 90%.
  package var interval80: ClosedRange<Int> { p10...p90 }
  /// The 95% interval, 2.5% to 97.5%.
  package var interval95: ClosedRange<Int> { p2_5...p97_5 }

  /// (level, seats) at every level, in order.
  package var all: [(level: Double, seats: Int)] {
    zip(SeatQuantiles.levels, [p2_5, p10, p25, p50, p75, p90, p97_5]).map { ($0, $1) }
  }
}
