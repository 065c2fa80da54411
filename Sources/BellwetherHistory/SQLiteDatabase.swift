internal import CSQLite
import Foundation

/// A failed SQLite call, with the database file and SQLite's own message.
struct SQLiteError: Error, CustomStringConvertible, Sendable {
  var path: String
  var code: Int32
  var message: String
  /// How long the call kept retrying a busy database before giving up, in seconds (nil: no wait).
  var waitedSeconds: Double? = nil
  var description: String {
    if code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED {
      let waited = waitedSeconds.map { String(format: "%.1f", $0) + " s" } ?? "no time"
      return "history database \(path): another process holds it locked (waited \(waited), up to "
        + "\(SQLiteDatabase.busyTimeoutMilliseconds / 1000) s); try again when it has finished (SQLite: \(message), error \(code))"
    }
    if let words = SQLiteError.words(for: code) { return "history database \(path): \(words) (SQLite: \(message), error \(code))" }
    return "history database \(path): \(message) (SQLite error \(code))"
  }

  /// What a failure means and what to do, by SQLite's primary result code (https://sqlite.org/rescode.html).
  static func words(for code: Int32) -> String? {
    switch code & 0xFF {
    case SQLITE_FULL: return "the disk is full; free some space and run again"
    case SQLITE_IOERR: return "the disk could not be read or written (it may be full or failing); check it and run again"
    case SQLITE_NOTADB: return "the file is not a SQLite database (give --history another file, or move this one away)"
    case SQLITE_CORRUPT: return "the database file is damaged (restore it from a backup, or move it away to start a new history)"
    case SQLITE_READONLY: return "the database cannot be written (read-only file or folder)"
    case SQLITE_CANTOPEN: return "the file cannot be opened or created (check that its folder exists and is writable)"
    case SQLITE_PERM, SQLITE_AUTH: return "permission denied"
    default: return nil
    }
  }
}

/// The file is a SQLite database of another program: it is refused, and left unchanged.
struct NotAHistory: Error, CustomStringConvertible, Sendable {
  var path: String
  var tables: [String]
  var description: String {
    "history database \(path): not a Bellwether run history (it holds the tables \(tables.joined(separator: ", "))); "
      + "it was left unchanged. Give --history another file"
  }
}

/// One connection to a SQLite database file (the system library, https://sqlite.org/c3ref/intro.html).
///
/// Set up for several processes writing the same file: write-ahead logging
/// (https://sqlite.org/wal.html) so readers never block the writer, a busy timeout so a writer
/// waits for another's transaction instead of failing, and `BEGIN IMMEDIATE` for every write
/// transaction, which takes the write lock at the start and so avoids the deadlock of two deferred
/// transactions that both try to upgrade (https://sqlite.org/lang_transaction.html). A connection
/// is used by one thread at a time.
final class SQLiteDatabase {
  let path: String
  private var handle: OpaquePointer?

  /// How long a writer waits for another's lock before giving up, in milliseconds.
  static let busyTimeoutMilliseconds: Int32 = 60_000

