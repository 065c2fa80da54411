import ArgumentParser
import Foundation
import BellwetherDistributed
import BellwetherReports

/// `bellwether merge`: combines shard partials into the reports of one run.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge the partial results of a sharded run into the same reports as a single run.",
    discussion: """
      Checks that every partial belongs to the same run (same inputs, seed, draws, as-of date, factor) \
      and that together they cover every block exactly once; a missing, duplicated or foreign shard is \
      refused with the file named. The merged reports are byte-identical to a single-process run with \
      the same seed and draws. The config (and its tables) must be the ones the shards ran on.
      """)

  @Argument(help: ArgumentHelp("The partial-I-of-N.bwp files of every shard.", valueName: "partial"))
  var partials: [String]

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("Output folder for the reports.", valueName: "dir"))
  var out: String = "out"

  func validate() throws {
    guard !partials.isEmpty else { throw ValidationError("give at least one partial file") }
  }

  func run() throws {
    try failingCleanly {
      // A partial under a report's name in --out would be replaced by that report.
      for partial in partials where ReportWriter.isEntry(partial, of: out)
        && ReportBundle.reservedNames.contains((partial as NSString).lastPathComponent) {
        throw RunRefusal(description: "the partial \(partial) has the name of a report of the output folder \(out), which the merge "
          + "would replace; nothing was done. Rename the partial or use another --out")
      }
      let result = try ShardedRun.merge(partialPaths: partials, configPath: common.config)
      // One writer at a time per output folder, as for `run` (exit 75 when another holds it).
      let lock = try OutputLock.acquire(folder: out)
      defer { withExtendedLifetime(lock) {} }
      let files = try ReportBundle.write(result, to: out)
      print(TerminalSummary.render(result, files: files))
    }
  }
}

