import ArgumentParser
import BellwetherEngine

/// `bellwether check-config`: validates a config and its tables.
struct CheckConfig: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate a config file and its tables, reporting every problem in the config at once.",
    discussion: ExitCodes.discussion("""
      Reads the config and every table it names, then resolves the whole model (calibration, the noise \
      covariance and its factor) without simulating, so that anything `run` would refuse is refused here, \
      and reads the results table (data.results) when the config names one, as `backtest` would.
      """))

  @OptionGroup var common: ConfigOptions

  func run() throws {
    try failingCleanly {
      let forecaster = try Forecaster(configPath: common.config)
      _ = try forecaster.model(ForecastOptions(draws: 1))
      let results = try forecaster.results().map { ", \($0.seats.count) results" } ?? ""
      print("\(common.config): OK (\(forecaster.inputs.districts.count) seats, \(forecaster.inputs.specials.count) specials\(results))")
    }
  }
}
