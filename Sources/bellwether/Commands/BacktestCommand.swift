import ArgumentParser
import BellwetherBacktest
import BellwetherEngine
import BellwetherSources
import Foundation

/// `bellwether backtest`: forecast past cycles as they stood on earlier dates and score them.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Forecast past cycles as of earlier dates and score them against their results (and published forecasts).",
    discussion: ExitCodes.discussion("""
      For each as-of date, builds the forecast with only the special elections held before that date and \
      the generic-ballot average of that date, simulates it, and scores it against the cycle's results \
      table (data.results in its config): mean and median seats against the seats won, the percentile of \
      the actual count, the chance of a majority, and per seat the Brier score, log loss, wrong favourites \
      and a reliability (calibration) table. Where published forecasts are shipped (2018: FiveThirtyEight's \
      Lite, Classic and Deluxe) they are scored on the same seats. Besides the default model the table shows \
      the environment from the prior alone and from the specials alone, the previous-House-result baseline, \
      and an in-sample diagnostic told the actual House vote. The protocol is docs/model.md §7.

      One cycle: --cycle YEAR (a shipped cycle: \(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))) \
      or --config FILE (any cycle whose config names data.results); writes backtest.md, backtest.json and \
      calibration.svg. Several: --cycles 2006,2010,2014,2018 runs each shipped cycle on its default dates, \
      writes each into OUT/<year>/, and the table across them into backtest-cycles.md, .json and .svg.

      With --format json stdout holds only the JSON just written: backtest.json (one cycle) or \
      backtest-cycles.json (--cycles), schemas in docs/backtest.md; notes and progress stay on stderr.
      """))

  @Option(name: .long, help: ArgumentHelp("A cycle config that names its results table, data.results (default: the shipped config of --cycle, else config/house-2018.json5).", valueName: "file"), completion: .file())
  var config: String?

  @Option(help: ArgumentHelp("A shipped cycle to backtest (\(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))).", valueName: "year"))
  var cycle: Int?

  @Option(help: ArgumentHelp("Comma-separated shipped cycles (\(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))) to backtest one after another and gather into one table.", valueName: "list"),
          transform: { try CycleList.parse($0, allowed: BacktestSources.shippedCycles) })
  var cycles: CycleList?

  @Option(name: .customLong("as-of"), parsing: .singleValue,
          help: ArgumentHelp("An as-of date, YYYY-MM-DD; repeat for several (default: Aug 1, Sep 1, Oct 1 and the day before the election; one cycle only).", valueName: "date"))
  var asOf: [CalendarDate] = []

  @Option(help: ArgumentHelp("Folder of the public data with the published forecasts (2018).", valueName: "dir"), completion: .directory)
  var source: String = BacktestSources.defaultFolder

  @Option(parsing: .unconditional, help: "Draws per forecast, 1...10^10 (each date runs every variant).")
  var draws: DrawCount = DrawCount(200_000)

  @OptionGroup var simulation: SimulationOptions

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
  var out: String = "out/backtest"

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Option(help: ArgumentHelp("What to print: text (the summary) or json (backtest.json, or backtest-cycles.json with --cycles, as written; schemas in docs/backtest.md).", valueName: "format"))
  var format: OutputFormat = .text

  func validate() throws {
    if cycles != nil && (cycle != nil || config != nil || !asOf.isEmpty) {
      throw ValidationError("--cycles runs the shipped cycles on their default dates: it takes no --cycle, --config or --as-of")
    }
    if let cycle, config == nil, !BacktestSources.shippedCycles.contains(cycle) {
      throw ValidationError("--cycle \(cycle) is not shipped (shipped: \(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))); for a cycle of your own give --config FILE")
    }
  }

  func run() throws {
    try failingCleanly {
      var stderr = StandardError()
      // Progress only to a terminal (a log or a pipe gets the notes and the results, not the progress).
      let progress: ((String) -> Void)? = quiet || isatty(2) == 0 ? nil : { print("backtest \($0)", to: &stderr) }
      if let cycles {
        let (reports, summary) = try CycleBacktests.run(cycles: cycles.values, folder: source, draws: draws.value,
                                                        seed: simulation.seed?.value, threads: simulation.threads.value,
                                                        progress: progress, note: { print("note: \($0)", to: &stderr) })
        let files = try CycleBacktests.write(reports, summary, to: out)
        if !quiet, format == .json {
          print(try Self.written(out + "/backtest-cycles.json"))
        } else if !quiet {
          print(CrossCycleMarkdown.render(summary))
          print(files.map { "wrote \($0)" }.joined(separator: "\n"))
        }
        return
      }
      let path = config ?? cycle.map(BacktestSources.configPath(cycle:)) ?? BacktestSources.configPath(cycle: 2018)
      let forecaster = try Forecaster(configPath: path)
      if let cycle, forecaster.config.chamber.cycle != cycle {
        throw ValidationError("--cycle \(cycle) but \(path) forecasts \(forecaster.config.chamber.cycle)")
      }
      let dates = asOf.isEmpty ? BacktestSources.defaultDates(for: forecaster.config.chamber) : asOf
      let data = try BacktestSources.load(for: forecaster, folder: source, dates: Set(dates),
                                          note: { print("note: \($0)", to: &stderr) })
      let report = try Backtest.run(forecaster: forecaster, data: data, dates: dates, draws: draws.value,
                                    seed: simulation.seed?.value, threads: simulation.threads.value, progress: progress)
      let files = try BacktestBundle.write(report, to: out)
      if !quiet, format == .json {
        print(try Self.written(out + "/backtest.json"))
      } else if !quiet {
        print(BacktestSummary.render(report, files: files))
      }
    }
  }

  /// The text of a file just written (what --format json prints: the document itself, not a copy).
  static func written(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
  }
}
