import ArgumentParser
import BellwetherDistributed
import BellwetherEngine
import Foundation

/// `bellwether sweep`: one run per point of a grid of prior values, gathered into one table.
struct Sweep: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Expand a grid of prior values into independent runs and gather their headline figures.",
    discussion: ExitCodes.discussion("""
      The grid file names a base config and lists of values for some of its keys (see docs/cluster.md). \
      Every combination becomes DIR/points/point-K.json, an ordinary config. By default each point is \
      run here into DIR/point-K/ and the table is written to DIR/sweep.md, DIR/sweep.csv and DIR/sweep.json \
      (the table goes to stdout: Markdown, or with --format json sweep.json's bytes). With \
      --configs-only the point configs are written and nothing is run: run them anywhere (each is \
      shardable: `bellwether run --config DIR/points/point-K.json --out DIR/point-K [--shard I/N]`, then \
      `bellwether merge`), and gather the table with --gather.
      """))

  @Argument(help: ArgumentHelp("The grid file (JSON5).", valueName: "grid"), completion: .file(extensions: ["json5", "json"]))
  var grid: String

  @Option(help: ArgumentHelp("Folder for point configs, point reports and the table.", valueName: "dir"), completion: .directory)
  var out: String = "out/sweep"

  @Option(parsing: .unconditional, help: "Draws per point, 1...10^10 (default: each point config's simulation.draws).")
  var draws: DrawCount?

  @Option(parsing: .unconditional, help: "Worker threads per point run. Never changes the result.")
  var threads: ThreadCount = .allCores

  @Flag(help: "Only write the point configs; run nothing.")
  var configsOnly = false

  @Flag(help: "Only gather the table from DIR/point-K/forecast.json written elsewhere (every missing point is listed).")
  var gather = false

  @Flag(help: "Print nothing but errors (the table is still written to DIR/sweep.md, DIR/sweep.csv and DIR/sweep.json).")
  var quiet = false

  @Option(help: ArgumentHelp("What to print: text (the Markdown table) or json (DIR/sweep.json as written, schema in docs/cluster.md).", valueName: "format"))
  var format: OutputFormat = .text

  func validate() throws {
    guard !(configsOnly && gather) else { throw ValidationError("--configs-only and --gather exclude each other") }
  }

  func run() throws {
    try failingCleanly {
      let sweep = try SweepGrid.load(path: grid)
      if !gather {
        // Notes and progress on stderr; the table alone on stdout.
        var stderr = StandardError()
        let configs = try sweep.writePointConfigs(into: out)
        if !quiet { print("wrote \(configs.count) point configs to \(out)/points", to: &stderr) }
        if configsOnly { return }
        try SweepRun.runPoints(configs, of: sweep, into: out, draws: draws?.value, threads: threads.value) { line in
          if !quiet { print(line, to: &stderr) }
        }
      }
      let table = try SweepRun.gather(sweep, in: out)
      guard !quiet else { return }
      switch format {
      case .text: print(table.markdown())
      case .json: print(String(decoding: try table.encoded(), as: UTF8.self))
      }
    }
  }
}
