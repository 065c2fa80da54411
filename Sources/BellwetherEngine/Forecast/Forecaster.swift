import Foundation

/// The one way into the engine: a config file (or inputs made directly) plus `ForecastOptions`
/// -> a resolved `ForecastModel` -> its draws -> a `ForecastResult`. Every command and benchmark
/// goes through it; none assembles config, inputs and model itself.
///
///     let forecaster = try Forecaster(configPath: "config/house-2018.json5")
///     let model = try forecaster.model(ForecastOptions(draws: 100_000))
///     let result = Forecaster.run(model, threads: 2)!
public struct Forecaster: Sendable {
  /// The validated config and its tables.
  package let inputs: ForecastInputs

  /// Reads and validates a config and the tables it names.
  /// - Throws: `InputErrors` listing every problem in the config; `InputError` naming the file,
  ///   line and field of the first bad table value.
  public init(configPath: String) throws {
    inputs = try ForecastInputs.load(config: ForecastConfig.load(path: configPath))
  }

  /// A forecaster over inputs made directly (tests, synthetic chambers).
  package init(inputs: ForecastInputs) {
    self.inputs = inputs
  }

  /// The config.
  package var config: ForecastConfig { inputs.config }

  /// The cycle's results table (`data.results`), when the config names one, read and checked
  /// against the district table: for `check-config` and backtests (a forecast never reads it).
  /// - Throws: `InputError` naming the file, line and field.
  package func results() throws -> [SeatResult]? {
    guard let path = config.data.results else { return nil }
    let data = try InputFile.read(path, expected: "a readable results table")
    return try ResultsTable.read(try CSVTable(data: data, file: path), districts: inputs.districts)
  }

  /// The environment calibration alone, without building the covariance (`bellwether calibrate`).
  /// - Throws: `InputError` when the prior's national series lack what it needs.
  package func calibration(_ options: ForecastOptions = ForecastOptions()) throws -> EnvironmentCalibration {
    try EnvironmentCalibration.resolve(inputs: inputs, asOf: options.asOf, evidence: options.evidence,
                                       environment: options.environment)
  }

  /// The resolved model: calibration, the noise covariance and its factor, and the kernel's plan.
  /// - Throws: `InputError` for missing prior data; `ForecastModel.BuildError` for a parameter that
  ///   is not finite or a covariance that is not positive definite.
  public func model(_ options: ForecastOptions = ForecastOptions()) throws -> ForecastModel {
    try ForecastModel.build(inputs: inputs, options: options)
  }

  /// Builds the model and runs it.
  /// - Returns: the result, or nil if `isCancelled` stopped the run.
  package func forecast(_ options: ForecastOptions = ForecastOptions(), threads: Int,
                       progress: (@Sendable (Int, Int) -> Void)? = nil,
                       isCancelled: (@Sendable () -> Bool)? = nil) throws -> ForecastResult? {
    Forecaster.run(try model(options), threads: threads, progress: progress, isCancelled: isCancelled)
  }

  /// Simulates a model on `threads` Dispatch workers and summarises the draws.
  /// - Parameters:
  ///   - progress: called with (blocks done, blocks in total) from worker threads.
  ///   - isCancelled: polled between blocks.
  ///   - sink: receives every block's draws when the run exports them.
  /// - Returns: the result, or nil if `isCancelled` stopped the run.
  public static func run(_ model: ForecastModel, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil,
                         isCancelled: (@Sendable () -> Bool)? = nil, sink: DrawSink? = nil) -> ForecastResult? {
    let clock = ContinuousClock()
    let start = clock.now
    guard let tallies = simulate(model, threads: threads, progress: progress, isCancelled: isCancelled, sink: sink) else {
      return nil
    }
    return ForecastResult(model: model, tallies: tallies, drawSeconds: (clock.now - start).seconds)
  }

  /// Simulates one shard of a model's blocks (or all of them) and returns the raw tallies, for
  /// shards whose tallies are merged elsewhere.
  /// - Returns: the tallies, or nil if cancelled.
  package static func simulate(_ model: ForecastModel, threads: Int, shard: Simulator.Shard = .all,
                              progress: (@Sendable (Int, Int) -> Void)? = nil,
                              isCancelled: (@Sendable () -> Bool)? = nil, sink: DrawSink? = nil) -> Tallies? {
    Simulator.run(plan: model.plan, threads: threads, shard: shard, progress: progress, isCancelled: isCancelled,
                  sink: sink)
  }
}
