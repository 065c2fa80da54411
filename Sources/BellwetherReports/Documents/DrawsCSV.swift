import BellwetherEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `draws.csv` (`bellwether run --export-draws-csv`): one row per draw, as The Economist publishes
/// its simulations. Columns: `draw` (0-based: block `draw / 1024`, draw `draw mod 1024` of it),
/// `environment` (the draw's national environment, points D minus R, 4 decimals),
/// `democratic_seats` (fixed seats included) and, with `--export-outcomes`, one column per seat of
/// `districts[]` in its order, headed by the seat's id: 1 when the Democrat won it in that draw, else 0
/// (a fixed seat's column is constant), so a row's seat columns sum to its `democratic_seats`.
///
/// It is made after the run from the run's `BWDRAW01` records (`DrawExportFile`, whose blocks are
/// placed by index), read in draw order, so its bytes are the same for any thread count. When it
/// would be larger than `gzipThreshold` bytes it is written gzip-compressed as `draws.csv.gz` instead
/// (through a `FileCompressor`: zlib is linked by BellwetherSources, above this layer). Documented in
/// docs/forecast-schema.md, "draws.csv".
package enum DrawsCSV {
  /// The file name, and its compressed form.
  package static let name = "draws.csv"
  package static let compressedName = "draws.csv.gz"
  /// Above this many bytes (16 MiB) the CSV is written compressed. 20,000 draws of the 2018 House
  /// with outcomes come to about 17.8 MB; without outcomes a million draws to about 20 MB.
  package static let gzipThreshold = 16 << 20

  /// The header line's fields.
  static func header(seatIDs: [String]?) -> [String] {
    ["draw", "environment", "democratic_seats"] + (seatIDs ?? []).map { CSVWriter.escape(DistrictsCSV.text($0)) }
  }

  /// Writes the CSV of a complete `BWDRAW01` file into `folder` under a hidden temporary name,
  /// compressed when larger than `threshold`, ready for `ReportWriter.write(_:into:prestaged:)`.
  /// - Parameters:
  ///   - binary: the run's draws file (made with outcomes for the per-seat columns).
  ///   - districts: the run's seats (`ForecastResult.districts`), for the per-seat columns' order.
  ///   - compressor: gzip, used above `threshold`.
  ///   - isCancelled: polled once a block while the CSV is written (not while it is compressed); true
  ///     removes what was staged and throws `ReportWriter.Cancelled`.
  /// - Returns: the staged file, `draws.csv` or `draws.csv.gz`, superseding the other name.
  /// - Throws: `InputError` when `binary` is not a draws file of these seats; `ReportWriter.WriteError`.
  /// - Complexity: O(draws × seats), reading and writing in chunks of one block; memory O(seats × 1024).
  package static func stage(from binary: String, districts: [DistrictForecast], into folder: String,
                            threshold: Int = gzipThreshold, compressor: any FileCompressor,
                            isCancelled: (@Sendable () -> Bool)? = nil) throws -> ReportWriter.StagedFile {
    guard let input = FileHandle(forReadingAtPath: binary) else {
      throw ReportWriter.WriteError(path: binary, reason: "cannot open the draws to convert them to \(name)")
    }
    defer { try? input.close() }
    let start = [UInt8](try input.read(upToCount: 60) ?? Data())
    var headerBytes = start
    if start.count == 60 {
      let length = Int(start[12]) | Int(start[13]) << 8 | Int(start[14]) << 16 | Int(start[15]) << 24
      if length > 60 { headerBytes += try input.read(upToCount: length - 60) ?? Data() }
    }
    let head = try DrawFileHeader(bytes: headerBytes, file: binary)
    // Each seat column: the contested seat's bit position, or the fixed seat's constant.
    enum Column { case bit(Int), constant(UInt8) }
    var columns: [Column]?
    if head.hasOutcomes {
      let position = Dictionary(uniqueKeysWithValues: head.contestedIDs.enumerated().map { ($1, $0) })
      columns = try districts.map { d in
        switch d.status {
        case .contested:
          guard let k = position[d.id] else {
            throw InputError(file: binary, field: "ids", expected: "contested seat \(d.id)", found: "no such id in the draws")
          }
          return .bit(k)
        case .fixed(let party): return .constant(party == .democratic ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }
      }
    }
    let plainPath = folder + "/" + name
    var written = 0
    let plain = try ReportWriter.stage(for: plainPath) { fd in
      var line = [UInt8]()
      line.reserveCapacity(SimulationPlan.blockSize * (32 + 2 * districts.count))
      line += Array((header(seatIDs: columns == nil ? nil : districts.map(\.id)).joined(separator: ",") + "\n").utf8)
      var draw = 0
      while draw < head.draws {
        if let isCancelled, isCancelled() { throw ReportWriter.Cancelled() }
        let count = min(SimulationPlan.blockSize, head.draws - draw)
        let chunk = [UInt8](try input.read(upToCount: count * head.recordLength) ?? Data())
        guard chunk.count == count * head.recordLength else {
          throw InputError(file: binary, field: "length", expected: "\(head.draws) records", found: "the file ends at draw \(draw + chunk.count / head.recordLength)")
        }
        for j in 0..<count {
          let base = j * head.recordLength
          var bits: UInt64 = 0
          for k in 0..<8 { bits |= UInt64(chunk[base + k]) << UInt64(8 * k) }
          var seats: UInt32 = 0
          for k in 0..<4 { seats |= UInt32(chunk[base + 8 + k]) << UInt32(8 * k) }
          appendInteger(draw + j, to: &line)
          line.append(UInt8(ascii: ","))
          appendFixed4(Double(bitPattern: bits), to: &line)
          line.append(UInt8(ascii: ","))
          appendInteger(Int(seats), to: &line)
          if let columns {
            for column in columns {
              line.append(UInt8(ascii: ","))
              switch column {
              case .bit(let d):
                line.append(chunk[base + 12 + d >> 3] & (UInt8(1) << UInt8(d & 7)) != 0 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
              case .constant(let c): line.append(c)
              }
            }
          }
          line.append(UInt8(ascii: "\n"))
        }
        try line.withUnsafeBytes { try ReportWriter.writeAll($0, to: fd, path: plainPath) }
        written += line.count
        line.removeAll(keepingCapacity: true)
        draw += count
      }
    }
    guard written > threshold else { return .init(name: name, temporary: plain, supersedes: [compressedName]) }
    defer { unlink(plain) }
    let compressed = try ReportWriter.stage(for: folder + "/" + compressedName) { fd in
      try compressor.compress(contentsOf: plain, into: fd, name: folder + "/" + compressedName)
    }
    return .init(name: compressedName, temporary: compressed, supersedes: [name])
  }

  /// Appends a non-negative integer's decimal digits.
  static func appendInteger(_ value: Int, to out: inout [UInt8]) {
    precondition(value >= 0)
    if value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = value, count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      while n > 0 {
        buffer[count] = UInt8(ascii: "0") + UInt8(n % 10)
        n /= 10
        count += 1
      }
      for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
    }
  }

  /// Appends `x` with 4 decimals, rounded to nearest (half away from zero): `-3.0500`, `12.3457`.
  static func appendFixed4(_ x: Double, to out: inout [UInt8]) {
    precondition(x.isFinite && abs(x) < 1e12, "a draw's environment is a finite number of points")
    let scaled = (x * 10_000).rounded()
    var units = Int64(scaled)
    if units < 0 {
      out.append(UInt8(ascii: "-"))
      units = -units
    }
    appendInteger(Int(units / 10_000), to: &out)
    out.append(UInt8(ascii: "."))
    let fraction = Int(units % 10_000)
    out.append(UInt8(ascii: "0") + UInt8(fraction / 1000))
    out.append(UInt8(ascii: "0") + UInt8(fraction / 100 % 10))
    out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
    out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
  }
}
