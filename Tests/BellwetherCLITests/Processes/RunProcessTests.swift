import Foundation
import Testing
import TestSupport
@testable import BellwetherHistory

/// `bellwether run` end to end, as separate processes: the history they share, and a usage error.
@Suite(.tags(.slow), .skippedInFastRuns)
struct RunProcessTests {
  static func launch(_ arguments: [String]) throws -> Process { try BellwetherProcess.launchSilently(arguments) }

  @Test func concurrentRunsAllReachTheHistory() throws {
    // Four `bellwether run` processes at once, writing the same database: four records, whole.
    let folder = NSTemporaryDirectory() + "bw-cli-history-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let db = folder + "/history.sqlite"
    let processes = try (0..<4).map { i in
      try Self.launch(["run", "--draws", "2000", "--seed", String(i + 1), "--threads", "1", "--quiet", "--out", folder + "/out\(i)",
                       "--history", db])
    }
    for p in processes {
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
    }
    let store = try HistoryStore(path: db)
    #expect(try store.counts() == (4, 4 * 435))
    #expect(Set(try store.seeds().values) == [1, 2, 3, 4])
    #expect(try store.integrityCheck() == "ok")
    #expect(try store.trend(chamber: "U.S. House 2018").count == 1)
    // The last run's report.html charts the history.
    let html = try String(contentsOfFile: folder + "/out0/report.html", encoding: .utf8)
    #expect(html.contains("id=\"history\""))
  }

  @Test func aBadEnvironmentExitsWithAUsageError() throws {
    let p = try Self.launch(["run", "--environment", "D5", "--no-history", "--out", NSTemporaryDirectory() + "bw-never-\(getpid())"])
    p.waitUntilExit()
    #expect(p.terminationStatus == 64)
    #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "bw-never-\(getpid())"))
  }
}