  /// Opens (creating if needed) the database and sets WAL mode and the busy timeout.
  /// - Parameter check: run once the file is open and before anything is changed (WAL mode), so a
  ///   file that is not the caller's is refused untouched.
  init(path: String, check: ((SQLiteDatabase) throws -> Void)? = nil) throws {
    self.path = path
    // Create the file owner-only first; SQLite gives its -wal and -shm files the same permissions.
    let fd = open(path, O_WRONLY | O_CREAT, 0o600)
    if fd >= 0 { close(fd) }
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
    let rc = sqlite3_open_v2(path, &handle, flags, nil)
    guard rc == SQLITE_OK else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close(handle)
      handle = nil
      throw SQLiteError(path: path, code: rc, message: message)
    }
    sqlite3_busy_timeout(handle, SQLiteDatabase.busyTimeoutMilliseconds)
    sqlite3_extended_result_codes(handle, 1)
    try retryingWhileBusy {
      try check?(self)
      let mode = try query("PRAGMA journal_mode=WAL") { $0.text(0) }.first ?? nil
      guard mode?.lowercased() == "wal" else {
        throw SQLiteError(path: path, code: SQLITE_ERROR, message: "cannot switch to write-ahead logging (journal mode \(mode ?? "unknown"))")
      }
    }
    try execute("PRAGMA foreign_keys=ON")
  }

  /// Runs `body` again while it fails with SQLITE_BUSY or SQLITE_LOCKED, for up to
  /// `busyTimeoutMilliseconds` in all. The busy timeout alone does not cover every case: SQLite
  /// returns SQLITE_BUSY at once, without calling the busy handler, when waiting could deadlock (a
  /// connection holding a read lock that needs the write lock, as when several processes open a new
  /// file and switch it to WAL together; https://sqlite.org/c3ref/busy_handler.html). `body` must be
  /// safe to repeat: a read, or a statement that took no lock.
  func retryingWhileBusy<T>(_ body: () throws -> T) throws -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    var pause: UInt32 = 2_000
    while true {
      do {
        return try body()
      } catch var error as SQLiteError where error.code & 0xFF == SQLITE_BUSY || error.code & 0xFF == SQLITE_LOCKED {
        let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if waited * 1000 >= Double(SQLiteDatabase.busyTimeoutMilliseconds) {
          error.waitedSeconds = waited
          throw error
        }
        usleep(pause)
        pause = min(pause * 2, 100_000)
      }
    }
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs statements that return no rows.
  func execute(_ sql: String) throws {
    var error: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &error)
    if rc != SQLITE_OK {
      let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_free(error)
      throw SQLiteError(path: path, code: rc, message: message)
    }
  }

  /// A value to bind to a `?` parameter.
  enum Value {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
  }

  /// One result row being read.
  struct Row {
    fileprivate let statement: OpaquePointer
    func integer(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }
    func real(_ i: Int32) -> Double { sqlite3_column_double(statement, i) }
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }
    func optionalReal(_ i: Int32) -> Double? { isNull(i) ? nil : real(i) }
    func text(_ i: Int32) -> String? {
      guard let c = sqlite3_column_text(statement, i) else { return nil }
      return String(cString: c)
    }
  }

  /// Runs one statement with parameters and maps every result row.
  @discardableResult
  func query<T>(_ sql: String, _ parameters: [Value] = [], row map: (Row) throws -> T) throws -> [T] {
    var statement: OpaquePointer?
    var rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard rc == SQLITE_OK, let statement else { throw currentError(rc) }
    defer { sqlite3_finalize(statement) }
    // SQLITE_TRANSIENT: SQLite copies the bound text before the call returns.
    let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    for (i, value) in parameters.enumerated() {
      let index = Int32(i + 1)
      switch value {
      case .integer(let v): rc = sqlite3_bind_int64(statement, index, v)
      case .real(let v): rc = sqlite3_bind_double(statement, index, v)
      case .text(let v): rc = sqlite3_bind_text(statement, index, v, -1, transient)
      case .null: rc = sqlite3_bind_null(statement, index)
      }
      guard rc == SQLITE_OK else { throw currentError(rc) }
    }
    var rows: [T] = []
    while true {
      rc = sqlite3_step(statement)
      if rc == SQLITE_ROW {
        rows.append(try map(Row(statement: statement)))
      } else if rc == SQLITE_DONE {
        return rows
      } else {
        throw currentError(rc)
      }
    }
  }

  /// Runs a statement that returns no rows.
  func run(_ sql: String, _ parameters: [Value] = []) throws {
    try query(sql, parameters) { _ in () }
  }

  /// The rowid of the last insert on this connection.
  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
  func writeTransaction<T>(_ body: () throws -> T) throws -> T {
    try retryingWhileBusy { try execute("BEGIN IMMEDIATE") }
    do {
      let value = try body()
      try execute("COMMIT")
      return value
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  private func currentError(_ rc: Int32) -> SQLiteError {
    SQLiteError(path: path, code: rc, message: String(cString: sqlite3_errmsg(handle)))
  }
}
