import Foundation
import Testing
import TestSupport

/// What the command line prints where, as separate processes: bare `bellwether` is help, not a
/// forecast; `--format json` prints the document written; a missing default config names --config.
@Suite(.tags(.slow), .skippedInFastRuns)
struct OutputStreamsTests {
  @Test func helpJSONAndTheMissingDefaultConfig() throws {
    let scratch = try ScratchFolder()
    // Bare: the help, exit 0, and no out/ written in the working folder.
    let bare = try BellwetherProcess.run([], in: scratch.path)
    #expect(bare.status == 0 && bare.stdout.contains("USAGE: bellwether <subcommand>") && bare.stdout.contains("Exit codes:"), "\(bare.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
    // Outside the repository the default config is missing: a usage error pointing to --config.
    let missing = try BellwetherProcess.run(["check-config"], in: scratch.path)
    #expect(missing.status == 64 && missing.stderr.contains("give --config FILE") && missing.stdout.isEmpty, "\(missing.stderr)")
    // run --format json: stdout is exactly the forecast.json written, and parses.
    let out = scratch.path + "/run"
    let run = try BellwetherProcess.run(["run", "--draws", "2000", "--threads", "1", "--no-history", "--format", "json", "--out", out],
                                        in: TestSupport.repositoryRoot)
    #expect(run.status == 0, "\(run.stderr)")
    let written = try String(contentsOfFile: out + "/forecast.json", encoding: .utf8)
    #expect(run.stdout == written + "\n")
    #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) is [String: Any])
    // --as-of before the series: the option is blamed, with the earliest usable date.
    let early = try BellwetherProcess.run(["calibrate", "--as-of", "2017-01-02"], in: TestSupport.repositoryRoot)
    #expect(early.status == 1 && early.stderr.hasPrefix("error: --as-of: ") && early.stderr.contains("earliest usable as-of date is"),
            "\(early.stderr)")
  }
}
