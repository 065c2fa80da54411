import ArgumentParser
import BellwetherEngine
import BellwetherReports

/// `bellwether calibrate`: the specials table and the environment posterior, without simulating.
struct Calibrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the specials table (x, weight, residual), E_s, its SE, tau and the environment posterior.",
    discussion: ExitCodes.discussion("""
      With --format json prints one bellwether.calibration/1 document on stdout instead (the fields of \
      forecast.json's environment, calibration and noise scales; schema in docs/forecast-schema.md, \
      "calibrate --format json").
      """))

  @OptionGroup var common: ConfigOptions

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Calibrate as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: CalendarDate?

  @Option(help: ArgumentHelp("What to print: text (the tables) or json (a bellwether.calibration/1 document, schema in docs/forecast-schema.md).", valueName: "format"))
  var format: OutputFormat = .text

  @Flag(help: "Print no notes or warnings on stderr (errors still print; the result still goes to stdout).")
  var quiet = false

  func run() throws {
    try failingCleanly {
      let calibration = try Forecaster(configPath: common.config).calibration(ForecastOptions(asOf: asOf))
      if !quiet, let warning = calibration.prior.staleWarning {
        var stderr = StandardError()
        print("warning: \(warning)", to: &stderr)
      }
      switch format {
      case .text: print(CalibrationText.render(calibration))
      case .json: print(String(decoding: try CalibrationDocument(calibration: calibration, configPath: common.config).encoded(), as: UTF8.self))
      }
    }
  }
}
