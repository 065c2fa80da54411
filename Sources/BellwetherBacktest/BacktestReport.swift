import BellwetherEngine
import Foundation

/// The machine-readable backtest (`backtest.json`), schema `bellwether.backtest/1`: for each as-of
/// date, every Bellwether variant and every published model version, scored on the same seats
/// against the actual results. Documented field by field in `docs/backtest.md`. It holds no
/// clock time: the same data, config, seed and draws give the same bytes.
package struct BacktestReport: Codable, Sendable {
  package static let schemaName = "bellwether.backtest/1"

  /// What actually happened, and which seats are scored.
  package struct Actual: Codable, Sendable {
    /// Seats won by Democrats.
    package var democraticSeats: Int
    /// Seats in the chamber and the majority threshold.
    package var seats: Int
    package var majority: Int
    /// National two-party House vote margin, D minus R, points.
    package var houseVoteMargin: Double
    /// Seats scored by each race set.
    package var races: [RaceSet: Int]
    /// Seats left out of every score (no certified winner), with the reason.
    package var excluded: [ElectionOutcomes.Seat]
  }

  /// The environment as Bellwether read it on one date (from the default variant's model).
  package struct Environment: Codable, Sendable {
    /// Generic-ballot prior: mean and SD, and the two-party average it came from.
    var priorMean: Double
    var priorSD: Double
    package var ballotAverage: Double?
    /// Specials held before the date, their random-effects estimate E_s, its SE and tau.
    var specialsUsed: Int
    package var specialsEstimate: Double?
    package var specialsStandardError: Double?
    package var tau: Double
    /// The specials translated to a general-election environment.
    package var translatedMean: Double?
    package var translatedSD: Double?
    /// Prior and specials combined.
    package var posteriorMean: Double
    package var posteriorSD: Double
    /// Total SD of one district's noise.
    var noiseSD: Double
  }

  /// One forecaster's scores on one date.
  package struct Row: Codable, Sendable {
    /// The `forecaster` of Bellwether's own rows (a published row carries its publisher's name).
    package static let bellwether = "Bellwether"
    /// Whether the row is one of Bellwether's variants.
    package var isBellwether: Bool { forecaster == Row.bellwether }
    /// Whether the row is Bellwether's default model.
    package var isDefaultModel: Bool { isBellwether && version == BacktestVariant.standard.id }

    /// `Bellwether` or the publisher's name.
    package var forecaster: String
    /// The Bellwether variant id, or the published model version (`lite`, `classic`, `deluxe`).
    package var version: String
    /// Label for tables.
    package var label: String
    /// Whether the row used the results it is scored on (never a forecast).
    var inSample: Bool
    /// The forecast national House margin: Bellwether's environment mean and SD; the publisher's
    /// popular-vote margin and its 80% interval.
    package var environmentMean: Double
    package var environmentSD: Double?
    var environment10: Double?
    var environment90: Double?
    /// Seat scores.
    package var seats: SeatScores
    /// District scores, by race set (`RaceSet` raw values).
    package var districts: [RaceSet: DistrictScores]
    /// Seats whose baseline the variant changed (previous-result variant only).
    var adjustedSeats: [String]?
    /// Published rows: seats missing a candidate's row that day (their candidates' chances sum to
    /// less than 1; the Democrats' rows are used as printed).
    var incompleteSeats: [String]?
    /// Each seat's forecast chance of a Democratic win, by seat id (every seat of the chamber).
    package var probabilities: [String: Double]
  }

  /// Everything scored on one as-of date.
  package struct DateResult: Codable, Sendable {
    package var asOf: CalendarDate
    /// Bellwether's reading of the environment on that date.
    package var environment: Environment
    /// Bellwether variants first (in the variants' order), then the published versions.
    package var rows: [Row]
    /// Published model versions with no forecast on that date.
    var publishedMissing: [String]
  }

  package var schema: String
  package var cycle: Int
  package var chamber: String
  package var config: String
  /// SHA-256 of the config and the engine's tables.
  package var inputHashes: [String: String]
  /// SHA-256 of the published files and results read (paths relative to the data folder).
  package var sourceHashes: [String: String]
  package var draws: Int
  package var seed: UInt64
  /// The published forecaster scored beside Bellwether, if any.
  package var publisher: String?
  package var actual: Actual
  /// Clip applied to probabilities in the log loss (`LogLoss.clip`).
  var logLossClip: Double
  /// Bellwether variants, in table order.
  var variants: [BacktestVariant]
  package var dates: [DateResult]

  /// The JSON text (sorted keys, so the bytes depend only on the content).
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
