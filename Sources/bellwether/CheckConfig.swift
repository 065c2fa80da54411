import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources

/// `bellwether check-config`: validates a config and its tables.
struct CheckConfig: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate a config file and its tables, reporting every problem in the config at once.")

  @OptionGroup var common: ConfigOptions

  func run() throws {
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      _ = try ForecastModel.build(inputs: inputs, draws: 1)
      print("\(common.config): OK (\(inputs.districts.count) seats, \(inputs.specials.count) specials)")
    }
  }
}
