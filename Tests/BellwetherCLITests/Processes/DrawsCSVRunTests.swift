import Foundation
import Testing
import TestSupport

/// `bellwether run --export-draws-csv`: draws.csv (or draws.csv.gz above 16 MiB) in the output folder,
/// the same bytes at 1 and 3 threads, no scratch file left, and listed on report.html.
@Suite(.tags(.slow), .skippedInFastRuns)
struct DrawsCSVRunTests {
  static func run(_ extra: [String], threads: Int, out: String, in directory: String) throws -> [String: Data] {
    let outcome = try BellwetherProcess.run(["run", "--no-history", "--quiet", "--threads", String(threads), "--out", out,
                                             "--export-draws-csv"] + extra, in: directory)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return ScratchFolder.files(in: out).filter { !$0.key.hasPrefix(".bellwether.lock") }
  }

  @Test func theCompressedDrawsOfThe2018HouseAreTheSameBytesAtOneAndThreeThreads() throws {
    // 20,000 draws of 435 seat columns: about 17.7 MB of CSV, above the 16 MiB threshold.
    let folder = try ScratchFolder()
    let arguments = ["--draws", "20000", "--export-outcomes"]
    let one = try Self.run(arguments, threads: 1, out: folder.path + "/one", in: TestSupport.repositoryRoot)
    let three = try Self.run(arguments, threads: 3, out: folder.path + "/three", in: TestSupport.repositoryRoot)
    let gz = try #require(one["draws.csv.gz"])
    #expect(one["draws.csv"] == nil)
    #expect(gz == three["draws.csv.gz"])
    #expect(Array(gz.prefix(2)) == [0x1f, 0x8b])
    // Every file the same, and nothing hidden (no scratch or temporary file) left.
    #expect(one.keys.sorted() == three.keys.sorted())
    for (name, bytes) in one { #expect(bytes == three[name], "\(name)") }
    #expect(one.keys.filter { $0.hasPrefix(".") }.isEmpty, "\(one.keys.sorted())")
    // report.html lists every file of the run, national.csv and the draws included.
    let html = String(decoding: try #require(one["report.html"]), as: UTF8.self)
    for name in one.keys { #expect(html.contains("<code>\(name)</code>"), "\(name)") }
  }

  @Test func aSmallRunWritesPlainDrawsAndReplacesAnEarlierCompressedFile() throws {
    let folder = try ScratchFolder()
    let out = folder.path + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: out + "/draws.csv.gz", contents: Data("an earlier run's draws".utf8))
    let files = try Self.run(["--config", "valid/config.json5", "--draws", "3000"], threads: 3, out: out, in: BellwetherProcess.corpus)
    let text = String(decoding: try #require(files["draws.csv"]), as: UTF8.self)
    #expect(text.hasPrefix("draw,environment,democratic_seats\n0,"))
    #expect(text.split(separator: "\n").count == 3_001)
    #expect(files["draws.csv.gz"] == nil)
    let again = try Self.run(["--config", "valid/config.json5", "--draws", "3000"], threads: 1, out: folder.path + "/again",
                             in: BellwetherProcess.corpus)
    #expect(again["draws.csv"] == files["draws.csv"])
  }

  @Test func theDrawsCSVIsRefusedWithAShardAndATarget() throws {
    let shard = try BellwetherProcess.run(["run", "--config", "valid/config.json5", "--shard", "0/2", "--export-draws-csv",
                                           "--out", NSTemporaryDirectory() + "bw-never-\(getpid())"])
    #expect(shard.status != 0 && shard.stderr.contains("--export-draws-csv cannot be combined with --shard"), "\(shard.stderr)")
    let outcomes = try BellwetherProcess.run(["run", "--config", "valid/config.json5", "--export-outcomes",
                                              "--out", NSTemporaryDirectory() + "bw-never-\(getpid())"])
    #expect(outcomes.status == 64 && outcomes.stderr.contains("--export-draws-csv"), "\(outcomes.stderr)")
    #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "bw-never-\(getpid())"))
  }
}
