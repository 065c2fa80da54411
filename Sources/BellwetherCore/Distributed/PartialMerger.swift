/// Checks that a set of partials belong to one run and cover every block exactly once, and adds
/// their tallies. Integer tallies add exactly in any order, so the merge is bit-identical to a
/// single-process run.
public enum PartialMerger {
  /// Why partials cannot be merged.
  public struct MergeError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Merges partials (with the file each came from, for messages).
  /// - Returns: the run's identity and the total tallies.
  /// - Throws: `MergeError` for a foreign, duplicated or missing shard.
  /// - Complexity: O(partials x tally size).
  public static func merge(_ partials: [(file: String, partial: PartialResult)]) throws -> (RunIdentity, Tallies) {
    guard let (firstFile, first) = partials.first else { throw MergeError(description: "no partials to merge") }
    var owner: [Int: String] = [:]
    var total = first.tallies
    total = Tallies(zeroLike: total)
    for (file, p) in partials {
      let differences = p.identity.differences(from: first.identity)
      guard differences.isEmpty else {
        throw MergeError(description: "\(file) belongs to another run than \(firstFile): " + differences.joined(separator: "; "))
      }
      guard p.blockCount == first.blockCount, p.tallies.seatCounts.count == first.tallies.seatCounts.count,
            p.tallies.marginHistogram.count == first.tallies.marginHistogram.count else {
        throw MergeError(description: "\(file) has a different shape than \(firstFile)")
      }
      for block in p.blocks {
        if let other = owner[block] {
          throw MergeError(description: "block \(block) is in both \(other) and \(file) (shard \(p.shard.index)/\(p.shard.count) given twice or overlapping splits)")
        }
        owner[block] = file
      }
      total.merge(p.tallies)
    }
    let missing = (0..<first.blockCount).filter { owner[$0] == nil }
    guard missing.isEmpty else {
      let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
      throw MergeError(description: "\(missing.count) of \(first.blockCount) blocks are missing (blocks \(shown)\(missing.count > 10 ? ", ..." : "")); a shard's partial is absent")
    }
    guard total.draws == first.identity.draws else {
      throw MergeError(description: "the partials hold \(total.draws) draws, the run has \(first.identity.draws)")
    }
    return (first.identity, total)
  }
}

extension Tallies {
  /// Zero tallies with the same shape as another set.
  public init(zeroLike other: Tallies) {
    self = other
    draws = 0
    environmentSum = 0
    for i in seatCounts.indices { seatCounts[i] = 0 }
    for i in wins.indices { wins[i] = 0 }
    for i in marginHistogram.indices { marginHistogram[i] = 0 }
    for i in tipping.indices { tipping[i] = 0 }
    for i in environmentSeats.indices { environmentSeats[i] = 0 }
  }
}
