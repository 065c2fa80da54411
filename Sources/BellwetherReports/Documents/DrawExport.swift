import BellwetherEngine
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The raw draws of a run in a compact binary file (`bellwether run --export-draws FILE`), format
/// `BWDRAW01`, all integers and floats little-endian:
///
/// | offset | type | field |
/// |---|---|---|
/// | 0 | 8 bytes | magic `BWDRAW01` |
/// | 8 | UInt32 | format version (1) |
/// | 12 | UInt32 | header length H in bytes (a multiple of 8): the first record starts at H |
/// | 16 | UInt32 | record length R in bytes |
/// | 20 | UInt32 | flags: bit 0 set when records hold outcome bits |
/// | 24 | UInt64 | draws N |
/// | 32 | UInt64 | master seed |
/// | 40 | UInt32 | seats in the chamber |
/// | 44 | UInt32 | seats needed for a Democratic majority |
/// | 48 | UInt32 | seats fixed to the Democrats (counted in every draw's seats) |
/// | 52 | UInt32 | contested seats C |
/// | 56 | UInt32 | length L of the id list in bytes |
/// | 60 | L bytes | the C contested seat ids, UTF-8, separated by `\n`, in outcome-bit order |
/// | 60 + L | zeros | padding to H |
///
/// Then N records of R bytes, draw 0 first: a Float64 national environment (points, D minus R), a
/// UInt32 count of Democratic seats, and (with flag bit 0) `ceil(C / 8)` bytes of outcome bits: bit
/// `d & 7` of byte `d >> 3` is 1 when the Democrat won contested seat `d` of the id list. So
/// `R = 12` or `12 + ceil(C / 8)`. Draw `j` is draw `j mod 1024` of block `j / 1024` of the run,
/// whatever the thread count: each block is written at its own offset, so the file is the same
/// bytes for the same (data, config, seed, draws). The file is written under a temporary name and
/// renamed into place when complete. With numpy:
/// `np.fromfile(f, dtype=[("env", "<f8"), ("seats", "<u4"), ("bits", "u1", (R - 12,))], offset=H)`.
package final class DrawExportFile: DrawSink {
  /// The format's magic bytes.
  package static let magic = Array("BWDRAW01".utf8)
  /// The format version.
  package static let version: UInt32 = 1

  /// Where the file will be.
  package let path: String
  package let wantsOutcomes: Bool
  /// Header and record lengths.
  let headerLength: Int
  let recordLength: Int
  private let temporaryPath: String
  private let fd: Int32
  private let failure = Mutex<String?>(nil)

  /// Opens a temporary file beside `path` (creating its folder if needed) and writes the header.
  /// - Parameters:
  ///   - plan: the run's plan (draws, seed, seats).
  ///   - contestedIDs: ids of the contested seats, in kernel order.
  ///   - outcomes: whether to record each seat's winner.
  /// - Throws: `ReportWriter.WriteError` when the file cannot be created.
  package convenience init(path: String, plan: SimulationPlan, contestedIDs: [String], outcomes: Bool) throws {
    try self.init(path: path, plan: plan, contestedIDs: contestedIDs, outcomes: outcomes, inPlace: false)
  }

  /// `inPlace`: write at `path` itself (a fresh hidden name) instead of a temporary renamed over it.
  private init(path: String, plan: SimulationPlan, contestedIDs: [String], outcomes: Bool, inPlace: Bool) throws {
    precondition(contestedIDs.count == plan.contested)
    self.path = path
    wantsOutcomes = outcomes
    recordLength = 12 + (outcomes ? (plan.contested + 7) / 8 : 0)
    let ids = Array(contestedIDs.joined(separator: "\n").utf8)
    headerLength = (60 + ids.count + 7) / 8 * 8
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    if !folder.isEmpty { try ReportWriter.prepareFolder(folder) }
    temporaryPath = inPlace ? path : (folder.isEmpty ? "." : folder) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw ReportWriter.WriteError(path: path, reason: String(cString: strerror(errno))) }
    var header = DrawExportFile.magic
    func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { header += $0 } }
    func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { header += $0 } }
    put32(DrawExportFile.version)
    put32(UInt32(headerLength))
    put32(UInt32(recordLength))
    put32(outcomes ? 1 : 0)
    put64(UInt64(plan.draws))
    put64(plan.seed)
    put32(UInt32(plan.seats))
    put32(UInt32(plan.majority))
    put32(UInt32(plan.fixedDemocratic))
    put32(UInt32(plan.contested))
    put32(UInt32(ids.count))
    header += ids
    header += [UInt8](repeating: 0, count: headerLength - header.count)
    write(header, at: 0)
  }

  /// Opens a scratch export in `folder` under a hidden temporary name of the report `name`
  /// (`.NAME.tmp-PID-RANDOM`, so a run killed meanwhile leaves nothing the next run does not
  /// remove): written in place, never renamed. `draws.csv` is made from it (`DrawsCSV`); the caller
  /// removes it.
  package convenience init(scratchIn folder: String, for name: String, model: ForecastModel, outcomes: Bool) throws {
    let scratch = folder + "/" + ReportWriter.temporaryPrefix(for: name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try self.init(path: scratch, plan: model.plan,
                  contestedIDs: model.plan.contestedIndices.map { model.inputs.districts[$0].id }, outcomes: outcomes, inPlace: true)
  }

  /// Writes one block's records at the block's own offset.
  package func consume(block: Int, capture: DrawCapture, count: Int) {
    var bytes = [UInt8](repeating: 0, count: count * recordLength)
    bytes.withUnsafeMutableBytes { out in
      for j in 0..<count {
        let base = j * recordLength
        out.storeBytes(of: capture.environment(ofDraw: j).bitPattern.littleEndian, toByteOffset: base, as: UInt64.self)
        out.storeBytes(of: capture.seats(ofDraw: j).littleEndian, toByteOffset: base + 8, as: UInt32.self)
        for k in 0..<capture.bytesPerDraw { out[base + 12 + k] = capture.outcomeByte(k, ofDraw: j) }
      }
    }
    write(bytes, at: headerLength + block * SimulationPlan.blockSize * recordLength)
  }

  private func write(_ bytes: [UInt8], at offset: Int) {
    bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
        if n < 0 {
          if errno == EINTR { continue }
          let reason = String(cString: strerror(errno))
          failure.withLock { $0 = $0 ?? reason }
          return
        }
        done += n
      }
    }
  }

  /// Flushes the file and renames it into place.
  /// - Throws: `ReportWriter.WriteError` if any write failed (the temporary file is removed).
  package func finish() throws {
    var reason = failure.withLock { $0 }
    if reason == nil, fsync(fd) != 0 { reason = String(cString: strerror(errno)) }
    close(fd)
    if reason == nil, temporaryPath != path, rename(temporaryPath, path) != 0 { reason = String(cString: strerror(errno)) }
    if let reason {
      unlink(temporaryPath)
      throw ReportWriter.WriteError(path: path, reason: reason)
    }
  }

  /// Removes the temporary file (the run failed or was cancelled).
  package func abandon() {
    close(fd)
    unlink(temporaryPath)
  }
}

