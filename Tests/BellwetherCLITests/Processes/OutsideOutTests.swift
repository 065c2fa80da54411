import Foundation
import Testing
import TestSupport
@testable import BellwetherHistory

/// Nothing under --out is followed out of it, no export overwrites a report, and the history row is
/// committed only once the reports are published (issue 14).
@Suite(.tags(.slow), .skippedInFastRuns, .serialized) struct OutsideOutTests {
  func run(_ out: String, _ extra: [String] = []) -> [String] {
    ["run", "--config", "valid/config.json5", "--out", out, "--draws", "2000", "--quiet"] + extra
  }

  @Test func aPlantedLockLinkIsRefusedAndItsTargetKept() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try "victim\n".write(toFile: scratch.path + "/victim.txt", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: out + "/.bellwether.lock", withDestinationPath: "../victim.txt")
    let outcome = try BellwetherProcess.run(run(out, ["--no-history"]))
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "error: cannot write \(out)/.bellwether.lock: it is a symbolic link; a run never follows a link out of its output folder (remove it)\n")
    #expect(try String(contentsOfFile: scratch.path + "/victim.txt", encoding: .utf8) == "victim\n")
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
  }

  @Test func aHistoryLinkUnderOutIsRefusedDanglingOrNot() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: out + "/history.sqlite", withDestinationPath: "../elsewhere.db")
    let outcome = try BellwetherProcess.run(run(out))
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "error: cannot write \(out)/history.sqlite: it is a symbolic link; a run never follows a link out of its output folder (remove it)\n")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/elsewhere.db"))
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
    // A link to its journal is refused too, and so is an explicit --history inside --out.
    try FileManager.default.removeItem(atPath: out + "/history.sqlite")
    try FileManager.default.createSymbolicLink(atPath: out + "/runs.db-journal", withDestinationPath: "../elsewhere.db")
    let journal = try BellwetherProcess.run(run(out, ["--history", out + "/runs.db"]))
    #expect(journal.status == 1)
    #expect(journal.stderr.contains("runs.db-journal: it is a symbolic link"))
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/elsewhere.db"))
  }

  @Test func anExportNamedLikeAReportIsRefusedBeforeRunning() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    let outcome = try BellwetherProcess.run(run(out, ["--no-history", "--export-draws", out + "/forecast.json"]))
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "error: --export-draws \(out)/forecast.json is the report forecast.json in the output folder \(out); "
      + "nothing was done. Give the draws another file name\n")
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
    // Spelt another way (through `.`), and the history database: refused the same.
    let dotted = try BellwetherProcess.run(run(out, ["--no-history", "--export-draws", out + "/./report.html"]))
    #expect(dotted.status == 1 && dotted.stderr.contains("is the report report.html"))
    let history = try BellwetherProcess.run(run(out, ["--export-draws", out + "/history.sqlite"]))
    #expect(history.status == 1 && history.stderr.contains("is the history database"))
    // Another name beside the reports is fine.
    #expect(try BellwetherProcess.run(run(out, ["--no-history", "--export-draws", out + "/draws.bin"])).status == 0)
  }

  @Test func aFailedPublishLeavesNoHistoryRow() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    // A folder under a report's name makes the rename fail.
    try FileManager.default.createDirectory(atPath: out + "/summary.md/inside", withIntermediateDirectories: true)
    let failed = try BellwetherProcess.run(run(out))
    #expect(failed.status == 1)
    #expect(failed.stderr == "error: cannot write \(out)/summary.md: it is a folder, so no report was replaced (remove it)\n")
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"), "no report of the set is published")
    let store = try HistoryStore(path: out + "/history.sqlite")
    #expect(try store.counts().runs == 0)

    // Published: one row, and the page's trend is the database's.
    try FileManager.default.removeItem(atPath: out + "/summary.md")
    #expect(try BellwetherProcess.run(run(out)).status == 0)
    #expect(try store.counts().runs == 1)
    let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
    #expect(html.contains("id=\"history\""))
  }

  @Test func aRunStoppedWhilePublishingLeavesNoHistoryRow() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    let stopped = try BellwetherProcess(run(out), environment: ["BELLWETHER_TEST_PAUSE_BEFORE_COMMIT": "300"])
    let staged = BellwetherProcess.waitFor("the reports to be staged") {
      ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).contains { $0.hasPrefix(".report.html.tmp-") }
    }
    stopped.signal(SIGTERM)
    let outcome = stopped.finish()
    guard staged else { return }
    #expect(outcome.status == 143)
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
    #expect(try HistoryStore(path: out + "/history.sqlite").counts().runs == 0)
  }

  /// SIGTERM while the model is being built exits at once with the message, not after the stage:
  /// the dense path's factorization (3,000 seats, `--factor cholesky`: LAPACK, which cannot poll),
  /// and a 60,000-seat chamber on the structured path (docs/model.md §3.2), signalled 1.5 s in,
  /// whichever stage it has reached (reading, the structured factor, or the draws, which poll).
  @Test(arguments: [(3000, "cholesky", 1), (60_000, "low-rank", 2_000_000_000)])
  func sigtermWhileFactoringExitsAtOnce(seats: Int, factor: String, draws: Int) throws {
    let scratch = try ScratchFolder()
    var rows = ["id,state,region,lean,incumbent,status,held_by,note"]
    for i in 0..<seats { rows.append("OH-\(i),OH,East North Central,\(Double(i % 6001) / 100 - 30),R,contested,R,") }
    try (rows.joined(separator: "\n") + "\n").write(toFile: scratch.path + "/districts.csv", atomically: true, encoding: .utf8)
    try "date,state,seat,level,margin,lean,shift,source\n".write(toFile: scratch.path + "/specials.csv", atomically: true, encoding: .utf8)
    var config = try String(contentsOfFile: BellwetherProcess.corpus + "/valid/config.json5", encoding: .utf8)
    config = config.replacingOccurrences(of: "seats: 6, majority: 4", with: "seats: \(seats), majority: \(seats / 2 + 1)")
      .replacingOccurrences(of: "../valid/districts.csv", with: "districts.csv").replacingOccurrences(of: "../valid/specials.csv", with: "specials.csv")
    try config.write(toFile: scratch.path + "/config.json5", atomically: true, encoding: .utf8)
    let out = scratch.path + "/out"
    let process = try BellwetherProcess(["run", "--config", "config.json5", "--out", out, "--draws", String(draws), "--factor", factor,
                                         "--no-history", "--quiet"], in: scratch.path)
    usleep(1_500_000)  // inputs read (a fraction of a second), factoring (several seconds in a debug build)
    let sent = Date()
    process.signal(SIGTERM)
    let outcome = process.finish()
    #expect(outcome.status == 143 && !outcome.signaled, "\(outcome.stderr)")
    #expect(outcome.stderr == "stopped by SIGTERM: nothing was written; the output folder is unchanged\n")
    #expect(Date().timeIntervalSince(sent) < 2, "exited \(Date().timeIntervalSince(sent)) s after the signal")
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
  }
}
