import ArgumentParser
import BellwetherEngine
import BellwetherHistory
import BellwetherSources
import Foundation

// Each value the command line accepts is parsed once, by its type: a bad value is refused by
// argument-parser with the option's name and the expected form (exit 64), before anything runs.
// Types whose rules a person cannot guess from the help (an environment's limit, a shard's range,
// the shipped cycles) also have a throwing `parse`, used as the option's transform, so that the
// refusal says why.

/// A number of draws, 1 ... `ForecastConfig.maximumDraws`.
struct DrawCount: ExpressibleByArgument, Sendable {
  var value: Int
  init(_ value: Int) { self.value = value }
  init?(argument: String) {
    guard let n = Int(argument), (1...ForecastConfig.maximumDraws).contains(n) else { return nil }
    value = n
  }
  var defaultValueDescription: String { String(value) }
  static var defaultCompletionKind: CompletionKind { .default }
}

/// A master seed, 0 ... 2^53-1 (every seed a JSON number holds exactly).
struct Seed: ExpressibleByArgument, Sendable {
  var value: UInt64
  init?(argument: String) {
    guard let n = UInt64(argument), Double(n) <= ForecastConfig.maximumSeed else { return nil }
    value = n
  }
}

/// Dispatch worker threads, at least 1 (default: every core). Never changes a result.
struct ThreadCount: ExpressibleByArgument, Sendable {
  var value: Int
  init(_ value: Int) { self.value = value }
  init?(argument: String) {
    guard let n = Int(argument), n >= 1 else { return nil }
    value = n
  }
  /// Every active core.
  static var allCores: ThreadCount { ThreadCount(ProcessInfo.processInfo.activeProcessorCount) }
  var defaultValueDescription: String { "all cores" }
}

/// A comma-separated list of thread counts, e.g. `1,2`.
struct ThreadList: ExpressibleByArgument, Sendable {
  var values: [Int]
  init(_ values: [Int]) { self.values = values }
  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
    values = parts.compactMap { $0 }
  }
  var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }
}

/// A comma-separated list of election years, e.g. `2006,2018`, each one of `allowed`.
struct CycleList: Sendable {
  var values: [Int]
  init(_ values: [Int]) { self.values = values }
  /// Parses the text, refusing a year outside `allowed` by naming them.
  static func parse(_ text: String, allowed: [Int]) throws -> CycleList {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0.map(allowed.contains) ?? false }) else {
      throw ArgumentError("expected comma-separated years among " + allowed.map(String.init).joined(separator: ", "))
    }
    return CycleList(parts.compactMap { $0 })
  }
}

extension CalendarDate: ExpressibleByArgument {
  /// `YYYY-MM-DD`.
  public init?(argument: String) { self.init(iso: argument) }
  public var defaultValueDescription: String { iso }
}

extension NoiseFactor.Method: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument) }
  public var defaultValueDescription: String { rawValue }
}

/// A national environment written `D+5`, `R+2.5` or `EVEN` (`EnvironmentScenario.parse`).
struct NationalEnvironment: Sendable {
  /// Points, D minus R.
  var margin: Double
  /// Parses the text, or says what was expected.
  static func parse(_ text: String) throws -> NationalEnvironment {
    NationalEnvironment(margin: try EnvironmentScenario.parse(text))
  }
}

/// A range of national environments, `LOW..HIGH` (`EnvironmentScenario.parseRange`).
struct EnvironmentRange: Sendable {
  var margins: ClosedRange<Double>
  /// Parses the text, or says what was expected.
  static func parse(_ text: String) throws -> EnvironmentRange {
    do { return EnvironmentRange(margins: try EnvironmentScenario.parseRange(text)) } catch {
      throw ArgumentError("expected LOW..HIGH with LOW below HIGH, e.g. R+5..D+20; \(error)")
    }
  }
}

/// A shard, `I/N` with 0 <= I < N.
struct ShardArgument: Sendable {
  var shard: Simulator.Shard
  /// Parses the text, or says what was expected.
  static func parse(_ text: String) throws -> ShardArgument {
    do { return ShardArgument(shard: try Simulator.Shard(parsing: text)) } catch {
      throw ArgumentError("expected I/N with 0 <= I < N, e.g. 0/4 ... 3/4")
    }
  }
}

/// A range of days, `FROM..TO`, both YYYY-MM-DD.
struct DateRange: Sendable {
  var dates: ClosedRange<CalendarDate>
  /// Parses the text, or says what was expected.
  static func parse(_ text: String) throws -> DateRange {
    DateRange(dates: try HistoryBackfill.parseDates(text))
  }
}

/// Why a command-line value was refused, as argument-parser prints it after the value.
struct ArgumentError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A shipped cycle (`BacktestSources.shippedCycles`), e.g. `2018`.
struct ShippedCycle: ExpressibleByArgument, Sendable {
  var value: Int
  init?(argument: String) {
    guard let n = Int(argument), BacktestSources.shippedCycles.contains(n) else { return nil }
    value = n
  }
}

/// A comma-separated list of days, each 1 ... 3650, e.g. `1,7,30`; no repeats.
struct DayList: ExpressibleByArgument, Sendable {
  var values: [Int]
  init(_ values: [Int]) { self.values = values }
  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ (1...3650).contains($0 ?? 0) }) else { return nil }
    values = parts.compactMap { $0 }
    guard Set(values).count == values.count else { return nil }
  }
  var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }
}

/// A target Monte Carlo standard error of P(majority), a probability: 0 < X < 0.5 (e.g. 0.001 for
/// a tenth of a percentage point).
struct TargetStandardError: Sendable {
  var value: Double
  /// Parses the text, or says what was expected.
  static func parse(_ text: String) throws -> TargetStandardError {
    guard let x = Double(text), x.isFinite, x > 0, x < 0.5 else {
      throw ArgumentError("expected a standard error of a probability, 0 < X < 0.5, e.g. 0.001 (0.1 percentage point)")
    }
    return TargetStandardError(value: x)
  }
}

extension Estimator: ExpressibleByArgument {}
