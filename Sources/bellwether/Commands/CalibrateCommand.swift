import ArgumentParser
import BellwetherEngine
import BellwetherReports

/// `bellwether calibrate`: the specials table and the environment posterior, without simulating.
struct Calibrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the specials table (x, weight, residual), E_s, its SE, tau and the environment posterior.",
    discussion: ExitCodes.help)

  @OptionGroup var common: ConfigOptions

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Calibrate as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: CalendarDate?

  func run() throws {
    try failingCleanly {
      let calibration = try Forecaster(configPath: common.config).calibration(ForecastOptions(asOf: asOf))
      print(CalibrationText.render(calibration))
    }
  }
}
