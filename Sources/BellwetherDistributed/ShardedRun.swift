import BellwetherEngine
import Foundation

/// Running one run as several independent processes (cluster array jobs) and merging the pieces.
package enum ShardedRun {
  /// Simulates one shard of a model's blocks.
  /// - Returns: the partial, or nil if cancelled.
  package static func simulate(_ model: ForecastModel, shard: Simulator.Shard, threads: Int,
                              progress: (@Sendable (Int, Int) -> Void)? = nil,
                              isCancelled: (@Sendable () -> Bool)? = nil) -> PartialResult? {
    guard let tallies = Forecaster.simulate(model, threads: threads, shard: shard, progress: progress,
                                            isCancelled: isCancelled) else { return nil }
    return PartialResult(identity: RunIdentity(model: model), shard: shard,
                         blockCount: model.plan.blockCount, tallies: tallies)
  }

  /// Reads partials, checks them, rebuilds the model from the config (whose inputs must hash to
  /// what the partials record) and returns the merged forecast.
  /// - Throws: `InputError` for unreadable partials, `PartialMerger.MergeError` for a bad set,
  ///   `MergeError` when the config's inputs are not the partials' inputs.
  package static func merge(partialPaths: [String], configPath: String) throws -> ForecastResult {
    var accumulator = PartialMerger.Accumulator()
    for path in partialPaths { try accumulator.add(try PartialResult.read(path: path), from: path) }
    let (identity, tallies) = try accumulator.finish()
    let forecaster = try Forecaster(configPath: configPath)
    let inputs = forecaster.inputs
    guard inputs.hashes == identity.inputHashes else {
      let changed = Set(inputs.hashes.keys).union(identity.inputHashes.keys).filter { inputs.hashes[$0] != identity.inputHashes[$0] }
      throw PartialMerger.MergeError(description: "the config \(configPath) and its tables are not the inputs the partials were run on (different: \(changed.sorted().joined(separator: ", ")))")
    }
    guard let method = NoiseFactor.Method(rawValue: identity.factorMethod) else {
      throw PartialMerger.MergeError(description: "unknown factor method \(identity.factorMethod) in the partials")
    }
    let model = try forecaster.model(ForecastOptions(asOf: identity.asOf, draws: identity.draws, seed: identity.seed,
                                                     environment: identity.fixedEnvironment, factor: method))
    try check(identity, tallies, fit: model)
    return ForecastResult(model: model, tallies: tallies)
  }

  /// Checks merged tallies against the model rebuilt from the config: every array's shape, the
  /// draws, the blocks, and the engine's block size and stream version (a partial of another
  /// engine drew other streams). A partial that does not fit is refused, never indexed out of range.
  /// - Throws: `PartialMerger.MergeError` naming what differs.
  package static func check(_ identity: RunIdentity, _ tallies: Tallies, fit model: ForecastModel) throws {
    let expected = Tallies(plan: model.plan)
    let shapes = [("seat counts", expected.seatCounts.count, tallies.seatCounts.count),
                  ("wins", expected.wins.count, tallies.wins.count),
                  ("offset histogram", expected.offsetHistogram.count, tallies.offsetHistogram.count),
                  ("bins per row", expected.binsPerRow, tallies.binsPerRow),
                  ("tipping", expected.tipping.count, tallies.tipping.count),
                  ("environment x seats", expected.environmentSeats.count, tallies.environmentSeats.count),
                  ("draws", model.plan.draws, identity.draws),
                  ("merged draws", model.plan.draws, tallies.draws),
                  ("block size", SimulationPlan.blockSize, identity.blockSize),
                  ("engine stream version", SimulationPlan.streamVersion, identity.streamVersion)]
    let wrong = shapes.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.2), the model has \($0.1)" }
    guard wrong.isEmpty else {
      throw PartialMerger.MergeError(description: "the partials' tallies do not fit the rebuilt model (" + wrong.joined(separator: "; ") + ")")
    }
  }
}

extension Simulator.Shard {
  /// Parses `I/N` (0-based index I, 0 <= I < N), as in `--shard 2/8`.
  /// - Throws: `InputError` describing the expected form.
  package init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index) else {
      throw InputError(file: "--shard", expected: "I/N with 0 <= I < N, e.g. 0/4 ... 3/4", found: text)
    }
    self.init(index: index, count: count)
  }
}
