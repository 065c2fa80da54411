import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports

struct HistoryStoreTests {
  static func temporaryDatabase(_ name: String) -> String {
    NSTemporaryDirectory() + "bw-history-\(getpid())-\(name)/history.sqlite"
  }

  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }

  /// One shared run of the small chamber.
  static let result: ForecastResult = try! SyntheticChamber.smallResult(draws: 4_000)

  static func entry(asOf: String, kind: RunKind = .run, seed: UInt64 = 1, probability: Double = 0.5) -> HistoryEntry {
    var e = HistoryEntry(result: result, kind: kind, recordedAt: Date(timeIntervalSince1970: 1_541_394_000))
    e.asOf = CalendarDate(iso: asOf)!
    e.point.asOf = e.asOf
    e.seed = seed
    e.point.majorityProbability = probability
    return e
  }

  @Test func readingAMissingDatabaseIsRefusedAndCreatesNothing() throws {
    let path = Self.temporaryDatabase("missing")
    defer { Self.remove(path) }
    #expect(throws: HistoryStore.Missing.self) { try HistoryStore(path: path, mustExist: true) }
    #expect(!FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent))
    // Once a run has created it, reading it works.
    try HistoryStore(path: path).record(Self.entry(asOf: "2018-10-01"))
    #expect(try HistoryStore(path: path, mustExist: true).trend(chamber: "Test chamber").count == 1)
  }

  @Test func aFIFOOrAFolderIsRefusedBeforeSQLiteOpensIt() throws {
    let path = Self.temporaryDatabase("fifo")
    defer { Self.remove(path) }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    #expect(mkfifo(path, 0o600) == 0)
    #expect { try HistoryStore(path: path, mustExist: true) } throws: { "\($0)".contains("FIFO") }
    try FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    #expect { try HistoryStore(path: path) } throws: { "\($0)".contains("not a regular file") }
  }

  @Test func recordsARunWithItsSeatsAndReadsTheTrend() throws {
    let path = Self.temporaryDatabase("basic")
    defer { Self.remove(path) }
    let store = try HistoryStore(path: path)
    let id = try store.record(Self.entry(asOf: "2018-10-01", probability: 0.4))
    try store.record(Self.entry(asOf: "2018-10-02", probability: 0.6))
    #expect(try store.counts() == (2, 2 * Self.result.districts.count))
    #expect(try store.districtRowsPerRun()[id] == Self.result.districts.count)
    let trend = try store.trend(chamber: "Test chamber")
    #expect(trend.map(\.asOf.iso) == ["2018-10-01", "2018-10-02"])
    #expect(trend.map(\.majorityProbability) == [0.4, 0.6])
    #expect(trend[0].medianSeats == Self.result.seats.median && trend[0].draws == 4_000)
    #expect(try store.trend(chamber: "Another chamber").isEmpty)
    #expect(try store.integrityCheck() == "ok")
    #expect(HistoryEntry(result: Self.result, kind: .run, recordedAt: Date(timeIntervalSince1970: 1_541_394_000)).recordedAt == "2018-11-05T05:00:00Z")
  }

  @Test func oneRowPerDateLatestNightlyRunFirstScenariosNever() throws {
    let path = Self.temporaryDatabase("rule")
    defer { Self.remove(path) }
    let store = try HistoryStore(path: path)
    try store.record(Self.entry(asOf: "2018-10-01", kind: .run, probability: 0.1))
    try store.record(Self.entry(asOf: "2018-10-01", kind: .run, probability: 0.2))
    try store.record(Self.entry(asOf: "2018-10-01", kind: .backfill, probability: 0.3))
    try store.record(Self.entry(asOf: "2018-10-02", kind: .backfill, probability: 0.4))
    try store.record(Self.entry(asOf: "2018-10-02", kind: .backfill, probability: 0.5))
    try store.record(Self.entry(asOf: "2018-10-02", kind: .scenario, probability: 0.9))
    try store.record(Self.entry(asOf: "2018-10-03", kind: .scenario, probability: 0.9))
    let trend = try store.trend(chamber: "Test chamber")
    #expect(trend.map(\.majorityProbability) == [0.2, 0.5])
    #expect(trend.map(\.kind) == [.run, .backfill])
  }

  /// A prepared run writes nothing until committed; its trend is the one the database then holds.
  @Test func aPreparedRunIsWrittenOnlyWhenCommittedAndItsTrendIsTheDatabases() throws {
    let path = Self.temporaryDatabase("prepare")
    defer { Self.remove(path) }
    let store = try HistoryStore(path: path)
    try store.record(Self.entry(asOf: "2018-01-02", probability: 0.1))
    try store.record(Self.entry(asOf: Self.result.model.asOf.iso, probability: 0.2))  // replaced by the new run
    try store.record(Self.entry(asOf: "2030-01-01", probability: 0.3))
    let pending = try HistoryStore.prepare(Self.result, path: path, now: Date(timeIntervalSince1970: 1_541_394_000))
    #expect(try store.counts().runs == 3)
    #expect(pending.trend.map(\.asOf.iso) == ["2018-01-02", Self.result.model.asOf.iso, "2030-01-01"])
    #expect(pending.trend[1].majorityProbability == Self.result.seats.majorityProbability)
    try pending.commit()
    #expect(try store.counts().runs == 4)
    #expect(try store.trend(chamber: "Test chamber") == pending.trend)
  }

  /// The previous date's seat chances: the run `trend` picks for the latest date before the as-of
  /// date (nightly over backfill, latest first); scenarios and later dates never.
  @Test func previousSeatChancesComeFromThePreviousDatesRun() throws {
    let path = Self.temporaryDatabase("previous-seats")
    defer { Self.remove(path) }
    let store = try HistoryStore(path: path)
    func entry(_ asOf: String, _ kind: RunKind, chance: Double) -> HistoryEntry {
      var e = Self.entry(asOf: asOf, kind: kind)
      for i in e.districts.indices { e.districts[i].democraticWinProbability = chance }
      return e
    }
    let asOf = try #require(CalendarDate(iso: "2018-10-05"))
    #expect(try store.seatChances(chamber: "Test chamber", before: asOf) == nil)
    try store.record(entry("2018-10-01", .run, chance: 0.1))
    try store.record(entry("2018-10-03", .run, chance: 0.3))
    try store.record(entry("2018-10-03", .backfill, chance: 0.35))
    try store.record(entry("2018-10-04", .scenario, chance: 0.9))
    try store.record(entry("2018-10-05", .run, chance: 0.5))
    let previous = try #require(try store.seatChances(chamber: "Test chamber", before: asOf))
    #expect(previous.count == Self.result.districts.count && previous.values.allSatisfy { $0 == 0.3 })
    #expect(try store.seatChances(chamber: "Test chamber", before: CalendarDate(iso: "2018-10-02")!)?.values.first == 0.1)
    #expect(try store.seatChances(chamber: "Another chamber", before: asOf) == nil)
  }

  /// Another program's database is refused untouched (not switched to WAL); a file that is not a
  /// database, a full disk, a lock held too long are said in words.
  @Test func foreignDatabasesAndFailuresAreRefusedInWords() throws {
    let path = Self.temporaryDatabase("foreign")
    defer { Self.remove(path) }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    struct Stop: Error {}
    _ = try? SQLiteDatabase(path: path) { database in
      try database.execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')")
      throw Stop()
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(before[18] == 1, "rollback journal, not WAL")
    #expect { _ = try HistoryStore(path: path) } throws: {
      "\($0)" == "history database \(path): not a Bellwether run history (it holds the tables contacts); it was left unchanged. Give --history another file"
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

    try Data(String(repeating: "not a database\n", count: 20).utf8).write(to: URL(fileURLWithPath: path))
    #expect { _ = try HistoryStore(path: path) } throws: {
      "\($0)".hasPrefix("history database \(path): the file is not a SQLite database (give --history another file, or move this one away)")
    }
    #expect(SQLiteError(path: "h", code: 13, message: "database or disk is full").description
      == "history database h: the disk is full; free some space and run again (SQLite: database or disk is full, error 13)")
    #expect(SQLiteError(path: "h", code: 4874, message: "disk I/O error").description.hasPrefix(
      "history database h: the disk could not be read or written (it may be full or failing)"))
    // A busy error says how long it actually waited (SQLite can return SQLITE_BUSY at once, without
    // waiting, where waiting could deadlock), never a wait that did not happen.
    #expect(SQLiteError(path: "h", code: 5, message: "database is locked", waitedSeconds: 60.04).description
      == "history database h: another process holds it locked (waited 60.0 s, up to 60 s); try again when it has finished (SQLite: database is locked, error 5)")
    #expect(SQLiteError(path: "h", code: 5, message: "database is locked").description.hasPrefix(
      "history database h: another process holds it locked (waited no time, up to 60 s)"))
  }

  @Test func reopeningKeepsTheRecordsAndTheSchema() throws {
    let path = Self.temporaryDatabase("reopen")
    defer { Self.remove(path) }
    try HistoryStore(path: path).record(Self.entry(asOf: "2018-10-01"))
    let again = try HistoryStore(path: path)
    #expect(try again.counts().runs == 1)
    #expect(try again.contains(kind: .run, chamber: "Test chamber", asOf: CalendarDate(iso: "2018-10-01")!,
                               configHash: Self.entry(asOf: "2018-10-01").configHash,
                               dataHash: Self.entry(asOf: "2018-10-01").dataHash, seed: 1, draws: 4_000))
    #expect(try !again.contains(kind: .run, chamber: "Test chamber", asOf: CalendarDate(iso: "2018-10-01")!,
                                configHash: "other", dataHash: Self.entry(asOf: "2018-10-01").dataHash, seed: 1, draws: 4_000))
  }

  @Test func concurrentWritersLoseNothing() throws {
    // Eight writers, each with its own connection (as separate processes have), record 25 runs of
    // 41 seats each at the same time. Every run must arrive whole, exactly once.
    let path = Self.temporaryDatabase("concurrent")
    defer { Self.remove(path) }
    let writers = 8, perWriter = 25
    let errors = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: writers) { w in
      do {
        let store = try HistoryStore(path: path)
        for i in 0..<perWriter {
          try store.record(Self.entry(asOf: "2018-10-01", seed: UInt64(w * 1000 + i)))
        }
      } catch {
        errors.withLock { $0.append("\(error)") }
      }
    }
    #expect(errors.withLock { $0 }.isEmpty, "\(errors.withLock { $0 })")
    let store = try HistoryStore(path: path)
    #expect(try store.counts() == (writers * perWriter, writers * perWriter * Self.result.districts.count))
    #expect(try store.districtRowsPerRun().values.allSatisfy { $0 == Self.result.districts.count })
    let seeds = Set(try store.seeds().values)
    #expect(seeds == Set((0..<writers).flatMap { w in (0..<perWriter).map { UInt64(w * 1000 + $0) } }))
    #expect(try store.integrityCheck() == "ok")
  }

  @Test func aFailedTransactionLeavesNoPartialRun() throws {
    let path = Self.temporaryDatabase("rollback")
    defer { Self.remove(path) }
    let store = try HistoryStore(path: path)
    var bad = Self.entry(asOf: "2018-10-01")
    bad.districts.append(bad.districts[0])  // duplicate primary key: the second insert fails
    #expect(throws: SQLiteError.self) { try store.record(bad) }
    #expect(try store.counts() == (0, 0))
  }
}
