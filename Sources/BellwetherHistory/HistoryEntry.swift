import BellwetherEngine
import BellwetherReports
import Foundation

/// What one run records in the history database: when it ran, what it was run on, and what it said.
package struct HistoryEntry: Sendable, Equatable {
  /// One seat's odds in the run.
  package struct DistrictOdds: Sendable, Equatable {
    /// Seat id.
    package var id: String
    /// Chance of a Democratic win.
    package var democraticWinProbability: Double
    /// Mean margin (nil for a seat without a two-party contest).
    package var meanMargin: Double?
    /// 10% and 90% quantiles of the margin (nil for a seat without a two-party contest).
    package var margin10: Double?
    package var margin90: Double?
    /// Share of draws in which it was the tipping point.
    package var tippingProbability: Double
  }

  /// Wall-clock time of the run, ISO 8601 in UTC (the database is a log; reports never hold it).
  var recordedAt: String
  /// `run`, `backfill` or `scenario`.
  package var kind: RunKind
  package var chamber: String
  package var asOf: CalendarDate
  /// SHA-256 of the config file, and of the data tables together (`HistoryEntry.combinedDataHash`).
  var configHash: String
  var dataHash: String
  /// Every input's SHA-256, as `name=hash` lines sorted by name.
  package var inputHashes: String
  package var seed: UInt64
  package var draws: Int
  package var fixedEnvironment: Double?
  /// Headline figures.
  package var point: HistoryPoint
  package var seats025: Int
  package var seats975: Int
  package var expectedNetChange: Double
  /// Per-seat odds, in the district table's order.
  package var districts: [DistrictOdds]

  /// The entry of a finished run.
  /// - Parameters:
  ///   - recordedAt: the time of the run (the caller reads the clock; the core never does).
  ///   - kind: `run`, `backfill` or `scenario`.
  package init(result: ForecastResult, kind: RunKind, recordedAt: Date) {
    let model = result.model
    let hashes = model.inputs.hashes
    self.recordedAt = HistoryEntry.iso8601(recordedAt)
    self.kind = kind
    chamber = model.inputs.config.chamber.name
    asOf = model.asOf
    configHash = hashes["config"] ?? ""
    dataHash = HistoryEntry.combinedDataHash(hashes)
    inputHashes = hashes.keys.sorted().map { "\($0)=\(hashes[$0]!)" }.joined(separator: "\n")
    seed = model.plan.seed
    draws = model.plan.draws
    fixedEnvironment = model.fixedEnvironment
    point = HistoryPoint(result: result, kind: kind)
    seats025 = result.seats.quantiles.p2_5
    seats975 = result.seats.quantiles.p97_5
    expectedNetChange = result.expectedNetChange
    districts = result.districts.map {
      DistrictOdds(id: $0.id, democraticWinProbability: $0.democraticWinProbability, meanMargin: $0.meanMargin,
                   margin10: $0.margin10, margin90: $0.margin90, tippingProbability: $0.tippingProbability)
    }
  }

  /// One hash for all the data tables: SHA-256 of their `name=hash` lines (config excluded), sorted by name.
  static func combinedDataHash(_ hashes: [String: String]) -> String {
    let lines = hashes.keys.filter { $0 != "config" }.sorted().map { "\($0)=\(hashes[$0]!)\n" }.joined()
    return SHA256.hex(Array(lines.utf8))
  }

  /// `2018-11-05T06:00:00Z`.
  static func iso8601(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = CalendarDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    let rest = seconds - day.dayNumber * 86_400
    return day.iso + String(format: "T%02d:%02d:%02dZ", rest / 3600, rest / 60 % 60, rest % 60)
  }
}
