/// What a run may change about a config's forecast without editing the config: the command line's
/// `--as-of`, `--draws`, `--seed`, `--environment`, `--factor` and `--estimator`, and a backtest's evidence.
/// `nil` keeps the config's value.
public struct ForecastOptions: Sendable, Equatable {
  /// The as-of date (default: `asOf` in the config).
  package var asOf: CalendarDate?
  /// Draws (default: `simulation.draws`).
  package var draws: Int?
  /// Master seed (default: `simulation.seed`).
  package var seed: UInt64?
  /// A fixed national environment in points, D minus R (a scenario): the environment's SD becomes 0.
  package var environment: Double?
  /// The factor of the noise covariance the kernel uses.
  package var factor: NoiseFactor.Method
  /// What the environment posterior uses.
  package var evidence: EnvironmentPosterior.Evidence
  /// How the draws become probabilities (docs/model.md §4.3); `run --estimator`.
  package var estimator: Estimator

  /// Creates options; every argument defaults to the config's own value (low-rank factor, prior and
  /// specials).
  public init(asOf: CalendarDate? = nil, draws: Int? = nil, seed: UInt64? = nil, environment: Double? = nil,
              factor: NoiseFactor.Method = .lowRank, evidence: EnvironmentPosterior.Evidence = .priorAndSpecials,
              estimator: Estimator = .sampled) {
    self.estimator = estimator
    self.asOf = asOf
    self.draws = draws
    self.seed = seed
    self.environment = environment
    self.factor = factor
    self.evidence = evidence
  }
}
