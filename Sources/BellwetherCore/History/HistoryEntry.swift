import Foundation

/// What one run records in the history database: when it ran, what it was run on, and what it said.
public struct HistoryEntry: Sendable, Equatable {
  /// One seat's odds in the run.
  public struct DistrictOdds: Sendable, Equatable {
    /// Seat id.
    public var id: String
    /// Chance of a Democratic win.
    public var democraticWinProbability: Double
    /// Mean margin (nil for a seat without a two-party contest).
    public var meanMargin: Double?
    /// Share of draws in which it was the tipping point.
    public var tippingProbability: Double
  }

  /// Wall-clock time of the run, ISO 8601 in UTC (the database is a log; reports never hold it).
  public var recordedAt: String
  /// `run`, `backfill` or `scenario`.
  public var kind: String
  public var chamber: String
  public var asOf: CalendarDate
  /// SHA-256 of the config file, and of the data tables together (`DataHash.combine`).
  public var configHash: String
  public var dataHash: String
  /// Every input's SHA-256, as `name=hash` lines sorted by name.
  public var inputHashes: String
  public var seed: UInt64
  public var draws: Int
  public var fixedEnvironment: Double?
  /// Headline figures.
  public var point: HistoryPoint
  public var seats025: Int
  public var seats975: Int
  public var expectedNetChange: Double
  /// Per-seat odds, in the district table's order.
  public var districts: [DistrictOdds]

  /// The entry of a finished run.
  /// - Parameters:
  ///   - recordedAt: the time of the run (the caller reads the clock; the core never does).
  ///   - kind: `run`, `backfill` or `scenario`.
  public init(result: ForecastResult, kind: String, recordedAt: Date, fixedEnvironment: Double? = nil) {
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
    self.fixedEnvironment = fixedEnvironment
    point = HistoryPoint(result: result, kind: kind)
    seats025 = result.seats.quantiles[0.025]!
    seats975 = result.seats.quantiles[0.975]!
    expectedNetChange = result.expectedNetChange
    districts = result.districts.map {
      DistrictOdds(id: $0.id, democraticWinProbability: $0.democraticWinProbability, meanMargin: $0.meanMargin,
                   tippingProbability: $0.tippingProbability)
    }
  }

  /// One hash for all the data tables: SHA-256 of their `name=hash` lines (config excluded), sorted by name.
  public static func combinedDataHash(_ hashes: [String: String]) -> String {
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
