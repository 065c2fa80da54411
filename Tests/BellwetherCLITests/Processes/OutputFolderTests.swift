import Foundation
import Testing
import TestSupport

/// Where `bellwether run` writes: only into its output folder, created as the umask allows, the history owner-only.
@Suite(.tags(.slow), .skippedInFastRuns, .serialized) struct OutputFolderTests {
  func permissions(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
  }


  /// This process's umask, read without changing it (`umask(2)` would, for every thread).
  static func currentUmask() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
    return try #require(Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
  }

  @Test func reportsFollowTheUmaskAndTheHistoryStaysPrivate() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/nightly/2018"
    let outcome = try BellwetherProcess.run(["run", "--config", "valid/config.json5", "--out", out, "--draws", "2000", "--quiet"])
    #expect(outcome.status == 0)
    // The child inherits this process's umask.
    let mask = try Self.currentUmask()
    #expect(try permissions(scratch.path + "/nightly") == 0o777 & ~mask)
    #expect(try permissions(out) == 0o777 & ~mask)
    var names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
    #expect(names.remove("history.sqlite") != nil && names.contains("report.html"))
    #expect(try permissions(out + "/history.sqlite") == 0o600)
    #expect(try permissions(out + "/.bellwether.lock") == 0o600)
    for name in names where !name.hasPrefix(".") && !name.hasPrefix("history.sqlite") {
      #expect(try permissions(out + "/" + name) == 0o666 & ~mask, "\(name)")
    }
  }

  @Test func configPathsThatClimbOutOfTheirFolderAreOnlyRead() throws {
    // A config whose data paths use `..` and an absolute path: they are read, and the only files
    // that change anywhere in the sandbox (config folder and working directory included) are in out/.
    let scratch = try ScratchFolder()
    let sandbox = scratch.path
    try FileManager.default.createDirectory(atPath: sandbox + "/cfg/deeper", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: sandbox + "/data", withIntermediateDirectories: true)
    for name in ["districts.csv", "specials.csv"] {
      try FileManager.default.copyItem(atPath: BellwetherProcess.corpus + "/valid/" + name, toPath: sandbox + "/data/" + name)
    }
    var config = try String(contentsOfFile: BellwetherProcess.corpus + "/valid/config.json5", encoding: .utf8)
    config = config.replacingOccurrences(of: "\"../valid/districts.csv\"", with: "\"../../data/districts.csv\"")
    config = config.replacingOccurrences(of: "\"../valid/specials.csv\"", with: "\"\(sandbox)/data/../data/specials.csv\"")
    try config.write(toFile: sandbox + "/cfg/deeper/config.json5", atomically: false, encoding: .utf8)
    let before = ScratchFolder.files(in: sandbox)

    let outcome = try BellwetherProcess.run(["run", "--config", "deeper/config.json5", "--out", "../out", "--draws", "2000", "--quiet"],
                                            in: sandbox + "/cfg")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let after = ScratchFolder.files(in: sandbox)
    let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }
    #expect(!changed.isEmpty)
    #expect(changed.allSatisfy { $0.hasPrefix("out/") }, "changed outside out/: \(changed.sorted())")
  }
}
