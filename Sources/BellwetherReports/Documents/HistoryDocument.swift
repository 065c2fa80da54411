import BellwetherEngine
import Foundation

/// `history.json` (`bellwether history --format json`), schema `bellwether.history/1`: the daily
/// national series and the per-seat series of a chamber, one entry per as-of date (and seat).
/// Field names are forecast.json's for the same figures; `history-national.csv` and
/// `history-seats.csv` are the same two series with each field as its snake_case column
/// (docs/reports.md, "The history").
package struct HistoryDocument: Codable, Sendable, Equatable {
  package static let schemaName = "bellwether.history/1"

  /// One as-of date.
  package struct Day: Codable, Sendable, Equatable {
    package var asOf: CalendarDate
    /// `run` (nightly) or `backfill`.
    package var kind: String
    package var draws: Int
    package var majorityProbability: Double
    /// Null for runs recorded before the history stored it.
    package var republicanMajorityProbability: Double?
    package var meanSeats: Double
    package var medianSeats: Int
    /// [10%, 90%] quantiles of Democratic seats.
    package var interval80: [Int]
    package var environmentMean: Double
    package var environmentSD: Double

    /// Every field, an unknown figure as an explicit `null` (not left out), so that each day has
    /// the same keys.
    package func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(asOf, forKey: .asOf)
      try c.encode(kind, forKey: .kind)
      try c.encode(draws, forKey: .draws)
      try c.encode(majorityProbability, forKey: .majorityProbability)
      try c.encode(republicanMajorityProbability, forKey: .republicanMajorityProbability)
      try c.encode(meanSeats, forKey: .meanSeats)
      try c.encode(medianSeats, forKey: .medianSeats)
      try c.encode(interval80, forKey: .interval80)
      try c.encode(environmentMean, forKey: .environmentMean)
      try c.encode(environmentSD, forKey: .environmentSD)
    }
  }

  package var schema: String
  package var engineVersion: String
  package var chamber: String
  package var majority: Int
  /// Dates with no recorded run are absent (never interpolated).
  package var national: [Day]
  /// One seat on one as-of date each (encoded with `kind` as its text).
  package var seats: [HistorySeatPoint]

  /// The document of a trend and its seats.
  package init(trend: [HistoryPoint], seats: [HistorySeatPoint], chamber: Chamber) {
    schema = HistoryDocument.schemaName
    engineVersion = EngineVersion.text
    self.chamber = chamber.name
    majority = chamber.majority
    national = trend.sorted { $0.asOf < $1.asOf }.map {
      Day(asOf: $0.asOf, kind: $0.kind.rawValue, draws: $0.draws, majorityProbability: $0.majorityProbability,
          republicanMajorityProbability: $0.republicanMajorityProbability, meanSeats: $0.meanSeats,
          medianSeats: $0.medianSeats, interval80: [$0.seats10, $0.seats90], environmentMean: $0.environmentMean,
          environmentSD: $0.environmentSD)
    }
    self.seats = seats
  }

  /// Pretty-printed JSON with sorted keys.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
