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

  @Test func aTargetRunWritesTheFilesOfAPlainRunOfTheDrawsItReached() throws {
    // The 2018 House, P(majority) near 0.44: SE 0.0039 at 16,384 draws, 0.0027 at 32,768, so a
    // target of 0.003 stops at the second stage. Two threads against one, and against a plain run.
    let folder = try ScratchFolder()
    let target = try BellwetherProcess.run(["run", "--target-se", "0.003", "--threads", "2", "--no-history", "--out", folder.path + "/target"],
                                           in: TestSupport.repositoryRoot)
    #expect(target.status == 0, "\(target.stderr)")
    #expect(target.stdout.hasPrefix("target standard error 0.003 reached: 32,768 draws"), "\(target.stdout)")
    let plain = try BellwetherProcess.run(["run", "--draws", "32768", "--threads", "1", "--no-history", "--out", folder.path + "/plain"],
                                          in: TestSupport.repositoryRoot)
    #expect(plain.status == 0, "\(plain.stderr)")
    // Every report; not the output folder's lock file, which holds the process id.
    func reports(_ path: String) -> [String: Data] { ScratchFolder.files(in: path).filter { !$0.key.hasPrefix(".") } }
    let a = reports(folder.path + "/target"), b = reports(folder.path + "/plain")
    #expect(a.keys.sorted() == b.keys.sorted() && a.keys.contains("forecast.json"))
    for (name, bytes) in a { #expect(bytes == b[name], "\(name)") }
  }

  @Test func aBadEnvironmentExitsWithAUsageError() throws {
    let p = try Self.launch(["run", "--environment", "D5", "--no-history", "--out", NSTemporaryDirectory() + "bw-never-\(getpid())"])
    p.waitUntilExit()
    #expect(p.terminationStatus == 64)
    #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "bw-never-\(getpid())"))
  }
}
