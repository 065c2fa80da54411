import Foundation

/// The machine-readable backtest (`backtest.json`), schema `bellwether.backtest/1`: for each as-of
/// date, every Bellwether variant and every published model version, scored on the same seats
/// against the actual results. Documented field by field in `docs/README-backtest.md`. It holds no
/// clock time: the same data, config, seed and draws give the same bytes.
public struct BacktestReport: Codable, Sendable {
  public static let schemaName = "bellwether.backtest/1"

  /// What actually happened, and which seats are scored.
  public struct Actual: Codable, Sendable {
    /// Seats won by Democrats.
    public var democraticSeats: Int
    /// Seats in the chamber and the majority threshold.
    public var seats: Int
    public var majority: Int
    /// National two-party House vote margin, D minus R, points.
    public var houseVoteMargin: Double
    /// Seats scored by each race set.
    public var races: [String: Int]
    /// Seats left out of every score (no certified winner), with the reason.
    public var excluded: [ElectionOutcomes.Seat]
  }

  /// The environment as Bellwether read it on one date (from the default variant's model).
  public struct Environment: Codable, Sendable {
    /// Generic-ballot prior: mean and SD, and the two-party average it came from.
    public var priorMean: Double
    public var priorSD: Double
    public var ballotAverage: Double?
    /// Specials held before the date, their random-effects estimate E_s, its SE and tau.
    public var specialsUsed: Int
    public var specialsEstimate: Double?
    public var specialsStandardError: Double?
    public var tau: Double
    /// The specials translated to a general-election environment.
    public var translatedMean: Double?
    public var translatedSD: Double?
    /// Prior and specials combined.
    public var posteriorMean: Double
    public var posteriorSD: Double
    /// Total SD of one district's noise.
    public var noiseSD: Double
  }

  /// One forecaster's scores on one date.
  public struct Row: Codable, Sendable {
    /// `Bellwether` or the publisher's name.
    public var forecaster: String
    /// The Bellwether variant id, or the published model version (`lite`, `classic`, `deluxe`).
    public var version: String
    /// Label for tables.
    public var label: String
    /// Whether the row used the results it is scored on (never a forecast).
    public var inSample: Bool
    /// The forecast national House margin: Bellwether's environment mean and SD; the publisher's
    /// popular-vote margin and its 80% interval.
    public var environmentMean: Double
    public var environmentSD: Double?
    public var environment10: Double?
    public var environment90: Double?
    /// Seat scores.
    public var seats: SeatScores
    /// District scores, by race set (`RaceSet` raw values).
    public var districts: [String: DistrictScores]
    /// Seats whose baseline the variant changed (previous-result variant only).
    public var adjustedSeats: [String]?
    /// Published rows: seats missing a candidate's row that day (their candidates' chances sum to
    /// less than 1; the Democrats' rows are used as printed).
    public var incompleteSeats: [String]?
    /// Each seat's forecast chance of a Democratic win, by seat id (every seat of the chamber).
    public var probabilities: [String: Double]
  }

  /// Everything scored on one as-of date.
  public struct DateResult: Codable, Sendable {
    public var asOf: CalendarDate
    /// Bellwether's reading of the environment on that date.
    public var environment: Environment
    /// Bellwether variants first (in the variants' order), then the published versions.
    public var rows: [Row]
    /// Published model versions with no forecast on that date.
    public var publishedMissing: [String]
  }

  public var schema: String
  public var cycle: Int
  public var chamber: String
  public var config: String
  /// SHA-256 of the config and the engine's tables.
  public var inputHashes: [String: String]
  /// SHA-256 of the published files and results read (paths relative to the data folder).
  public var sourceHashes: [String: String]
  public var draws: Int
  public var seed: UInt64
  public var publisher: String
  public var actual: Actual
  /// Clip applied to probabilities in the log loss (`LogLoss.clip`).
  public var logLossClip: Double
  /// Bellwether variants, in table order.
  public var variants: [BacktestVariant]
  public var dates: [DateResult]

  /// The JSON text (sorted keys, so the bytes depend only on the content).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
