import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether backtest`: forecast a past cycle as it stood on earlier dates and score it.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Forecast a past cycle as of earlier dates and score it against the results and FiveThirtyEight.",
    discussion: """
      For each as-of date, builds the forecast with only the special elections held before that date and \
      the generic-ballot average of that date, simulates it, and scores it against the actual results: \
      mean and median seats against the seats won, the percentile of the actual count, the chance of a \
      majority, and per seat the Brier score, log loss, wrong favourites and a calibration table. \
      FiveThirtyEight's Lite, Classic and Deluxe forecasts of the same date are scored on the same seats. \
      Besides the default model the table shows the environment from the prior alone and from the specials \
      alone, the previous-House-result baseline, and an in-sample diagnostic told the actual House vote. \
      Writes backtest.md, backtest.json and calibration.svg atomically into the output folder.
      """)

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("The election year to backtest (supported: \(BacktestSources.supportedCycles.map(String.init).joined(separator: ", "))).", valueName: "year"))
  var cycle: Int

  @Option(name: .customLong("as-of"), parsing: .singleValue,
          help: ArgumentHelp("An as-of date, YYYY-MM-DD; repeat for several (default for 2018: 2018-08-01, 2018-09-01, 2018-10-01, 2018-11-05).", valueName: "date"))
  var asOf: [String] = []

  @Option(help: ArgumentHelp("Folder of the package data holding <year>/ and national/ (results and published forecasts).", valueName: "dir"))
  var source: String = "../shared/data"

  @Option(help: "Draws per forecast (each date runs every variant).")
  var draws: Int = 200_000

  @Option(help: "Master seed, 0...2^53-1, shared by every forecast (default: simulation.seed in the config).")
  var seed: UInt64?

  @Option(help: "Worker threads for the draws (default: all cores). Never changes the result.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Output folder for backtest.md, backtest.json and calibration.svg.", valueName: "dir"))
  var out: String = "out/backtest"

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func validate() throws {
    guard BacktestSources.supportedCycles.contains(cycle) else {
      throw ValidationError("--cycle \(cycle) has no backtest data; supported: \(BacktestSources.supportedCycles.map(String.init).joined(separator: ", "))")
    }
    for date in asOf where CalendarDate(iso: date) == nil {
      throw ValidationError("--as-of must be a date as YYYY-MM-DD, got '\(date)'")
    }
    guard (1...ForecastConfig.maximumDraws).contains(draws) else {
      throw ValidationError("--draws must be in 1...\(ForecastConfig.maximumDraws), got \(draws)")
    }
    if let seed, Double(seed) > ForecastConfig.maximumSeed { throw ValidationError("--seed must be at most 2^53-1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    try failingCleanly {
      let dates = asOf.isEmpty ? BacktestSources.defaultDates(cycle: cycle) ?? [] : asOf.compactMap(CalendarDate.init(iso:))
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      let backtestData = try BacktestSources.load(cycle: cycle, folder: source, dates: Set(dates))
      var stderr = StandardError()
      let report = try Backtest.run(inputs: inputs, data: backtestData, dates: dates, draws: draws, seed: seed,
                                    threads: threads, progress: quiet ? nil : { print("backtest \($0)", to: &stderr) })
      let files = try BacktestBundle.write(report, to: out)
      if !quiet { print(summary(report, files: files)) }
    }
  }
}

extension BacktestCommand {
  /// A few lines for the terminal: per date, each non-in-sample row's mean seats, interval and Brier score.
  func summary(_ report: BacktestReport, files: [String]) -> String {
    var out = "\(report.chamber): actual \(report.actual.democraticSeats) Democratic seats; "
    out += "Brier over \(report.actual.races[RaceSet.decided.rawValue] ?? 0) decided seats\n"
    for date in report.dates {
      out += "\(date.asOf.iso)\n"
      for row in date.rows where !row.inSample {
        let s = row.seats
        let brier = row.districts[RaceSet.decided.rawValue].map { String(format: "%.4f", $0.brier) } ?? "-"
        out += "  " + row.label.padding(toLength: 38, withPad: " ", startingAt: 0)
        out += String(format: " mean %5.1f  80%% %3.0f-%3.0f  Brier ", s.mean, s.lower80, s.upper80) + brier + "\n"
      }
    }
    return out + files.map { "wrote \($0)" }.joined(separator: "\n")
  }
}