/// A `BWDRAW01` file read back (tests, and a reference reader for the format above).
struct DrawFile: Sendable, Equatable {
  package var draws: Int
  package var seed: UInt64
  package var seats: Int
  package var majority: Int
  package var fixedDemocratic: Int
  var contestedIDs: [String]
  var hasOutcomes: Bool
  package var environment: [Double]
  package var democraticSeats: [UInt32]
  /// Outcome bits, `(contested + 7) / 8` bytes per draw, or empty.
  package var outcomes: [UInt8]

  /// Whether the Democrat won contested seat `d` in draw `j`.
  func democraticWin(draw j: Int, seat d: Int) -> Bool {
    let bytes = (contestedIDs.count + 7) / 8
    return outcomes[j * bytes + d >> 3] & (UInt8(1) << UInt8(d & 7)) != 0
  }

  /// Parses a file's bytes.
  /// - Throws: `InputError` naming the field that does not match the format.
  package init(data: Data, file: String) throws {
    let bytes = [UInt8](data)
    let head = try DrawFileHeader(bytes: bytes, file: file)
    let header = head.headerLength, record = head.recordLength
    hasOutcomes = head.hasOutcomes
    draws = head.draws
    seed = head.seed
    seats = head.seats
    majority = head.majority
    fixedDemocratic = head.fixedDemocratic
    contestedIDs = head.contestedIDs
    guard bytes.count == header + draws * record else {
      throw InputError(file: file, field: "length", expected: "\(header + draws * record) bytes for \(draws) draws",
                       found: "\(bytes.count) bytes")
    }
    func u32(_ o: Int) -> UInt32 { bytes[o..<(o + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    func u64(_ o: Int) -> UInt64 { bytes[o..<(o + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    environment = []
    democraticSeats = []
    outcomes = []
    environment.reserveCapacity(draws)
    democraticSeats.reserveCapacity(draws)
    for j in 0..<draws {
      let base = header + j * record
      environment.append(Double(bitPattern: u64(base)))
      democraticSeats.append(u32(base + 8))
      if hasOutcomes { outcomes += bytes[(base + 12)..<(base + record)] }
    }
  }
}

/// The header of a `BWDRAW01` file (the table of `DrawExportFile`), read from its first bytes.
struct DrawFileHeader: Sendable, Equatable {
  var headerLength: Int
  var recordLength: Int
  var hasOutcomes: Bool
  var draws: Int
  var seed: UInt64
  var seats: Int
  var majority: Int
  var fixedDemocratic: Int
  /// The contested seat ids, in outcome-bit order.
  var contestedIDs: [String]

  /// Parses the header from the start of a file (`bytes` holds at least the whole header).
  /// - Throws: `InputError` naming the field that does not match the format.
  init(bytes: [UInt8], file: String) throws {
    func fail(_ field: String, _ expected: String, _ found: String) -> InputError {
      InputError(file: file, field: field, expected: expected, found: found)
    }
    guard bytes.count >= 60, Array(bytes[0..<8]) == DrawExportFile.magic else {
      throw fail("magic", "a BWDRAW01 file", "\(bytes.count) bytes without the magic")
    }
    func u32(_ o: Int) -> UInt32 { bytes[o..<(o + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
    func u64(_ o: Int) -> UInt64 { bytes[o..<(o + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    guard u32(8) == DrawExportFile.version else { throw fail("version", "1", String(u32(8))) }
    headerLength = Int(u32(12))
    recordLength = Int(u32(16))
    hasOutcomes = u32(20) & 1 != 0
    draws = Int(u64(24))
    seed = u64(32)
    seats = Int(u32(40))
    majority = Int(u32(44))
    fixedDemocratic = Int(u32(48))
    let contested = Int(u32(52)), idLength = Int(u32(56))
    guard 60 + idLength <= headerLength, headerLength <= bytes.count else {
      throw fail("header length", "at least \(60 + idLength)", String(headerLength))
    }
    let idText = String(decoding: bytes[60..<(60 + idLength)], as: UTF8.self)
    contestedIDs = idText.isEmpty ? [] : idText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard contestedIDs.count == contested else { throw fail("ids", "\(contested) ids", String(contestedIDs.count)) }
    let outcomeBytes = hasOutcomes ? (contested + 7) / 8 : 0
    guard recordLength == 12 + outcomeBytes else { throw fail("record length", String(12 + outcomeBytes), String(recordLength)) }
  }
}

extension DrawExportFile {
  /// Opens an export for a built model's draws (contested seats in kernel order).
  package convenience init(path: String, model: ForecastModel, outcomes: Bool) throws {
    try self.init(path: path, plan: model.plan, contestedIDs: model.plan.contestedIndices.map { model.inputs.districts[$0].id },
                  outcomes: outcomes)
  }
}
