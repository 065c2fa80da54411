import BellwetherEngine
import BellwetherReports
import Foundation

/// Reconstructs what the nightly forecast would have said on each day of a past range, so that a
/// new history starts with a real time series (`bellwether history --backfill FROM..TO`).
///
/// Each day d is a full run with as-of date d: the calibration uses only the specials held before d
/// and the generic-ballot prior reads the average on d (docs/model.md §7.1's no-peeking rule), with
/// the same seed and a modest number of draws. Days already recorded as a backfill with the same
/// inputs, seed and draws are skipped, so an interrupted backfill resumes where it stopped.
package enum HistoryBackfill {
  /// Why a backfill range is refused.
  struct RangeError: Error, CustomStringConvertible, Equatable {
    package var description: String
  }

  /// Parses `YYYY-MM-DD..YYYY-MM-DD` (inclusive, first not after last).
  /// - Throws: `RangeError` saying what was expected.
  package static func parseDates(_ text: String) throws -> ClosedRange<CalendarDate> {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let first = CalendarDate(iso: parts[0]), let last = CalendarDate(iso: parts[1]) else {
      throw RangeError(description: "expected a date range like 2018-08-01..2018-11-05 (YYYY-MM-DD..YYYY-MM-DD), found '\(text)'")
    }
    guard first <= last else {
      throw RangeError(description: "the range \(text) ends before it starts")
    }
    return first...last
  }

  /// What happened on one day.
  package enum Outcome: Sendable {
    case recorded(HistoryPoint)
    case skipped

    /// The line `history --backfill` prints for the day: `2018-10-25:  41.6% D majority, median 215 seats`.
    package func line(for date: CalendarDate) -> String {
      switch self {
      case .recorded(let p):
        let chance = Formats.percent(p.majorityProbability)
        return "\(date.iso): \(String(repeating: " ", count: max(0, 6 - chance.count)))\(chance) D majority, median \(p.medianSeats) seats"
      case .skipped: return "\(date.iso): already backfilled, skipped"
      }
    }
  }

  /// Runs and records every day of `dates`.
  /// - Parameters:
  ///   - forecaster: config and tables.
  ///   - dates: as-of dates, inclusive; they must lie in the config's cycle.
  ///   - draws: draws per day.
  ///   - seed: master seed (default: the config's).
  ///   - threads: workers.
  ///   - store: the history.
  ///   - now: the wall clock, read once per recorded day (the core never reads it itself).
  ///   - report: called after each day.
  /// - Throws: `RangeError` for dates outside the cycle; the model's and the store's errors.
  /// - Complexity: one full run per day.
  package static func run(forecaster: Forecaster, dates: ClosedRange<CalendarDate>, draws: Int, seed: UInt64? = nil,
                         threads: Int, store: HistoryStore, now: () -> Date,
                         report: (CalendarDate, Outcome) -> Void = { _, _ in }) throws {
    let inputs = forecaster.inputs
    let chamber = inputs.config.chamber
    guard chamber.cycleStart <= dates.lowerBound, dates.upperBound <= chamber.electionDate else {
      throw RangeError(description: "backfill dates must lie in the cycle \(chamber.cycleStart.iso)...\(chamber.electionDate.iso) "
                         + "(chamber.cycleStart and chamber.electionDate in \(inputs.config.path)), found "
                         + "\(dates.lowerBound.iso)..\(dates.upperBound.iso)")
    }
    let configHash = inputs.hashes["config"] ?? ""
    let dataHash = HistoryEntry.combinedDataHash(inputs.hashes)
    let runSeed = seed ?? inputs.config.seed
    for day in dates.lowerBound.dayNumber...dates.upperBound.dayNumber {
      let date = CalendarDate(dayNumber: day)
      if try store.contains(kind: .backfill, chamber: chamber.name, asOf: date, configHash: configHash, dataHash: dataHash,
                            seed: runSeed, draws: draws) {
        report(date, .skipped)
        continue
      }
      guard let result = try forecaster.forecast(ForecastOptions(asOf: date, draws: draws, seed: runSeed), threads: threads)
      else { continue }
      let entry = HistoryEntry(result: result, kind: .backfill, recordedAt: now())
      try store.record(entry)
      report(date, .recorded(entry.point))
    }
  }
}
