import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether calibrate`: the specials table and the environment posterior, without simulating.
struct Calibrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the specials table (x, weight, residual), E_s, its SE, tau and the environment posterior.")

  @OptionGroup var common: ConfigOptions

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Calibrate as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: String?

  func validate() throws {
    if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, got '\(asOf)'") }
  }

  func run() throws {
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      let date = asOf.flatMap(CalendarDate.init(iso:)) ?? config.asOf
      let prior = try ResolvedEnvironmentPrior.resolve(config.priors.environmentPrior, cycle: config.chamber.cycle, asOf: date,
                                                       national: inputs.national, configFile: config.path)
      let fit = SpecialsCalibration.fit(specials: inputs.specials, asOf: date, priors: config.priors)
      let posterior = EnvironmentPosterior(prior: prior, calibration: fit, priors: config.priors)
      print(CalibrationText.render(prior: prior, fit: fit, posterior: posterior, scales: NoiseScales(tau: fit.tau, priors: config.priors), asOf: date))
    }
  }
}
