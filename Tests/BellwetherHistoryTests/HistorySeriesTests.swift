import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports

/// The stored series behind `history --format csv|json`, the version-1 migration, and reading a
/// database that does not exist.
struct HistorySeriesTests {
  typealias Store = HistoryStoreTests

  /// The version-1 schema as the previous release created it.
  static let versionOneSchema = """
    CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('run', 'backfill', 'scenario')), chamber TEXT NOT NULL, as_of TEXT NOT NULL,
      config_hash TEXT NOT NULL, data_hash TEXT NOT NULL, input_hashes TEXT NOT NULL, seed INTEGER NOT NULL,
      draws INTEGER NOT NULL, fixed_environment REAL, majority_probability REAL NOT NULL, mean_seats REAL NOT NULL,
      median_seats INTEGER NOT NULL, seats_p025 INTEGER NOT NULL, seats_p10 INTEGER NOT NULL, seats_p90 INTEGER NOT NULL,
      seats_p975 INTEGER NOT NULL, expected_net_change REAL NOT NULL, environment_mean REAL NOT NULL,
      environment_sd REAL NOT NULL);
    CREATE INDEX runs_by_date ON runs (chamber, as_of);
    CREATE TABLE district_odds (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, district TEXT NOT NULL,
      p_dem_win REAL NOT NULL, mean_margin REAL, p_tipping REAL NOT NULL, PRIMARY KEY (run_id, district)) WITHOUT ROWID;
    INSERT INTO runs VALUES (1, '2018-10-01T06:00:00Z', 'run', 'Test chamber', '2018-10-01', 'c', 'd', '', 1, 4000, NULL,
      0.25, 19.5, 19, 15, 16, 23, 24, -1.5, -2.0, 1.5);
    INSERT INTO district_odds VALUES (1, 'S01', 0.75, 3.5, 0.125);
    PRAGMA user_version = 1;
    """

  @Test func aVersionOneDatabaseIsMigratedAndKeepsItsRows() throws {
    let path = Store.temporaryDatabase("migrate")
    defer { Store.remove(path) }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = try SQLiteDatabase(path: path) { try $0.execute(Self.versionOneSchema) }
    let store = try HistoryStore(path: path)
    #expect(try SQLiteDatabase(path: path).query("PRAGMA user_version") { $0.integer(0) } == [2])
    // The old run reads back with the new figures unknown, never invented.
    let old = try store.trend(chamber: "Test chamber")
    #expect(old == [HistoryPoint(asOf: CalendarDate(iso: "2018-10-01")!, majorityProbability: 0.25, meanSeats: 19.5,
                                 medianSeats: 19, seats10: 16, seats90: 23, environmentMean: -2.0, environmentSD: 1.5,
                                 draws: 4000, kind: .run, republicanMajorityProbability: nil)])
    #expect(try store.seatTrend(chamber: "Test chamber") == [HistorySeatPoint(
      asOf: CalendarDate(iso: "2018-10-01")!, kind: .run, id: "S01", democraticWinProbability: 0.75, meanMargin: 3.5,
      margin10: nil, margin90: nil, tippingProbability: 0.125)])
    // A new run records them.
    try store.record(Store.entry(asOf: "2018-10-02"))
    let seats = try store.seatTrend(chamber: "Test chamber").filter { $0.asOf.iso == "2018-10-02" }
    let contested = Store.result.districts.first { $0.margin10 != nil }!
    let stored = seats.first { $0.id == contested.id }!
    #expect(stored.margin10 == contested.margin10 && stored.margin90 == contested.margin90)
    #expect(seats.count == Store.result.districts.count)
    // Reopening a migrated file changes nothing.
    #expect(try HistoryStore(path: path).trend(chamber: "Test chamber").count == 2)
  }

  /// In a chamber of an odd number of seats one party always has a majority, so the Republican
  /// chance is exactly 1 minus the Democratic one (the closed form; the history computes it from the
  /// seat histogram as the share of draws with at most seats - majority Democratic seats).
  @Test func theRepublicanChanceIsStoredAndIsTheComplementInAnOddChamber() throws {
    let path = Store.temporaryDatabase("republican")
    defer { Store.remove(path) }
    let store = try HistoryStore(path: path)
    try store.record(HistoryEntry(result: Store.result, kind: .run, recordedAt: Date(timeIntervalSince1970: 0)))
    let point = try #require(try store.trend(chamber: "Test chamber").first)
    #expect(Store.result.model.plan.seats % 2 == 1)
    let expected = 1 - Store.result.seats.majorityProbability
    #expect(abs(try #require(point.republicanMajorityProbability) - expected) < 1e-12)
    #expect(point.majorityProbability == Store.result.seats.majorityProbability)
  }
}
