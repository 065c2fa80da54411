import ArgumentParser
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
      let result = try ShardedRun.merge(partialPaths: partials, configPath: common.config)
      let files = try ReportBundle.write(result, to: out)
      print(TerminalSummary.render(result, files: files))
    }
  }
}
