import BellwetherEngine

/// One seat on one day of the forecast's history: the seat's figures in the run recorded for that
/// as-of date (the run `HistoryPoint` stands for).
package struct HistorySeatPoint: Codable, Sendable, Equatable {
  package var asOf: CalendarDate
  /// `run` or `backfill`.
  package var kind: RunKind
  /// Seat id.
  package var id: String
  /// Chance of a Democratic win.
  package var democraticWinProbability: Double
  /// Mean margin and its 10% and 90% quantiles, points, D positive (nil for a fixed seat, and the
  /// quantiles for runs recorded before the history stored them).
  package var meanMargin: Double?
  package var margin10: Double?
  package var margin90: Double?
  /// Share of draws in which the seat was the tipping point.
  package var tippingProbability: Double

  /// Creates a point.
  package init(asOf: CalendarDate, kind: RunKind, id: String, democraticWinProbability: Double, meanMargin: Double?,
               margin10: Double?, margin90: Double?, tippingProbability: Double) {
    self.asOf = asOf
    self.kind = kind
    self.id = id
    self.democraticWinProbability = democraticWinProbability
    self.meanMargin = meanMargin
    self.margin10 = margin10
    self.margin90 = margin90
    self.tippingProbability = tippingProbability
  }

  /// Every field, an unknown margin as an explicit `null` (not left out), so that each point has the
  /// same keys.
  package func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(asOf, forKey: .asOf)
    try c.encode(kind, forKey: .kind)
    try c.encode(id, forKey: .id)
    try c.encode(democraticWinProbability, forKey: .democraticWinProbability)
    try c.encode(meanMargin, forKey: .meanMargin)
    try c.encode(margin10, forKey: .margin10)
    try c.encode(margin90, forKey: .margin90)
    try c.encode(tippingProbability, forKey: .tippingProbability)
  }
}
