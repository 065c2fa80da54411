import BellwetherEngine
/// Checks that a set of partials belong to one run and cover every block exactly once, and adds
/// their tallies. Integer tallies add exactly in any order, so the merge is bit-identical to a
/// single-process run.
package enum PartialMerger {
  /// Why partials cannot be merged.
  package struct MergeError: Error, CustomStringConvertible {
    package var description: String
  }

  /// Adds partials one at a time, so a merge holds one partial in memory, not all of them.
  package struct Accumulator {
    private var first: (file: String, partial: PartialResult)?
    private var owner: [Int: String] = [:]
    private var total: Tallies?

    /// An empty accumulator.
    package init() {}

    /// Checks a partial against the ones before it and adds its tallies.
    /// - Throws: `MergeError` for a foreign, reshaped or overlapping partial.
    package mutating func add(_ p: PartialResult, from file: String) throws {
      if let (firstFile, firstPartial) = first {
        let differences = p.identity.differences(from: firstPartial.identity)
        guard differences.isEmpty else {
          throw MergeError(description: "\(file) belongs to another run than \(firstFile): " + differences.joined(separator: "; "))
        }
        guard p.blockCount == firstPartial.blockCount, p.tallies.seatCounts.count == firstPartial.tallies.seatCounts.count,
              p.tallies.offsetHistogram.count == firstPartial.tallies.offsetHistogram.count,
              p.tallies.binsPerRow == firstPartial.tallies.binsPerRow, p.tallies.wins.count == firstPartial.tallies.wins.count,
              p.tallies.tipping.count == firstPartial.tallies.tipping.count,
              p.tallies.environmentSeats.count == firstPartial.tallies.environmentSeats.count else {
          throw MergeError(description: "\(file) has a different shape than \(firstFile)")
        }
      } else {
        first = (file, p)
        total = Tallies(zeroLike: p.tallies)
      }
      for block in p.blocks {
        if let other = owner[block] {
          throw MergeError(description: "block \(block) is in both \(other) and \(file) (shard \(p.shard.index)/\(p.shard.count) given twice or overlapping splits)")
        }
        owner[block] = file
      }
      total!.merge(p.tallies)
    }

    /// The run's identity and total tallies, once every block is present.
    /// - Throws: `MergeError` if there is nothing, or a block is missing.
    package func finish() throws -> (RunIdentity, Tallies) {
      guard let (_, firstPartial) = first, let total else { throw MergeError(description: "no partials to merge") }
      let missing = (0..<firstPartial.blockCount).filter { owner[$0] == nil }
      guard missing.isEmpty else {
        let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
        throw MergeError(description: "\(missing.count) of \(firstPartial.blockCount) blocks are missing (blocks \(shown)\(missing.count > 10 ? ", ..." : "")); a shard's partial is absent")
      }
      guard total.draws == firstPartial.identity.draws else {
        throw MergeError(description: "the partials hold \(total.draws) draws, the run has \(firstPartial.identity.draws)")
      }
      return (firstPartial.identity, total)
    }
  }

  /// Merges partials held in memory (with the file each came from, for messages).
  /// - Throws: `MergeError` for a foreign, duplicated or missing shard.
  /// - Complexity: O(partials x tally size).
  package static func merge(_ partials: [(file: String, partial: PartialResult)]) throws -> (RunIdentity, Tallies) {
    var accumulator = Accumulator()
    for (file, p) in partials { try accumulator.add(p, from: file) }
    return try accumulator.finish()
  }
}

extension Tallies {
  /// Zero tallies with the same shape as another set.
  package init(zeroLike other: Tallies) {
    self = other
    draws = 0
    environmentSum = 0
    for i in seatCounts.indices { seatCounts[i] = 0 }
    for i in wins.indices { wins[i] = 0 }
    for i in offsetHistogram.indices { offsetHistogram[i] = 0 }
    for i in tipping.indices { tipping[i] = 0 }
    for i in environmentSeats.indices { environmentSeats[i] = 0 }
  }
}
