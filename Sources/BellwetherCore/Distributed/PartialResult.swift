import Foundation

/// One shard's share of a run (`bellwether run --shard I/N`): the run's identity, which blocks it
/// simulated, and their integer tallies, which add exactly. Schema `bellwether.partial/1`, JSON.
public struct PartialResult: Codable, Sendable {
  public static let schemaName = "bellwether.partial/1"

  public var schema: String
  public var identity: RunIdentity
  public var shard: Simulator.Shard
  /// The blocks this partial holds (those b with b % shard.count == shard.index).
  public var blockCount: Int
  public var tallies: Tallies

  /// A partial from a shard's tallies.
  public init(identity: RunIdentity, shard: Simulator.Shard, blockCount: Int, tallies: Tallies) {
    schema = PartialResult.schemaName
    self.identity = identity
    self.shard = shard
    self.blockCount = blockCount
    self.tallies = tallies
  }

  /// The blocks this partial covers.
  public var blocks: [Int] { Array(shard.blocks(of: blockCount)) }

  /// The conventional file name for a shard's partial.
  public static func fileName(for shard: Simulator.Shard) -> String {
    "partial-\(shard.index)-of-\(shard.count).json"
  }

  /// Compact JSON (sorted keys, so the same shard always gives the same bytes).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(self)
  }

  /// Reads a partial.
  /// - Throws: `InputError` naming the file if it is not a partial.
  public static func read(path: String) throws -> PartialResult {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, expected: "a partial result file", found: "no file at that path")
    }
    do {
      let partial = try JSONDecoder().decode(PartialResult.self, from: data)
      guard partial.schema == schemaName else {
        throw InputError(file: path, field: "schema", expected: schemaName, found: partial.schema)
      }
      return partial
    } catch let error as InputError {
      throw error
    } catch {
      throw InputError(file: path, expected: "a \(schemaName) JSON document", found: "\(error)")
    }
  }
}
