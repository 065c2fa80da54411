import Foundation
import Testing
import TestSupport

/// Plays a cluster on this machine: shard processes started in parallel, one killed and retried,
/// then merged; the merged reports must equal a single process's byte for byte.
@Suite(.tags(.slow), .skippedInFastRuns)
struct ClusterPlayTests {
  static func launch(_ arguments: [String]) throws -> Process { try BellwetherProcess.launchSilently(arguments) }

  @Test func shardsInParallelWithOneKilledAndRetriedMergeToTheSingleRun() throws {
    #expect(FileManager.default.fileExists(atPath: BellwetherProcess.executable))
    let folder = NSTemporaryDirectory() + "bellwether-cluster-" + UUID().uuidString
    let common = ["run", "--draws", "40000", "--seed", "11", "--threads", "1", "--quiet"]
    var processes = try (0..<4).map { try Self.launch(common + ["--shard", "\($0)/4", "--out", folder + "/parts"]) }
    processes[2].terminate()  // SIGTERM at once: shard 2 dies before writing
    kill(processes[2].processIdentifier, SIGKILL)
    for p in processes { p.waitUntilExit() }
    #expect(processes[2].terminationStatus != 0 || processes[2].terminationReason == .uncaughtSignal)
    if FileManager.default.fileExists(atPath: folder + "/parts/partial-2-of-4.bwp") {
      try FileManager.default.removeItem(atPath: folder + "/parts/partial-2-of-4.bwp")  // it finished first: treat as lost
    }
    // The merge refuses the incomplete set, the retry completes it.
    let partials = (0..<4).map { folder + "/parts/partial-\($0)-of-4.bwp" }
    let refused = try Self.launch(["merge"] + partials.filter { !$0.contains("-2-of-") } + ["--out", folder + "/bad"])
    refused.waitUntilExit()
    #expect(refused.terminationStatus == 1)
    processes[2] = try Self.launch(common + ["--shard", "2/4", "--out", folder + "/parts"])
    processes[2].waitUntilExit()
    #expect(processes[2].terminationStatus == 0)
    let merge = try Self.launch(["merge"] + partials + ["--out", folder + "/merged"])
    let single = try Self.launch(common + ["--out", folder + "/single"])
    merge.waitUntilExit()
    single.waitUntilExit()
    #expect(merge.terminationStatus == 0 && single.terminationStatus == 0)
    for name in ["forecast.json", "districts.csv", "national.csv", "summary.md"] {
      let a = FileManager.default.contents(atPath: folder + "/merged/" + name)
      let b = FileManager.default.contents(atPath: folder + "/single/" + name)
      #expect(a != nil && a == b, "\(name) differs")
    }
    // `--format json` prints exactly the forecast.json it wrote (the single run's), alone on stdout;
    // `--quiet` prints nothing.
    let json = try BellwetherProcess.run(["merge"] + partials + ["--out", folder + "/json", "--no-history", "--format", "json"],
                                         in: TestSupport.repositoryRoot)
    #expect(json.status == 0, "\(json.stderr)")
    let singleJSON = try String(contentsOfFile: folder + "/single/forecast.json", encoding: .utf8)
    #expect(json.stdout == singleJSON + "\n")
    #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) is [String: Any])
    let quiet = try BellwetherProcess.run(["merge"] + partials + ["--out", folder + "/quiet", "--no-history", "--quiet"],
                                          in: TestSupport.repositoryRoot)
    #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
    // The merge recorded itself like a run: its folder's history holds the merged run.
    #expect(FileManager.default.fileExists(atPath: folder + "/merged/history.sqlite"))
    let trend = try BellwetherProcess.run(["history", "--out", folder + "/merged"], in: TestSupport.repositoryRoot)
    #expect(trend.status == 0 && trend.stdout.contains("2018-11-05"), "\(trend.stdout)\(trend.stderr)")
    // Reading a history that is not there (a mistyped --history) is an error, and creates nothing.
    let missing = try BellwetherProcess.run(["history", "--history", folder + "/typo.sqlite", "--out", folder + "/typo"],
                                            in: TestSupport.repositoryRoot)
    #expect(missing.status == 1 && missing.stderr.contains("no run-history database"), "\(missing.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/typo.sqlite") && !FileManager.default.fileExists(atPath: folder + "/typo"))
  }
}
