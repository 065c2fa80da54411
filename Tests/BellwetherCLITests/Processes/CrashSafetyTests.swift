import Foundation
import Testing
import TestSupport

/// Killing or stopping a `bellwether run` never damages the previous report, and never leaves a
/// partial file under a report's name; two runs against one folder never interleave.
///
/// Each test runs the built executable on the 6-seat chamber of `Tests/Malformed/valid`. A run that
/// must still be busy when the test acts either simulates two billion draws or pauses between staging
/// and renaming its files (`BELLWETHER_TEST_PAUSE_BEFORE_COMMIT`, which only sleeps).
@Suite(.tags(.slow), .skippedInFastRuns, .serialized) struct CrashSafetyTests {
  static let pause = "BELLWETHER_TEST_PAUSE_BEFORE_COMMIT"

  func run(_ out: String, seed: Int, draws: Int = 5000) -> [String] {
    ["run", "--config", "valid/config.json5", "--out", out, "--draws", String(draws), "--seed", String(seed), "--quiet", "--no-history"]
  }

  /// The visible files of a folder (what a reader takes for the report).
  func report(_ folder: String) -> [String: Data] {
    ScratchFolder.files(in: folder).filter { !$0.key.hasPrefix(".") }
  }

  func hidden(_ folder: String) -> [String] {
    ScratchFolder.files(in: folder).keys.filter { $0.hasPrefix(".") && $0 != ".bellwether.lock" }.sorted()
  }

  /// Whether the run holding `folder`'s lock is `process` (it has passed validation and owns the folder).
  func holdsLock(_ process: BellwetherProcess, _ folder: String) -> Bool {
    FileManager.default.contents(atPath: folder + "/.bellwether.lock").map { String(decoding: $0, as: UTF8.self) } == "\(process.pid)\n"
  }

  /// Whether every file of a report set is staged under its temporary name.
  func staged(_ folder: String, like reference: [String: Data]) -> Bool {
    let names = hidden(folder)
    return reference.keys.allSatisfy { name in names.contains { $0.hasPrefix(".\(name).tmp-") } }
  }

  @Test func sigkillWhileRenamingIntoPlaceLeavesThePreviousReport() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    #expect(try BellwetherProcess.run(run(out, seed: 1)).status == 0)
    let previous = report(out)
    #expect(previous.count >= 3 && previous["forecast.json"] != nil)

    let killed = try BellwetherProcess(run(out, seed: 2), environment: [Self.pause: "300"])
    guard BellwetherProcess.waitFor("the new report to be staged", { staged(out, like: previous) }) else { return }
    killed.signal(SIGKILL)
    let outcome = killed.finish()
    #expect(outcome.signaled && outcome.status == SIGKILL)
    #expect(report(out) == previous, "the previous report must be intact")
    #expect(hidden(out).count == previous.count, "the staged files stay hidden: \(hidden(out))")

    // The next run removes the dead run's temporary files and writes the new report in full.
    #expect(try BellwetherProcess.run(run(out, seed: 2)).status == 0)
    #expect(hidden(out).isEmpty)
    let fresh = scratch.path + "/fresh"
    #expect(try BellwetherProcess.run(run(fresh, seed: 2)).status == 0)
    #expect(report(out) == report(fresh))
    #expect(report(out) != previous)
  }

  @Test func sigkillWhileSimulatingLeavesThePreviousReport() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    #expect(try BellwetherProcess.run(run(out, seed: 1)).status == 0)
    let previous = report(out)

    let killed = try BellwetherProcess(run(out, seed: 2, draws: 2_000_000_000))
    guard BellwetherProcess.waitFor("the run to take the folder", { holdsLock(killed, out) }) else { return }
    usleep(200_000)
    killed.signal(SIGKILL)
    #expect(killed.finish().signaled)
    #expect(report(out) == previous)
    #expect(hidden(out).isEmpty)
  }

  @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
  func sigintAndSigtermStopCleanlyWhileSimulating(_ number: Int32, _ name: String) throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    #expect(try BellwetherProcess.run(run(out, seed: 1)).status == 0)
    let previous = report(out)

    let stopped = try BellwetherProcess(run(out, seed: 2, draws: 2_000_000_000))
    guard BellwetherProcess.waitFor("the run to take the folder", { holdsLock(stopped, out) }) else { return }
    usleep(200_000)
    stopped.signal(number)
    let outcome = stopped.finish()
    #expect(!outcome.signaled && outcome.status == 128 + number)
    #expect(outcome.stderr == "stopped by \(name): nothing was written; the output folder is unchanged\n")
    #expect(report(out) == previous)
    #expect(hidden(out).isEmpty)
  }

  @Test func sigtermAfterStagingDiscardsTheStagedFiles() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    #expect(try BellwetherProcess.run(run(out, seed: 1)).status == 0)
    let previous = report(out)

    let stopped = try BellwetherProcess(run(out, seed: 2), environment: [Self.pause: "120"])
    guard BellwetherProcess.waitFor("the new report to be staged", { staged(out, like: previous) }) else { return }
    stopped.signal(SIGTERM)
    let outcome = stopped.finish()
    #expect(!outcome.signaled && outcome.status == 143)
    #expect(report(out) == previous)
    #expect(hidden(out).isEmpty, "staged files must be removed: \(hidden(out))")
  }

  @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheFolder() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    #expect(try BellwetherProcess.run(run(out, seed: 1)).status == 0)
    let previous = report(out)
    // The first run holds the folder, paused with its report staged, for as long as the test needs.
    let first = try BellwetherProcess(run(out, seed: 3), environment: [Self.pause: "120"])
    guard BellwetherProcess.waitFor("the first run to stage its report", { holdsLock(first, out) && staged(out, like: previous) }) else { return }
    let second = try BellwetherProcess.run(run(out, seed: 4))
    #expect(second.status == 75)
    #expect(second.stderr == "error: another bellwether run (process \(first.pid)) is writing to \(out); nothing was done. "
      + "Try again when it has finished, or use another output folder (lock file: \(out)/.bellwether.lock)\n")
    #expect(report(out) == previous)
    // Once the first run is gone (stopped here), the folder is free again.
    first.signal(SIGTERM)
    #expect(first.finish().status == 143)
    #expect(try BellwetherProcess.run(run(out, seed: 4)).status == 0)
    let reference = scratch.path + "/reference"
    #expect(try BellwetherProcess.run(run(reference, seed: 4)).status == 0)
    #expect(report(out) == report(reference))
    #expect(hidden(out).isEmpty)
  }

  @Test func twoRunsStartedTogetherBothCompleteOrOneRefuses() throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    let a = try BellwetherProcess(run(out, seed: 5, draws: 200_000))
    let b = try BellwetherProcess(run(out, seed: 5, draws: 200_000))
    let outcomes = [a.finish(), b.finish()]
    #expect(outcomes.contains { $0.status == 0 })
    for outcome in outcomes where outcome.status != 0 {
      #expect(outcome.status == 75 && outcome.stderr.contains("another bellwether run"), "\(outcome.stderr)")
    }
    let reference = scratch.path + "/reference"
    #expect(try BellwetherProcess.run(run(reference, seed: 5, draws: 200_000)).status == 0)
    #expect(report(out) == report(reference))
    #expect(hidden(out).isEmpty)
  }
}
