import ArgumentParser
import BellwetherSources

/// `bellwether import`: builds the project's own tables from the public 2018 data.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build config/2018 and config/national from the public tables in ../shared/data.",
    discussion: """
      Reads 2018/districts_2018.csv, 2018/specials_federal_2017_2018.csv, \
      2018/specials_538_all_2017_2018_clean.csv, 2018/national_2018.csv and the national series, \
      validates every row, and writes the engine's tables with a PROVENANCE.md. A bad row stops the \
      import with its file, line and field; nothing is written.
      """)

  @Option(help: ArgumentHelp("Folder holding the public data (2018/ and national/).", valueName: "dir"))
  var source: String = BacktestSources.defaultFolder

  @Option(help: ArgumentHelp("The state table: state,name,region (Census divisions).", valueName: "file"))
  var regions: String = "config/census_divisions.csv"

  @Option(help: ArgumentHelp("Folder to write into.", valueName: "dir"))
  var out: String = "config"

  func run() throws {
    try failingCleanly {
      let summary = try House2018Importer(source: source, regions: regions, output: out).run()
      print("imported \(summary.districts) seats (\(summary.contested) contested) and \(summary.specials) specials")
      if !summary.skipped.isEmpty { print("skipped: " + summary.skipped.joined(separator: "; ")) }
      for file in summary.files { print("wrote \(file)") }
    }
  }
}
