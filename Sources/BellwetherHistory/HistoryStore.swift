import BellwetherEngine
import BellwetherReports
import Foundation

/// The history of runs, in a SQLite database file (default `out/history.sqlite`).
///
/// Schema (version 2, in `PRAGMA user_version`):
/// - `runs`: one row per run: `id`, `recorded_at` (UTC ISO 8601), `kind` (`run`, `backfill`,
///   `scenario`), `chamber`, `as_of`, `config_hash`, `data_hash`, `input_hashes`, `seed`, `draws`,
///   `fixed_environment`, `majority_probability`, `mean_seats`, `median_seats`, `seats_p025`,
///   `seats_p10`, `seats_p90`, `seats_p975`, `expected_net_change`, `environment_mean`, `environment_sd`,
///   and (version 2) `republican_majority_probability`.
/// - `district_odds`: one row per seat and run: `run_id`, `district`, `p_dem_win`, `mean_margin`,
///   `p_tipping`, and (version 2) `margin_p10`, `margin_p90`; primary key (`run_id`, `district`).
///
/// A version-1 file is migrated in place when opened (the version-2 columns added, NULL for the
/// runs recorded before).
///
/// A run and its seats go in one `BEGIN IMMEDIATE` transaction, so a reader sees all of it or none,
/// and concurrent writers (several processes, or threads with their own store) queue on SQLite's
/// lock instead of losing or interleaving records (see `SQLiteDatabase`).
package final class HistoryStore {
  /// The file.
  package let path: String
  private let database: SQLiteDatabase

  /// The schema version this code writes.
  static let schemaVersion = 2

  /// A history path that is a FIFO, a device, a socket or a folder.
  package struct NotARegularFile: Error, CustomStringConvertible {
    package var path: String
    package var what: String
    /// What to do instead.
    package var hint: String
    package var description: String {
      "the history database \(path) is \(what), not a regular file; nothing was done. \(hint)"
    }
  }

  /// The database file and the journal, WAL and SHM files SQLite keeps beside it.
  static func files(of path: String) -> [String] { ["", "-journal", "-wal", "-shm"].map { path + $0 } }

  /// Refuses a FIFO (it would hang SQLite's open), a device, a socket or a folder among `files`,
  /// following symbolic links as SQLite would.
  static func refuseNotRegular(_ files: [String], hint: String) throws {
    for file in files {
      if let what = ReportWriter.notReplaceable((file as NSString).resolvingSymlinksInPath) {
        throw NotARegularFile(path: file, what: what, hint: hint)
      }
    }
  }

  /// What `run` and `merge` check before any work: inside the output folder (the default path, or
  /// an explicit one there) no symbolic link at the database or its journal, WAL or SHM, since
  /// nothing under --out is followed out of it; anywhere, a regular file or none.
  /// - Parameter explicit: whether the path was given with --history.
  package static func checkPath(_ path: String, out: String, explicit: Bool) throws {
    let files = files(of: path)
    if !explicit || ReportWriter.isEntry(path, of: out) { try ReportWriter.refuseSymbolicLinks(files) }
    try refuseNotRegular(files, hint: "Give --history a file, or use --no-history")
  }

  /// No history database at the path given for reading.
  package struct Missing: Error, CustomStringConvertible {
    package var path: String
    package var description: String {
      "\(path): no run-history database there, so there is nothing to show and nothing was written. Every `bellwether run` "
        + "(and `merge`) records itself in OUT/history.sqlite of its --out folder: pass that folder with --out, or the file with "
        + "--history; or start one with `bellwether history --backfill FROM..TO`"
    }
  }

  /// Opens the database, creating the file, its folder (owner-only) and the schema if needed; with
  /// `mustExist`, a missing file is refused (`Missing`) instead of created.
  /// - Throws: `SQLiteError`, or `ReportWriter.WriteError` when the folder cannot be made; an error
  ///   when the file holds a newer schema.
  package init(path: String, mustExist: Bool = false) throws {
    self.path = path
    // Reading a history that is not there is a mistake (a mistyped --history), not an empty trend:
    // refused before SQLite would create the file.
    if mustExist, !FileManager.default.fileExists(atPath: path) { throw Missing(path: path) }
    // A FIFO would hang SQLite's open, and a device or folder cannot be a database: refused for every
    // command that opens a history (the path is followed, as SQLite would).
    try HistoryStore.refuseNotRegular(HistoryStore.files(of: path), hint: "Give --history a file")
    let folder = (path as NSString).deletingLastPathComponent
    if !mustExist, !folder.isEmpty { try ReportWriter.prepareFolder(folder) }
    database = try SQLiteDatabase(path: path) { database in
      // Another program's database is refused before it is touched (not even switched to WAL).
      let tables = try database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") { $0.text(0) ?? "" }
        .filter { !$0.hasPrefix("sqlite_") }
      if !tables.isEmpty, !(tables.contains("runs") && tables.contains("district_odds")) {
        throw NotAHistory(path: path, tables: tables)
      }
    }
    try database.writeTransaction {
      let version = try database.query("PRAGMA user_version") { Int($0.integer(0)) }.first ?? 0
      if version > HistoryStore.schemaVersion {
        throw SQLiteError(path: path, code: 1, message: "schema version \(version) is newer than this program's (\(HistoryStore.schemaVersion))")
      }
      if version < 1 {
        try database.execute("""
          CREATE TABLE IF NOT EXISTS runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            recorded_at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('run', 'backfill', 'scenario')),
            chamber TEXT NOT NULL,
            as_of TEXT NOT NULL,
            config_hash TEXT NOT NULL,
            data_hash TEXT NOT NULL,
            input_hashes TEXT NOT NULL,
            seed INTEGER NOT NULL,
            draws INTEGER NOT NULL,
            fixed_environment REAL,
            majority_probability REAL NOT NULL,
            mean_seats REAL NOT NULL,
            median_seats INTEGER NOT NULL,
            seats_p025 INTEGER NOT NULL,
            seats_p10 INTEGER NOT NULL,
            seats_p90 INTEGER NOT NULL,
            seats_p975 INTEGER NOT NULL,
            expected_net_change REAL NOT NULL,
            environment_mean REAL NOT NULL,
            environment_sd REAL NOT NULL
          );
          CREATE INDEX IF NOT EXISTS runs_by_date ON runs (chamber, as_of);
          CREATE TABLE IF NOT EXISTS district_odds (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            district TEXT NOT NULL,
            p_dem_win REAL NOT NULL,
            mean_margin REAL,
            p_tipping REAL NOT NULL,
            PRIMARY KEY (run_id, district)
          ) WITHOUT ROWID;
          PRAGMA user_version = 1;
          """)
      }
      if version < 2 {
        try database.execute("""
          ALTER TABLE runs ADD COLUMN republican_majority_probability REAL;
          ALTER TABLE district_odds ADD COLUMN margin_p10 REAL;
          ALTER TABLE district_odds ADD COLUMN margin_p90 REAL;
          PRAGMA user_version = 2;
          """)
      }
    }
  }

  /// Records a run and its seats in one transaction.
  /// - Returns: the run's id.
  @discardableResult
  package func record(_ entry: HistoryEntry) throws -> Int64 {
    try database.writeTransaction {
      let p = entry.point
      try database.run("""
        INSERT INTO runs (recorded_at, kind, chamber, as_of, config_hash, data_hash, input_hashes, seed, draws,
          fixed_environment, majority_probability, mean_seats, median_seats, seats_p025, seats_p10, seats_p90, seats_p975,
          expected_net_change, environment_mean, environment_sd, republican_majority_probability)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, [
          .text(entry.recordedAt), .text(entry.kind.rawValue), .text(entry.chamber), .text(entry.asOf.iso), .text(entry.configHash),
          .text(entry.dataHash), .text(entry.inputHashes), .integer(Int64(bitPattern: entry.seed)), .integer(Int64(entry.draws)),
          entry.fixedEnvironment.map { .real($0) } ?? .null, .real(p.majorityProbability), .real(p.meanSeats),
          .integer(Int64(p.medianSeats)), .integer(Int64(entry.seats025)), .integer(Int64(p.seats10)),
          .integer(Int64(p.seats90)), .integer(Int64(entry.seats975)), .real(entry.expectedNetChange),
          .real(p.environmentMean), .real(p.environmentSD), p.republicanMajorityProbability.map { .real($0) } ?? .null,
        ])
      let id = database.lastInsertRowID
      for d in entry.districts {
        try database.run("""
          INSERT INTO district_odds (run_id, district, p_dem_win, mean_margin, p_tipping, margin_p10, margin_p90)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """, [.integer(id), .text(d.id), .real(d.democraticWinProbability), d.meanMargin.map { .real($0) } ?? .null,
                 .real(d.tippingProbability), d.margin10.map { .real($0) } ?? .null, d.margin90.map { .real($0) } ?? .null])
      }
      return id
    }
  }

  /// The id of the run that stands for each as-of date of a chamber: nightly runs and backfills
  /// (scenarios excluded); for a date with several runs, the latest nightly run wins, then the latest backfill.
  private static let trendRuns = """
    SELECT id FROM runs AS r
    WHERE r.id = (SELECT id FROM runs AS s
                  WHERE s.chamber = r.chamber AND s.as_of = r.as_of AND s.kind IN ('run', 'backfill')
                  ORDER BY (s.kind = 'run') DESC, s.id DESC LIMIT 1)
      AND r.chamber = ?
    """

  /// The forecast over time for a chamber: one point per as-of date, from nightly runs and
  /// backfills (scenarios excluded). For a date with several runs, the latest nightly run wins, then
  /// the latest backfill.
  package func trend(chamber: String) throws -> [HistoryPoint] {
    try database.query("""
      SELECT as_of, majority_probability, mean_seats, median_seats, seats_p10, seats_p90, environment_mean, environment_sd,
             draws, kind, republican_majority_probability
      FROM runs WHERE id IN (\(HistoryStore.trendRuns))
      ORDER BY as_of
      """, [.text(chamber)]) { row in
      HistoryPoint(asOf: CalendarDate(iso: row.text(0) ?? "") ?? CalendarDate(dayNumber: 0),
                   majorityProbability: row.real(1), meanSeats: row.real(2), medianSeats: Int(row.integer(3)),
                   seats10: Int(row.integer(4)), seats90: Int(row.integer(5)), environmentMean: row.real(6),
                   environmentSD: row.real(7), draws: Int(row.integer(8)), kind: RunKind(rawValue: row.text(9) ?? "") ?? .run,
                   republicanMajorityProbability: row.isNull(10) ? nil : row.real(10))
    }
  }

  /// The per-seat series of a chamber: each seat's figures on each date of `trend(chamber:)` (the
  /// same run per date), by date, then seat id.
  package func seatTrend(chamber: String) throws -> [HistorySeatPoint] {
    try database.query("""
      SELECT r.as_of, r.kind, d.district, d.p_dem_win, d.mean_margin, d.margin_p10, d.margin_p90, d.p_tipping
      FROM district_odds AS d JOIN runs AS r ON r.id = d.run_id
      WHERE r.id IN (\(HistoryStore.trendRuns))
      ORDER BY r.as_of, d.district
      """, [.text(chamber)]) { row in
      HistorySeatPoint(asOf: CalendarDate(iso: row.text(0) ?? "") ?? CalendarDate(dayNumber: 0),
                       kind: RunKind(rawValue: row.text(1) ?? "") ?? .run, id: row.text(2) ?? "",
                       democraticWinProbability: row.real(3), meanMargin: row.isNull(4) ? nil : row.real(4),
                       margin10: row.isNull(5) ? nil : row.real(5), margin90: row.isNull(6) ? nil : row.real(6),
                       tippingProbability: row.real(7))
    }
  }

  /// Each seat's chance of a Democratic win in the run behind the trend's latest point dated before
  /// `asOf` (the same choice of run per date as `trend`), by seat id; nil when there is none. The
  /// page's "what changed" lists the seats that moved most from it.
  package func seatChances(chamber: String, before asOf: CalendarDate) throws -> [String: Double]? {
    let rows = try database.query("""
      SELECT d.district, d.p_dem_win FROM district_odds AS d
      WHERE d.run_id = (SELECT s.id FROM runs AS s
                        WHERE s.chamber = ? AND s.kind IN ('run', 'backfill') AND s.as_of < ?
                        ORDER BY s.as_of DESC, (s.kind = 'run') DESC, s.id DESC LIMIT 1)
      """, [.text(chamber), .text(asOf.iso)]) { row in (row.text(0) ?? "", row.real(1)) }
    return rows.isEmpty ? nil : Dictionary(rows, uniquingKeysWith: { a, _ in a })
  }

  /// Whether a run of this kind, date, inputs, seed and draws is already recorded (backfill skips it).
  package func contains(kind: RunKind, chamber: String, asOf: CalendarDate, configHash: String, dataHash: String,
                       seed: UInt64, draws: Int) throws -> Bool {
    try !database.query("""
      SELECT 1 FROM runs WHERE kind = ? AND chamber = ? AND as_of = ? AND config_hash = ? AND data_hash = ? AND seed = ?
        AND draws = ? LIMIT 1
      """, [.text(kind.rawValue), .text(chamber), .text(asOf.iso), .text(configHash), .text(dataHash),
            .integer(Int64(bitPattern: seed)), .integer(Int64(draws))]) { _ in true }.isEmpty
  }

  /// Number of runs recorded, and of district rows.
  package func counts() throws -> (runs: Int, districtRows: Int) {
    let runs = try database.query("SELECT count(*) FROM runs") { Int($0.integer(0)) }.first ?? 0
    let rows = try database.query("SELECT count(*) FROM district_odds") { Int($0.integer(0)) }.first ?? 0
    return (runs, rows)
  }

  /// Per run id, how many district rows it has.
  func districtRowsPerRun() throws -> [Int64: Int] {
    var out: [Int64: Int] = [:]
    for (id, n) in try database.query("""
      SELECT r.id, count(d.district) FROM runs r LEFT JOIN district_odds d ON d.run_id = r.id GROUP BY r.id
      """, row: { ($0.integer(0), Int($0.integer(1))) }) {
      out[id] = n
    }
    return out
  }

  /// The seed of every recorded run, by id (for checks).
  package func seeds() throws -> [Int64: UInt64] {
    var out: [Int64: UInt64] = [:]
    for (id, seed) in try database.query("SELECT id, seed FROM runs", row: { ($0.integer(0), UInt64(bitPattern: $0.integer(1))) }) {
      out[id] = seed
    }
    return out
  }

  /// SQLite's own consistency check: `ok` when the file is sound.
  func integrityCheck() throws -> String {
    try database.query("PRAGMA integrity_check") { $0.text(0) ?? "" }.joined(separator: "\n")
  }
}

extension HistoryStore {
  /// A run about to be recorded: the database is open (so a database that cannot be opened, or
  /// holds a newer schema, is refused before anything is published), the trend is the chamber's
  /// trend as it will be once the row is committed, and nothing is written until `commit()`.
  ///
  /// `bellwether run` renders report.html with `trend`, publishes the reports, then commits: a
  /// publish that fails or is stopped leaves no row, and the row, once committed, agrees with the
  /// published page (unless another process records a run of the same chamber in between).
  package struct PendingRecord {
    let store: HistoryStore
    let entry: HistoryEntry
    /// The trend including this run (empty for a scenario).
    package let trend: [HistoryPoint]
    /// The seats' chances in the previous date's run (`seatChances`), nil for none or a scenario.
    package var previousSeats: [String: Double]? = nil

    /// Records the run (one transaction).
    package func commit() throws { try store.record(entry) }
  }

  /// Opens the database at `path` and prepares the run's row without writing it. A scenario
  /// (fixed environment) is recorded as kind `scenario` and gets no trend: the history is the
  /// forecast's, not the what-if's.
  /// - Parameter now: the wall-clock time of the run, read by the caller.
  package static func prepare(_ result: ForecastResult, path: String, now: Date) throws -> PendingRecord {
    let store = try HistoryStore(path: path)
    let kind = RunKind(fixedEnvironment: result.model.fixedEnvironment)
    let entry = HistoryEntry(result: result, kind: kind, recordedAt: now)
    guard kind == .run else { return PendingRecord(store: store, entry: entry, trend: []) }
    // The new row is the latest nightly run of its date, so it becomes that date's point.
    let existing = try store.trend(chamber: entry.chamber).filter { $0.asOf != entry.asOf }
    let trend = (existing + [entry.point]).sorted { $0.asOf < $1.asOf }
    let previous = try store.seatChances(chamber: entry.chamber, before: entry.asOf)
    return PendingRecord(store: store, entry: entry, trend: trend, previousSeats: previous)
  }
}
