import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports
#if canImport(Glibc)
import Glibc
#endif

/// `draws.csv` (docs/forecast-schema.md, "draws.csv"): one row per draw made from the run's binary
/// records, checked against the binary file read back by `DrawFile` and against the tallies, the same
/// bytes at 1 and 3 threads, and compressed above the threshold.
@Suite(.serialized)
struct DrawsCSVTests {
  /// A compressor that copies the file behind a marker line, so that the test sees it was used.
  struct MarkingCompressor: FileCompressor {
    func compress(contentsOf input: String, into output: Int32, name: String) throws {
      let bytes = Array("COMPRESSED\n".utf8) + [UInt8](try Data(contentsOf: URL(fileURLWithPath: input)))
      try bytes.withUnsafeBytes { try ReportWriter.writeAll($0, to: output, path: name) }
    }
  }

  /// Runs the small chamber with a scratch export, then stages and commits draws.csv into a folder.
  static func run(draws: Int, threads: Int, outcomes: Bool, threshold: Int = DrawsCSV.gzipThreshold,
                  folder: String) throws -> (ForecastResult, DrawFile, name: String, bytes: Data) {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs(draws: draws, seed: 11)).model(ForecastOptions())
    try ReportWriter.prepareFolder(folder)
    let scratch = try DrawExportFile(scratchIn: folder, for: DrawsCSV.name, model: model, outcomes: outcomes)
    defer { unlink(scratch.path) }
    let result = try #require(Forecaster.run(model, threads: threads, sink: scratch))
    try scratch.finish()
    let binary = try DrawFile(data: try Data(contentsOf: URL(fileURLWithPath: scratch.path)), file: scratch.path)
    let staged = try DrawsCSV.stage(from: scratch.path, districts: result.districts, into: folder, threshold: threshold,
                                    compressor: MarkingCompressor())
    try ReportWriter.write([], into: folder, prestaged: [staged])
    return (result, binary, staged.name, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + staged.name)))
  }

  @Test func rowsAreTheDrawsOfTheBinaryRecordsAndSeatColumnsSumToTheSeats() throws {
    let folder = try ScratchFolder()
    // 2,500 draws: two full blocks of 1,024 and a short third.
    let (result, binary, name, bytes) = try Self.run(draws: 2_500, threads: 2, outcomes: true, folder: folder.path)
    #expect(name == "draws.csv")
    let csv = try CSVTable(data: bytes, file: name)
    let ids = result.districts.map(\.id)
    #expect(csv.header == ["draw", "environment", "democratic_seats"] + ids)
    #expect(csv.rows.count == 2_500)
    let contested = Dictionary(uniqueKeysWithValues: binary.contestedIDs.enumerated().map { ($1, $0) })
    var wins = [Int](repeating: 0, count: ids.count)
    var majority = 0
    for (j, row) in csv.rows.enumerated() {
      #expect(row[0] == String(j))
      // 4 decimals: within half a unit of the last place of the binary's Float64.
      #expect(abs(try #require(Double(row[1])) - binary.environment[j]) <= 0.5e-4 + 1e-12, "draw \(j)")
      #expect(row[1].split(separator: ".").last?.count == 4)
      let seats = try #require(Int(row[2]))
      #expect(seats == Int(binary.democraticSeats[j]))
      if seats >= result.model.plan.majority { majority += 1 }
      var sum = 0
      for (k, d) in result.districts.enumerated() {
        let cell = row[3 + k]
        let expected: String
        switch d.status {
        case .contested: expected = binary.democraticWin(draw: j, seat: contested[d.id]!) ? "1" : "0"
        case .fixed(let party): expected = party == .democratic ? "1" : "0"
        }
        #expect(cell == expected, "draw \(j) seat \(d.id)")
        if cell == "1" { sum += 1; wins[k] += 1 }
      }
      #expect(sum == seats, "draw \(j): the seat columns sum to democratic_seats")
    }
    // The shares of the file are the run's figures exactly: counts over the same draws.
    #expect(Double(majority) / 2_500 == result.seats.majorityProbability)
    for (k, d) in result.districts.enumerated() { #expect(Double(wins[k]) / 2_500 == d.democraticWinProbability, "\(d.id)") }
  }

  @Test func withoutOutcomesThereAreThreeColumns() throws {
    let folder = try ScratchFolder()
    let (_, binary, _, bytes) = try Self.run(draws: 1_100, threads: 2, outcomes: false, folder: folder.path)
    let csv = try CSVTable(data: bytes, file: "draws.csv")
    #expect(csv.header == ["draw", "environment", "democratic_seats"])
    #expect(csv.rows.map { Int($0[2])! } == binary.democraticSeats.map(Int.init))
  }

  @Test func theFileIsTheSameBytesAtOneAndThreeThreads() throws {
    let a = try ScratchFolder(), b = try ScratchFolder()
    let one = try Self.run(draws: 5_000, threads: 1, outcomes: true, folder: a.path)
    let three = try Self.run(draws: 5_000, threads: 3, outcomes: true, folder: b.path)
    #expect(one.bytes == three.bytes && !one.bytes.isEmpty)
  }

  @Test func aFileAboveTheThresholdIsCompressedAndReplacesThePlainOne() throws {
    let folder = try ScratchFolder()
    let plain = try Self.run(draws: 1_500, threads: 2, outcomes: false, folder: folder.path)
    #expect(plain.name == "draws.csv")
    // The same draws with the threshold one byte below the plain file's size.
    let compressed = try Self.run(draws: 1_500, threads: 2, outcomes: false, threshold: plain.bytes.count - 1, folder: folder.path)
    #expect(compressed.name == "draws.csv.gz")
    #expect(compressed.bytes == Data("COMPRESSED\n".utf8) + plain.bytes)
    // The plain file of the earlier run is gone; at exactly the threshold it stays plain.
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/draws.csv"))
    let atThreshold = try Self.run(draws: 1_500, threads: 2, outcomes: false, threshold: plain.bytes.count, folder: folder.path)
    #expect(atThreshold.name == "draws.csv" && !FileManager.default.fileExists(atPath: folder.path + "/draws.csv.gz"))
    // No temporary or scratch file is left.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  @Test func aStoppedConversionThrowsCancelledAndLeavesNothingStaged() throws {
    let folder = try ScratchFolder()
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs(draws: 2_000, seed: 11)).model(ForecastOptions())
    let scratch = try DrawExportFile(scratchIn: folder.path, for: DrawsCSV.name, model: model, outcomes: true)
    let result = try #require(Forecaster.run(model, threads: 2, sink: scratch))
    try scratch.finish()
    #expect(throws: ReportWriter.Cancelled.self) {
      _ = try DrawsCSV.stage(from: scratch.path, districts: result.districts, into: folder.path, compressor: MarkingCompressor(),
                             isCancelled: { true })
    }
    unlink(scratch.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func fixedDecimalsAgreeWithPrintf() {
    // Values away from a rounding tie, where %.4f and the writer's rounding must agree.
    for x in [0.0, -0.0, 1.5, -3.05001, 12.34567, -60.0, 59.99994, 0.00004, -0.00004, 123.0001, -7.77777] {
      var out: [UInt8] = []
      DrawsCSV.appendFixed4(x, to: &out)
      let expected = String(format: "%.4f", x) == "-0.0000" ? "0.0000" : String(format: "%.4f", x)
      #expect(String(decoding: out, as: UTF8.self) == expected, "\(x)")
    }
    var out: [UInt8] = []
    for n in [0, 7, 10, 1023, 1_000_000_000] { DrawsCSV.appendInteger(n, to: &out); out.append(44) }
    #expect(String(decoding: out, as: UTF8.self) == "0,7,10,1023,1000000000,")
  }
}
