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
}
