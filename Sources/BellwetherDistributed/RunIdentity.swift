import BellwetherEngine
/// What makes two pieces of work parts of the same run: the inputs (by hash), the as-of date, a
/// fixed environment if any, the factor, the seed and the total draws. Partials with different
/// identities are never merged.
package struct RunIdentity: Codable, Sendable, Equatable, CustomStringConvertible {
  /// SHA-256 of the config file and of each table, by file name.
  package var inputHashes: [String: String]
  package var asOf: CalendarDate
  package var fixedEnvironment: Double?
  package var factorMethod: String
  package var seed: UInt64
  package var draws: Int
  package var blockSize: Int
  /// `SimulationPlan.streamVersion` of the engine that ran it.
  package var streamVersion: Int

  /// The identity of a model's run.
  package init(model: ForecastModel) {
    inputHashes = model.inputs.hashes
    asOf = model.asOf
    fixedEnvironment = model.fixedEnvironment
    factorMethod = model.plan.factor.method.rawValue
    seed = model.plan.seed
    draws = model.plan.draws
    blockSize = SimulationPlan.blockSize
    streamVersion = SimulationPlan.streamVersion
  }

  package var description: String {
    "seed \(seed), \(draws) draws, as of \(asOf.iso), factor \(factorMethod)"
      + (fixedEnvironment.map { ", environment fixed at \($0)" } ?? "")
      + ", config \(inputHashes["config"].map { String($0.prefix(12)) } ?? "?")"
  }

  /// The fields in which two identities differ, in words.
  func differences(from other: RunIdentity) -> [String] {
    var out: [String] = []
    if seed != other.seed { out.append("seed \(seed) vs \(other.seed)") }
    if draws != other.draws { out.append("draws \(draws) vs \(other.draws)") }
    if asOf != other.asOf { out.append("as-of \(asOf.iso) vs \(other.asOf.iso)") }
    if factorMethod != other.factorMethod { out.append("factor \(factorMethod) vs \(other.factorMethod)") }
    if fixedEnvironment != other.fixedEnvironment { out.append("fixed environment") }
    if blockSize != other.blockSize { out.append("block size \(blockSize) vs \(other.blockSize)") }
    if streamVersion != other.streamVersion { out.append("engine stream version \(streamVersion) vs \(other.streamVersion)") }
    for key in Set(inputHashes.keys).union(other.inputHashes.keys).sorted() where inputHashes[key] != other.inputHashes[key] {
      out.append("input \(key) differs")
    }
    return out
  }
}
