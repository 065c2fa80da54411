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
  /// - Returns: the seats' results and the table's SHA-256, or nil when the config names none.
  package func results() throws -> (seats: [SeatResult], sha256: String)? {
    guard let path = config.data.results else { return nil }
    let data = try InputFile.read(path, expected: "a readable results table")
    return (try ResultsTable.read(try CSVTable(data: data, file: path), districts: inputs.districts), SHA256.hex(data))
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

  /// How `run(_:targetStandardError:...)` chooses its draw count: a fixed schedule, so that the
  /// count depends only on the draws themselves, never on the thread count or the machine.
  package enum TargetSchedule {
    /// Blocks of the first stage (16 x 1024 = 16,384 draws).
    package static let initialBlocks = 16
    /// The default largest draw count of a target run (`--draws` replaces it).
    package static let defaultMaximumDraws = 1_000_000_000

    /// The draw counts of the stages, in order: `initialBlocks` blocks, doubling each stage, the
    /// last one `maximumDraws` (which may end in a short block).
    package static func stages(maximumDraws: Int) -> [Int] {
      precondition(maximumDraws > 0)
      var stages = [min(initialBlocks * SimulationPlan.blockSize, maximumDraws)]
      while stages.last! < maximumDraws { stages.append(min(2 * stages.last!, maximumDraws)) }
      return stages
    }
  }

  /// Simulates a model until the SE of P(majority) (`majorityStandardError`: binomial,
  /// `sqrt(p (1 - p) / N)`, for the sampled estimator) is at most
  /// `targetStandardError`, or `maximumDraws` are drawn.
  ///
  /// The draws grow along `TargetSchedule.stages`: 16 blocks, then 32, 64, ... (each stage adds
  /// the blocks after the last one, keyed by block index as in any run), the last stage being
  /// `maximumDraws`. After each stage the SE of the draws so far decides whether to stop. Tallies
  /// are integers and a block's draws depend only on (seed, block), so the result is the same bits
  /// as `run` of the model with `plan.draws` set to the draws reached, for any thread count.
  /// - Parameters:
  ///   - progress: called with (stage, blocks done, blocks of the stage) from worker threads.
  /// - Returns: the result (its `model.plan.draws` is the draws reached), or nil if cancelled.
  package static func run(_ model: ForecastModel, targetStandardError: Double, maximumDraws: Int, threads: Int,
                          progress: (@Sendable (Int, Int, Int) -> Void)? = nil,
                          isCancelled: (@Sendable () -> Bool)? = nil) -> ForecastResult? {
    precondition(targetStandardError >= 0 && maximumDraws > 0)
    let clock = ContinuousClock()
    let start = clock.now
    var tallies: Tallies?
    var blocksDone = 0
    var current = model
    for (stage, draws) in TargetSchedule.stages(maximumDraws: maximumDraws).enumerated() {
      current.plan = model.plan.replacing(draws: draws)
      let blocks = Array(blocksDone..<current.plan.blockCount)
      let before = blocksDone
      let report = progress.map { p in { @Sendable (done: Int, total: Int) in p(stage, before + done, before + total) } }
      guard let part = Simulator.run(plan: current.plan, threads: threads, blocks: blocks, progress: report,
                                     isCancelled: isCancelled) else { return nil }
      if tallies == nil { tallies = part } else { tallies!.merge(part) }
      blocksDone = current.plan.blockCount
      if Forecaster.majorityStandardError(tallies!, majority: current.plan.majority) <= targetStandardError { break }
    }
    return ForecastResult(model: current, tallies: tallies!, drawSeconds: (clock.now - start).seconds)
  }

  /// The Monte Carlo SE of P(majority) from tallies: binomial for the sampled estimator, the SE of
  /// the mean of the per-draw conditional chances for the conditional one (docs/model.md §4.3).
  package static func majorityStandardError(_ tallies: Tallies, majority: Int) -> Double {
    if let sums = tallies.conditional {
      return ConditionalTallies.meanAndError(sum: sums.majoritySum, squares: sums.majoritySquares, draws: tallies.draws).standardError
    }
    let seats = SeatDistribution(counts: tallies.seatCounts, majority: majority)
    return MonteCarloErrors.binomial(seats.majorityProbability, draws: tallies.draws)
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
