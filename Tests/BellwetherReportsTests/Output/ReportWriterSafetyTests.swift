import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherReports

/// The report writer's guarantees: folders and files as the umask allows, whole files or none, a stop before the
/// commit leaves the folder as it was, leftovers of killed runs are cleaned, names cannot be paths.
@Suite struct ReportWriterSafetyTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-writer-\(UUID().uuidString)").path

  func contents() throws -> [String: String] {
    var out: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      out[name] = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
    }
    return out
  }

  func permissions(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
  }


  /// This process's umask, read without changing it (`umask(2)` would, for every thread).
  static func currentUmask() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
    return try #require(Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8))
  }

  @Test func newFoldersAndReportsFollowTheUmaskAtEveryLevel() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.write([("a.txt", Data("1".utf8))], into: folder + "/nested/out")
    let mask = try Self.currentUmask()
    #expect(try permissions(folder) == 0o777 & ~mask)
    #expect(try permissions(folder + "/nested") == 0o777 & ~mask)
    #expect(try permissions(folder + "/nested/out") == 0o777 & ~mask)
    #expect(try permissions(folder + "/nested/out/a.txt") == 0o666 & ~mask)
  }

  @Test func aWriteReplacesEveryFileAndLeavesNoTemporary() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.write([("a.txt", Data("old a".utf8)), ("b.txt", Data("old b".utf8))], into: folder)
    try ReportWriter.write([("a.txt", Data("new a".utf8)), ("b.txt", Data("new b".utf8))], into: folder)
    #expect(try contents() == ["a.txt": "new a", "b.txt": "new b"])
  }

  @Test func aStopBeforeTheCommitLeavesTheFolderAsItWas() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.write([("a.txt", Data("old a".utf8)), ("b.txt", Data("old b".utf8))], into: folder)
    #expect(throws: ReportWriter.Cancelled.self) {
      try ReportWriter.write([("a.txt", Data("new a".utf8)), ("b.txt", Data("new b".utf8)), ("c.txt", Data("new c".utf8))],
                             into: folder, isCancelled: { true })
    }
    #expect(try contents() == ["a.txt": "old a", "b.txt": "old b"])
  }

  /// A report name taken by a folder is refused before any file is replaced: the set stays old.
  @Test func aFolderUnderAReportNameIsRefusedBeforeAnyRename() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.write([("a.txt", Data("old a".utf8))], into: folder)
    try FileManager.default.createDirectory(atPath: folder + "/b.txt", withIntermediateDirectories: false)
    #expect { try ReportWriter.write([("a.txt", Data("new a".utf8)), ("b.txt", Data("new b".utf8))], into: folder) } throws: {
      "\($0)" == "cannot write \(folder)/b.txt: it is a folder, so no report was replaced (remove it)"
    }
    try FileManager.default.removeItem(atPath: folder + "/b.txt")
    #expect(try contents() == ["a.txt": "old a"])
  }

  /// A symbolic link under a report's name is replaced by the report; its target is not touched.
  @Test func aLinkUnderAReportNameIsReplacedNotFollowed() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.prepareFolder(folder)
    let target = folder + ".target"
    defer { try? FileManager.default.removeItem(atPath: target) }
    try "outside".write(toFile: target, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/a.txt", withDestinationPath: target)
    try ReportWriter.write([("a.txt", Data("new a".utf8))], into: folder)
    #expect(try contents() == ["a.txt": "new a"])
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "outside")
  }

  /// A rename that fails halfway puts back the files already renamed: the old set, whole, and no
  /// temporary or backup left.
  @Test func aRenameThatFailsHalfwayRestoresTheOldSet() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.write([("a.txt", Data("old a".utf8)), ("b.txt", Data("old b".utf8)), ("c.txt", Data("old c".utf8))],
                           into: folder)
    let names = ["a.txt", "b.txt", "new.txt", "c.txt"]
    let staged = try names.map { (try ReportWriter.stage(Data("new \($0)".utf8), for: folder + "/" + $0), folder + "/" + $0) }
    var calls = 0
    #expect {
      try ReportWriter.commit(staged) { from, to in
        calls += 1
        if calls == 4 { errno = EPERM; return -1 }
        return rename(from, to)
      }
    } throws: { "\($0)" == "cannot write \(folder)/c.txt: Operation not permitted; the previous reports were restored" }
    #expect(try contents() == ["a.txt": "old a", "b.txt": "old b", "c.txt": "old c"])
    // And a commit that succeeds leaves only the new files.
    let again = try names.map { (try ReportWriter.stage(Data("new \($0)".utf8), for: folder + "/" + $0), folder + "/" + $0) }
    try ReportWriter.commit(again) { rename($0, $1) }
    #expect(try contents() == ["a.txt": "new a.txt", "b.txt": "new b.txt", "new.txt": "new new.txt", "c.txt": "new c.txt"])
  }

  @Test func temporariesOfADeadProcessAreRemovedAndOthersKept() throws {
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try ReportWriter.prepareFolder(folder)
    // A process id that is not running: a child that has exited and been reaped.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let dead = child.processIdentifier
    let live = getpid()
    for name in [".a.txt.tmp-\(dead)-1", ".a.txt.tmp-\(live)-2", ".other.tmp-\(dead)-3", "a.txt.tmp-\(dead)-4"] {
      _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("partial".utf8))
    }
    try ReportWriter.write([("a.txt", Data("a".utf8))], into: folder)
    #expect(Set(try contents().keys) == ["a.txt", ".a.txt.tmp-\(live)-2", ".other.tmp-\(dead)-3", "a.txt.tmp-\(dead)-4"])
  }

  @Test func aReportNameThatIsAPathStopsTheProcessBeforeWriting() async {
    await #expect(processExitsWith: .failure) {
      let target = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-escape-\(getpid())").path
      try? ReportWriter.write([("../escaped.txt", Data("x".utf8))], into: target)
    }
  }
}
