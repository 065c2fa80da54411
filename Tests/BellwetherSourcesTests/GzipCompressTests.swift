import Foundation
import Testing
@testable import BellwetherReports
@testable import BellwetherSources
#if canImport(Glibc)
import Glibc
#endif

/// `Gzip.compress`, the writer of draws.csv.gz: read back by the system's `gzip -dc` (an independent
/// implementation) and by `Gzip.decompress`, over several 1 MiB chunks, with the same bytes each time.
struct GzipCompressTests {
  static func compressed(_ input: String, into output: String) throws {
    let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #expect(fd >= 0)
    defer { close(fd) }
    try Gzip.FileCompressor().compress(contentsOf: input, into: fd, name: output)
  }

  @Test func gzipReadsBackWhatWasCompressedAcrossChunks() throws {
    let folder = NSTemporaryDirectory() + "bw-gzip-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // 3.3 MB of draws-like rows with pseudo-random 0/1 columns: more than three input chunks.
    var text = "draw,environment,democratic_seats\n"
    var state: UInt64 = 12345
    for j in 0..<60_000 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      text += "\(j),\(Double(state >> 40) / 1e4),\(state >> 56)," + (0..<20).map { String((state >> UInt64($0 + 3)) & 1) }.joined(separator: ",") + "\n"
    }
    let input = folder + "/draws.csv"
    try Data(text.utf8).write(to: URL(fileURLWithPath: input))
    try Self.compressed(input, into: folder + "/a.gz")
    try Self.compressed(input, into: folder + "/b.gz")
    let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.gz"))
    #expect(a == (try Data(contentsOf: URL(fileURLWithPath: folder + "/b.gz"))))
    #expect(a.count < text.utf8.count / 2)
    // RFC 1952 header: magic, deflate, no flags, modification time 0.
    #expect(Array(a.prefix(8)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
    #expect(try Gzip.decompress(a, file: "a.gz") == Data(text.utf8))
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = ["-dc", folder + "/a.gz"]
    let pipe = Pipe()
    gzip.standardOutput = pipe
    try gzip.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    #expect(output == Data(text.utf8))
  }

  @Test func anEmptyFileCompressesToAnEmptyMember() throws {
    let path = NSTemporaryDirectory() + "bw-gzip-empty-\(getpid())"
    FileManager.default.createFile(atPath: path, contents: Data())
    defer { unlink(path); unlink(path + ".gz") }
    try Self.compressed(path, into: path + ".gz")
    #expect(try Gzip.decompress(try Data(contentsOf: URL(fileURLWithPath: path + ".gz")), file: "empty.gz").isEmpty)
  }

  @Test func aMissingInputIsAnErrorNamingIt() {
    #expect(throws: ReportWriter.WriteError.self) { try Self.compressed("/nonexistent/draws.csv", into: "/dev/null") }
  }
}
