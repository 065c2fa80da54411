import BellwetherEngine
import BellwetherReports
import Foundation

/// One shard's share of a run (`bellwether run --shard I/N`): the run's identity, which blocks it
/// simulated, and their integer tallies, which add exactly. Schema `bellwether.partial/3`; the file
/// format is described at `encoded()`.
package struct PartialResult: Sendable {
  package static let schemaName = "bellwether.partial/3"

  package var schema: String
  package var identity: RunIdentity
  package var shard: Simulator.Shard
  /// The blocks this partial holds (those b with b % shard.count == shard.index).
  package var blockCount: Int
  package var tallies: Tallies

  /// A partial from a shard's tallies.
  package init(identity: RunIdentity, shard: Simulator.Shard, blockCount: Int, tallies: Tallies) {
    schema = PartialResult.schemaName
    self.identity = identity
    self.shard = shard
    self.blockCount = blockCount
    self.tallies = tallies
  }

  /// The blocks this partial covers.
  package var blocks: [Int] { Array(shard.blocks(of: blockCount)) }

  /// The conventional file name for a shard's partial.
  package static func fileName(for shard: Simulator.Shard) -> String {
    "partial-\(shard.index)-of-\(shard.count).bwp"
  }

  /// Writes the partial atomically into `folder` under its conventional name.
  /// - Parameter isCancelled: checked once the file is staged; true leaves the folder unchanged and
  ///   throws `ReportWriter.Cancelled`.
  /// - Returns: the path written.
  package func write(into folder: String, isCancelled: (@Sendable () -> Bool)? = nil) throws -> String {
    let name = PartialResult.fileName(for: shard)
    try ReportWriter.write([(name, try encoded())], into: folder, isCancelled: isCancelled)
    return folder + "/" + name
  }

  /// The file's first line.
  static let magic = "BELLWETHER-PARTIAL/1\n"

  /// The header: everything but the count arrays.
  struct Header: Codable {
    var schema: String
    var identity: RunIdentity
    var shard: Simulator.Shard
    var blockCount: Int
    var draws: Int
    var environmentSum: Int
    var binsPerRow: Int
    var lengths: [Int]
  }

  /// The start of the last line: `sha256:` and 64 hex digits of SHA-256 of every byte before it.
  package static let checksumPrefix = "sha256:"
  /// The checksum line's length: prefix, 64 hex digits, newline.
  package static var checksumLineLength: Int { checksumPrefix.utf8.count + 65 }

  /// Compact binary form: the magic line, a JSON header line (sorted keys), then the count arrays
  /// (seat counts, wins, offset histogram, tipping, environment x seats) as LEB128 varints, then a
  /// last line `sha256:HEX` with the SHA-256 of everything before it. Counts are non-negative and
  /// mostly small, so a partial of the 2018 model is a few hundred KB, and it reads back with no
  /// JSON parsing of the arrays.
  package func encoded() throws -> Data {
    let t = tallies
    let arrays = [t.seatCounts, t.wins, t.offsetHistogram, t.tipping, t.environmentSeats]
    let header = Header(schema: schema, identity: identity, shard: shard, blockCount: blockCount, draws: t.draws,
                        environmentSum: t.environmentSum, binsPerRow: t.binsPerRow, lengths: arrays.map(\.count))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var data = Data(PartialResult.magic.utf8)
    data.append(try encoder.encode(header))
    data.append(UInt8(ascii: "\n"))
    var bytes: [UInt8] = []
    bytes.reserveCapacity(arrays.map(\.count).reduce(0, +) * 2)
    for array in arrays {
      for value in array {
        precondition(value >= 0, "tallies are non-negative counts")
        var v = UInt64(value)
        while v >= 0x80 {
          bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
          v >>= 7
        }
        bytes.append(UInt8(v))
      }
    }
    data.append(contentsOf: bytes)
    data.append(contentsOf: Array((PartialResult.checksumPrefix + SHA256.hex(data) + "\n").utf8))
    return data
  }

  /// Reads a partial.
  /// - Throws: `InputError` naming the file if it is not a complete partial.
  package static func read(path: String) throws -> PartialResult {
    // A folder, a FIFO or a device is named as such and never read (a FIFO would hang the merge).
    try read(data: InputFile.read(path, expected: "a partial result file"), file: path)
  }

  /// Reads a partial from its bytes (`file` names it in messages).
  /// - Throws: `InputError` naming `file` if the bytes are not a complete, consistent partial.
  package static func read(data: Data, file path: String) throws -> PartialResult {
    let bytes = [UInt8](data)
    let magic = Array(PartialResult.magic.utf8)
    let expectedPartial = "a Bellwether partial (first line \(PartialResult.magic.dropLast()))"
    guard !bytes.isEmpty else { throw InputError(file: path, expected: expectedPartial, foundDescription: "an empty file") }
    guard bytes.starts(with: magic) || magic.starts(with: bytes) else {
      throw InputError(file: path, expected: expectedPartial, found: "something else")
    }
    guard bytes.count > magic.count, let newline = bytes[magic.count...].firstIndex(of: UInt8(ascii: "\n")) else {
      throw InputError(file: path, expected: expectedPartial + " whose header line is complete",
                       foundDescription: "a truncated file of \(bytes.count) bytes (run the shard again)")
    }
    // The schema first, so that a partial of another format version is named as such.
    struct SchemaOnly: Decodable { var schema: String }
    let headerLine = Data(bytes[magic.count..<newline])
    if let found = try? JSONDecoder().decode(SchemaOnly.self, from: headerLine), found.schema != schemaName {
      throw InputError(file: path, line: 2, field: "schema", expected: schemaName + " (written by this engine version)",
                       found: found.schema)
    }
    // Then the checksum: a flipped bit anywhere (header or counts) is refused, never merged.
    let damaged = "a partial whose last line is the SHA-256 of its contents (a shard writes it; run the shard again)"
    guard bytes.count >= newline + 1 + checksumLineLength else {
      throw InputError(file: path, expected: damaged, foundDescription: "a truncated or corrupt file (no checksum line)")
    }
    let bodyEnd = bytes.count - checksumLineLength
    let trailer = String(decoding: bytes[bodyEnd...], as: UTF8.self)
    guard trailer.hasPrefix(checksumPrefix), trailer.hasSuffix("\n") else {
      throw InputError(file: path, expected: damaged, foundDescription: "a truncated or corrupt file (no checksum line)")
    }
    guard trailer.dropFirst(checksumPrefix.count).dropLast() == SHA256.hex(bytes[..<bodyEnd]) else {
      throw InputError(file: path, expected: damaged,
                       foundDescription: "a checksum that does not match the contents: the file is corrupt")
    }
    let header: Header
    do { header = try JSONDecoder().decode(Header.self, from: headerLine) } catch {
      throw InputError(file: path, line: 2, expected: "a partial header", found: "\(error)")
    }
    guard header.lengths.count == 5 else {
      throw InputError(file: path, line: 2, field: "lengths", expected: "5 count arrays", found: "\(header.lengths.count)")
    }
    guard header.shard.count >= 1, (0..<header.shard.count).contains(header.shard.index) else {
      throw InputError(file: path, line: 2, field: "shard", expected: "a shard I of N with 0 <= I < N",
                       found: "\(header.shard.index) of \(header.shard.count)")
    }
    // The engine's block size and stream version: another engine's partial drew other streams.
    guard header.identity.blockSize == SimulationPlan.blockSize, header.identity.streamVersion == SimulationPlan.streamVersion else {
      throw InputError(file: path, line: 2, field: "identity",
                       expected: "a partial of this engine (block size \(SimulationPlan.blockSize), stream version \(SimulationPlan.streamVersion))",
                       found: "block size \(header.identity.blockSize), stream version \(header.identity.streamVersion)")
    }
    let runDraws = header.identity.draws
    guard (1...ForecastConfig.maximumDraws).contains(runDraws) else {
      throw InputError(file: path, line: 2, field: "identity.draws", expected: "a run of 1...\(ForecastConfig.maximumDraws) draws",
                       found: String(runDraws))
    }
    let blockSize = SimulationPlan.blockSize
    let blockCount = (runDraws + blockSize - 1) / blockSize
    guard header.blockCount == blockCount else {
      throw InputError(file: path, line: 2, field: "blockCount", expected: "\(blockCount) blocks of \(blockSize) for the run's \(runDraws) draws",
                       found: String(header.blockCount))
    }
    // The shard's draws are exactly those of its blocks (every block full but the run's last).
    let shardBlocks = header.shard.index < blockCount ? (blockCount - 1 - header.shard.index) / header.shard.count + 1 : 0
    let holdsLast = shardBlocks > 0 && (blockCount - 1) % header.shard.count == header.shard.index
    let shardDraws = shardBlocks * blockSize - (holdsLast ? blockCount * blockSize - runDraws : 0)
    guard header.draws == shardDraws else {
      throw InputError(file: path, line: 2, field: "draws",
                       expected: "the \(shardDraws) draws of shard \(header.shard.index)/\(header.shard.count)'s \(shardBlocks) blocks",
                       found: String(header.draws))
    }
    // Every count takes at least one byte: lengths beyond the body are refused before any allocation.
    guard header.lengths.allSatisfy({ $0 >= 0 }),
          header.lengths.reduce(0, { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }) <= bodyEnd - (newline + 1) else {
      throw InputError(file: path, line: 2, field: "lengths", expected: "array lengths the body of \(bodyEnd - newline - 1) bytes can hold",
                       found: header.lengths.map(String.init).joined(separator: ", "))
    }
    var position = newline + 1
    var arrays: [[Int]] = []
    for length in header.lengths {
      var array = [Int](repeating: 0, count: length)
      for i in 0..<length {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
          guard position < bodyEnd, shift < 64 else {
            throw InputError(file: path, expected: "\(header.lengths.reduce(0, +)) counts", found: "a truncated or corrupt file")
          }
          let byte = bytes[position]
          position += 1
          value |= UInt64(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        guard value <= UInt64(Int.max) else { throw InputError(file: path, expected: "counts that fit in 64 bits", found: "\(value)") }
        array[i] = Int(value)
      }
      arrays.append(array)
    }
    guard position == bodyEnd else {
      throw InputError(file: path, expected: "the end of the partial", found: "\(bodyEnd - position) extra bytes")
    }
    try checkShapes(header, arrays, path: path)
    let tallies = Tallies(draws: header.draws, seatCounts: arrays[0], wins: arrays[1], offsetHistogram: arrays[2],
                          binsPerRow: header.binsPerRow, tipping: arrays[3], environmentSeats: arrays[4],
                          environmentSum: header.environmentSum)
    return PartialResult(identity: header.identity, shard: header.shard, blockCount: header.blockCount, tallies: tallies)
  }

  /// The header's counts against the arrays: every draw is in exactly one seat count and one
  /// environment row, wins and tipping counts are per contested seat and at most the draws, the
  /// histograms have whole rows.
  static func checkShapes(_ header: Header, _ arrays: [[Int]], path: String) throws {
    func refuse(_ field: String, _ expected: String, _ found: String) -> InputError {
      InputError(file: path, line: 2, field: field, expected: expected, found: found)
    }
    let (seatCounts, wins, offsets, tipping, environment) = (arrays[0], arrays[1], arrays[2], arrays[3], arrays[4])
    let draws = header.draws
    // Sums that would overflow are refused (a report adds these counts with trapping arithmetic).
    func sum(_ counts: [Int]) -> Int? {
      var total = 0
      for count in counts {
        let (next, overflow) = total.addingReportingOverflow(count)
        if overflow { return nil }
        total = next
      }
      return total
    }
    guard (0...ForecastConfig.maximumDraws).contains(draws) else {
      throw refuse("draws", "a number of draws in 0...\(ForecastConfig.maximumDraws)", String(draws))
    }
    let seatTotal = sum(seatCounts)
    guard !seatCounts.isEmpty, seatTotal == draws else {
      throw refuse("draws", "the number of draws the seat counts add up to (\(seatTotal.map(String.init) ?? "more than 2^63"))", String(draws))
    }
    let environmentTotal = sum(environment)
    guard environment.count % seatCounts.count == 0, environmentTotal == draws else {
      throw refuse("lengths", "environment rows of \(seatCounts.count) seat counts adding up to the \(draws) draws",
                   "\(environment.count) counts adding up to \(environmentTotal.map(String.init) ?? "more than 2^63")")
    }
    guard wins.count == tipping.count, wins.allSatisfy({ $0 <= draws }), let tippingTotal = sum(tipping), tippingTotal <= draws else {
      throw refuse("lengths", "wins and tipping counts per contested seat, each at most the \(draws) draws",
                   "\(wins.count) wins and \(tipping.count) tipping counts")
    }
    guard header.binsPerRow > 0, offsets.count % header.binsPerRow == 0 else {
      throw refuse("binsPerRow", "a positive number of bins dividing the offset histogram's \(offsets.count) counts",
                   String(header.binsPerRow))
    }
    guard sum(offsets) != nil else {
      throw refuse("lengths", "offset histogram counts whose sum fits in 64 bits", "counts adding up to more than 2^63")
    }
  }
}
