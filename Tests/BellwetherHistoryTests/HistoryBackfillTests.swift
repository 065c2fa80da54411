import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherHistory

struct HistoryBackfillTests {
  @Test func backfillRunsEachDayFromTheSpecialsBeforeItAndSkipsDaysDone() throws {
    let path = HistoryStoreTests.temporaryDatabase("backfill")
    defer { HistoryStoreTests.remove(path) }
    let store = try HistoryStore(path: path)
    let inputs = SyntheticChamber.smallInputs()
    let dates = try HistoryBackfill.parseDates("2018-03-01..2018-03-03")
    var seen: [String] = []
    try HistoryBackfill.run(forecaster: Forecaster(inputs: inputs), dates: dates, draws: 2_000, threads: 2, store: store, now: { Date(timeIntervalSince1970: 0) }) { d, o in
      if case .recorded = o { seen.append(d.iso) }
    }
    #expect(seen == ["2018-03-01", "2018-03-02", "2018-03-03"])
    // Each day equals a direct run as of that day: same seed and draws give the same figures.
    let trend = try store.trend(chamber: "Test chamber")
    for p in trend {
      let direct = try Forecaster(inputs: inputs).forecast(ForecastOptions(asOf: p.asOf, draws: 2_000), threads: 1)!
      #expect(p.majorityProbability == direct.seats.majorityProbability && p.medianSeats == direct.seats.median)
      #expect(p.environmentMean == direct.model.plan.environmentMean && p.kind == .backfill)
    }
    // The specials held before 2018-03-01 are the first two (2018-02-01, 2018-02-21) only.
    let first = try Forecaster(inputs: inputs).model(ForecastOptions(asOf: CalendarDate(iso: "2018-03-01")!, draws: 1))
    #expect(first.specials.rows.count == 2)
    // Again: nothing new.
    var skipped = 0
    try HistoryBackfill.run(forecaster: Forecaster(inputs: inputs), dates: dates, draws: 2_000, threads: 2, store: store, now: { Date() }) { _, o in
      if case .skipped = o { skipped += 1 }
    }
    #expect(try skipped == 3 && store.counts().runs == 3)
  }

  @Test func backfillRefusesDatesOutsideTheCycleAndBadRanges() throws {
    let path = HistoryStoreTests.temporaryDatabase("refuse")
    defer { HistoryStoreTests.remove(path) }
    let store = try HistoryStore(path: path)
    #expect(throws: HistoryBackfill.RangeError.self) {
      try HistoryBackfill.run(forecaster: Forecaster(inputs: SyntheticChamber.smallInputs()), dates: try HistoryBackfill.parseDates("2016-12-30..2017-01-02"),
                              draws: 10, threads: 1, store: store, now: { Date() })
    }
    #expect(throws: HistoryBackfill.RangeError.self) { try HistoryBackfill.parseDates("2018-11-05..2018-08-01") }
    #expect(throws: HistoryBackfill.RangeError.self) { try HistoryBackfill.parseDates("2018-08-01-2018-11-05") }
    #expect(throws: HistoryBackfill.RangeError.self) { try HistoryBackfill.parseDates("2018-02-30..2018-03-01") }
    #expect(try HistoryBackfill.parseDates("2018-08-01..2018-11-05").lowerBound == CalendarDate(iso: "2018-08-01")!)
  }
}
