import ArgumentParser
import BellwetherSources

/// `bellwether import`: builds the project's own tables from the public data, one source adapter
/// per cycle (`ImportSources`).
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build config/<cycle>/ and config/national/ from the public tables in ../shared/data.",
    discussion: ExitCodes.discussion("""
      Each cycle is imported through its declared source, which reads: \(ImportSources.description)

      Every row of every table is validated before anything is written; the bad rows of a table (at most \
      20) are reported together, each with its file, line and field, and then nothing is written. Each \
      folder gets a PROVENANCE.md saying how every column was derived. Output is byte-identical on a rebuild.
      """))

  @Option(help: ArgumentHelp("Cycles to import, comma separated, of those with a source: \(ImportSources.cycles.map(String.init).joined(separator: ", ")) (default: all).", valueName: "list"),
          transform: { try CycleList.parse($0, allowed: ImportSources.cycles) })
  var cycles: CycleList = CycleList(ImportSources.cycles)

  @Option(help: ArgumentHelp("Folder holding the public data (history/, 2018/ and national/).", valueName: "dir"), completion: .directory)
  var source: String = BacktestSources.defaultFolder

  @Option(help: ArgumentHelp("The state table: state,name,region (Census divisions).", valueName: "file"), completion: .file())
  var regions: String = "config/census_divisions.csv"

  @Option(help: ArgumentHelp("Folder to write into.", valueName: "dir"), completion: .directory)
  var out: String = "config"

  func run() throws {
    try failingCleanly {
      let imported = try ImportSources.run(cycles: cycles.values, source: source, regions: regions, output: out)
      for tables in imported {
        for line in tables.summary { print(line) }
      }
      for tables in imported {
        for file in tables.files { print("wrote \(file.path)") }
      }
    }
  }
}
