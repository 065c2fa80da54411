import Foundation
import Testing
@testable import BellwetherReports

/// The output-folder lock: one holder at a time, released when the holder goes away.
@Suite struct OutputLockTests {
  @Test func aSecondHolderIsRefusedWithTheFirstOnesProcess() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-lock-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var first: OutputLock? = try OutputLock.acquire(folder: folder)
    #expect(first != nil)
    do {
      _ = try OutputLock.acquire(folder: folder)
      Issue.record("a second lock was granted")
    } catch let busy as OutputLock.Busy {
      #expect(busy.holder == getpid())
      #expect("\(busy)" == "another bellwether run (process \(getpid())) is writing to \(folder); nothing was done. "
        + "Try again when it has finished, or use another output folder (lock file: \(folder)/.bellwether.lock)")
    }
    first = nil
    #expect(throws: Never.self) { _ = try OutputLock.acquire(folder: folder) }
  }

  /// A symbolic link planted as the lock file is refused, never followed: its target (outside the
  /// folder) keeps its contents, dangling or not.
  @Test func aPlantedSymbolicLinkIsRefusedNotFollowed() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-lock-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: base) }
    let folder = base + "/out"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let victim = base + "/victim.txt"
    try "keep me\n".write(toFile: victim, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/.bellwether.lock", withDestinationPath: "../victim.txt")
    do {
      _ = try OutputLock.acquire(folder: folder)
      Issue.record("the lock followed a symbolic link")
    } catch let error as ReportWriter.WriteError {
      #expect("\(error)" == "cannot write \(folder)/.bellwether.lock: it is a symbolic link; a run never follows a link out of its output folder (remove it)")
    }
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n")
    // Dangling: no file is created at the target.
    try FileManager.default.removeItem(atPath: victim)
    #expect(throws: ReportWriter.WriteError.self) { _ = try OutputLock.acquire(folder: folder) }
    #expect(!FileManager.default.fileExists(atPath: victim))
  }

  /// A folder or FIFO under the lock's name is refused as not a regular file (and does not hang).
  @Test func aLockNameThatIsNotARegularFileIsRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-lock-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(mkfifo(folder + "/.bellwether.lock", 0o600) == 0)
    do {
      _ = try OutputLock.acquire(folder: folder)
      Issue.record("a FIFO was taken as the lock file")
    } catch let error as ReportWriter.WriteError {
      #expect("\(error)" == "cannot write \(folder)/.bellwether.lock: it exists and is not a regular file (remove it)")
    }
  }
}
