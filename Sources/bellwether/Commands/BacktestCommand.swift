import ArgumentParser
import BellwetherBacktest
import BellwetherEngine
import BellwetherSources
import Foundation

/// `bellwether backtest`: forecast a past cycle as it stood on earlier dates and score it.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Forecast a past cycle as of earlier dates and score it against the results and published forecasts.",
    discussion: """
      For each as-of date, builds the forecast with only the special elections held before that date and \
      the generic-ballot average of that date, simulates it, and scores it against the actual results: \
      mean and median seats against the seats won, the percentile of the actual count, the chance of a \
      majority, and per seat the Brier score, log loss, wrong favourites and a reliability (calibration) table. \
      The published forecasts of the same date (for 2018, FiveThirtyEight's Lite, Classic and Deluxe) are \
      scored on the same seats. Besides the default model the table shows the environment from the prior \
      alone and from the specials alone, the previous-House-result baseline, and an in-sample diagnostic \
      told the actual House vote. The protocol is docs/model.md §7. Writes backtest.md, backtest.json and \
      calibration.svg atomically into the output folder.
      """)

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("The election year to backtest (supported: \(BacktestSources.supportedCycles.map(String.init).joined(separator: ", "))).", valueName: "year"))
  var cycle: Int

  @Option(name: .customLong("as-of"), parsing: .singleValue,
          help: ArgumentHelp("An as-of date, YYYY-MM-DD; repeat for several (default for 2018: 2018-08-01, 2018-09-01, 2018-10-01, 2018-11-05).", valueName: "date"))
  var asOf: [CalendarDate] = []

  @Option(help: ArgumentHelp("Folder of the public data holding <year>/ and national/ (results and published forecasts).", valueName: "dir"))
  var source: String = BacktestSources.defaultFolder

  @Option(help: "Draws per forecast, 1...10^10 (each date runs every variant).")
  var draws: DrawCount = DrawCount(200_000)

  @OptionGroup var simulation: SimulationOptions

  @Option(help: ArgumentHelp("Output folder for backtest.md, backtest.json and calibration.svg.", valueName: "dir"))
  var out: String = "out/backtest"

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    guard BacktestSources.supportedCycles.contains(cycle) else {
      throw ValidationError("--cycle \(cycle) has no backtest data; supported: \(BacktestSources.supportedCycles.map(String.init).joined(separator: ", "))")
    }
  }

  func run() throws {
    try failingCleanly {
      let dates = asOf.isEmpty ? BacktestSources.defaultDates(cycle: cycle) ?? [] : asOf
      let forecaster = try Forecaster(configPath: common.config)
      let data = try BacktestSources.load(cycle: cycle, folder: source, dates: Set(dates))
      var stderr = StandardError()
      let report = try Backtest.run(forecaster: forecaster, data: data, dates: dates, draws: draws.value,
                                    seed: simulation.seed?.value, threads: simulation.threads.value,
                                    progress: quiet ? nil : { print("backtest \($0)", to: &stderr) })
      let files = try BacktestBundle.write(report, to: out)
      if !quiet { print(BacktestSummary.render(report, files: files)) }
    }
  }
}
