import ArgumentParser
import Foundation
import Testing
@testable import bellwether
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

/// Parsing of the report, scenario and history options, and the commands end to end as processes.
struct ReportCommandsTests {
  @Test func runTakesAnEnvironmentScenario() throws {
    let run = try #require(try Bellwether.parseAsRoot(["run", "--environment", "D+5"]) as? Run)
    #expect(run.environment == "D+5")
    #expect(try #require(try Bellwether.parseAsRoot(["run", "--environment", "R+2.5"]) as? Run).environment == "R+2.5")
  }

  @Test(arguments: ["D5", "+5", "X+2", "D+100"])
  func runRefusesABadEnvironment(text: String) {
    do {
      _ = try Bellwether.parseAsRoot(["run", "--environment", text])
      Issue.record("accepted --environment \(text)")
    } catch {
      let message = Bellwether.message(for: error)
      #expect(message.contains("D+5") && message.contains("'\(text)'"), "\(message)")
    }
  }

  @Test func exportOutcomesNeedsExportDraws() throws {
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["run", "--export-outcomes"]) }
    let run = try #require(try Bellwether.parseAsRoot(["run", "--export-draws", "d.bin", "--export-outcomes", "--no-history"]) as? Run)
    #expect(run.exportDraws == "d.bin" && run.exportOutcomes && run.noHistory)
  }

  @Test func seatsCurveOptions() throws {
    let c = try #require(try Bellwether.parseAsRoot(["seats-curve", "--draws", "1000", "--range", "R+5..D+15", "--out", "x"]) as? SeatsCurveCommand)
    #expect(c.draws == 1000 && c.range == "R+5..D+15" && c.out == "x" && c.pointDraws == 10_000)
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["seats-curve", "--range", "D+15..R+5"]) }
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["seats-curve", "--point-draws", "5"]) }
  }

  @Test func historyOptions() throws {
    let h = try #require(try Bellwether.parseAsRoot(["history", "--backfill", "2018-08-01..2018-11-05"]) as? History)
    #expect(h.backfill == "2018-08-01..2018-11-05" && h.draws == 100_000 && h.history == "out/history.sqlite")
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["history", "--backfill", "2018-08-01"]) }
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["history", "--backfill", "2018-11-05..2018-08-01"]) }
  }

  // MARK: End to end, as separate processes

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
