/// The national environment and the district-noise scales, resolved from the prior and the
/// specials held before the as-of date, before anything is simulated (docs/model.md §2 and §3):
/// what `bellwether calibrate` prints and the first half of every `ForecastModel`.
package struct EnvironmentCalibration: Sendable {
  /// The date the specials were cut at and the generic ballot read on.
  package var asOf: CalendarDate
  /// The environment prior.
  package var prior: ResolvedEnvironmentPrior
  /// The specials' random-effects fit.
  package var specials: SpecialsCalibration
  /// The environment posterior (a fixed scenario environment, when one was given, replaces its mean
  /// and sets its SD to 0).
  package var posterior: EnvironmentPosterior
  /// The district-noise SDs, scaled from the specials' dispersion.
  package var scales: NoiseScales

  /// Resolves the prior, fits the specials and combines them.
  /// - Parameters:
  ///   - inputs: the config and its tables.
  ///   - asOf: the as-of date (the config's when nil).
  ///   - evidence: what the posterior uses (backtests compare prior only, specials only, both).
  ///   - environment: a fixed national environment (a scenario), or nil.
  /// - Throws: `InputError` for an as-of date outside the cycle, or when the prior's national series
  ///   lack the dates or cycles it needs.
  static func resolve(inputs: ForecastInputs, asOf: CalendarDate? = nil,
                              evidence: EnvironmentPosterior.Evidence = .priorAndSpecials,
                              environment: Double? = nil) throws -> EnvironmentCalibration {
    let config = inputs.config
    let priors = config.priors
    let date = asOf ?? config.asOf
    // The config's own asOf is checked when it is read; an override (--as-of, a backtest's dates) here.
    guard config.chamber.cycleStart <= date, date <= config.chamber.electionDate else {
      throw InputError(file: "--as-of", expected: "a date in the cycle \(config.chamber.cycleStart.iso)...\(config.chamber.electionDate.iso) "
                         + "(chamber.cycleStart and chamber.electionDate in \(config.path))", found: date.iso)
    }
    let prior = try ResolvedEnvironmentPrior.resolve(priors.environmentPrior, cycle: config.chamber.cycle, asOf: date,
                                                     electionDate: config.chamber.electionDate, national: inputs.national,
                                                     configFile: config.path, dateSource: asOf == nil ? nil : "--as-of")
    let specials = SpecialsCalibration.fit(specials: inputs.specials, asOf: date, priors: priors)
    var posterior = EnvironmentPosterior(prior: prior, calibration: specials, priors: priors, evidence: evidence)
    if let environment {
      posterior.mean = environment
      posterior.sd = 0
    }
    return EnvironmentCalibration(asOf: date, prior: prior, specials: specials, posterior: posterior,
                                  scales: NoiseScales(tau: specials.tau, priors: priors))
  }
}
