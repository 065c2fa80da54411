/// The distribution of how many of a group of seats the Democrats win, under a forecast's own joint
/// distribution of the seats (as its draws give it, `OutcomeRecorder.countDistributions`): the null
/// against which a reliability bin's observed count is judged when the seats are dependent (docs/model.md
/// §7.3). Seats not simulated (fixed to their party) add a constant, `offset`.
package struct EventCountDistribution: Sendable, Equatable {
  /// Wins certain in every draw (the group's fixed seats held by the Democrats).
  package var offset: Int
  /// `probabilities[k]`: the chance of `offset + k` wins; sums to 1.
  package var probabilities: [Double]

  package init(offset: Int, probabilities: [Double]) {
    precondition(offset >= 0 && !probabilities.isEmpty)
    self.offset = offset
    self.probabilities = probabilities
  }

  /// The mean number of wins.
  package var mean: Double {
    Double(offset) + probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
  }

  /// The variance of the number of wins.
  package var variance: Double {
    let m = mean - Double(offset)
    return probabilities.enumerated().reduce(0) { $0 + (Double($1.offset) - m) * (Double($1.offset) - m) * $1.element }
  }

  /// The distribution of the sum of this count and an independent one (another cycle's): the
  /// convolution of the two.
  /// - Complexity: O(n m).
  package func convolved(with other: EventCountDistribution) -> EventCountDistribution {
    var out = [Double](repeating: 0, count: probabilities.count + other.probabilities.count - 1)
    for (i, p) in probabilities.enumerated() where p > 0 {
      for (j, q) in other.probabilities.enumerated() where q > 0 { out[i + j] += p * q }
    }
    return EventCountDistribution(offset: offset + other.offset, probabilities: out)
  }

  /// The one-sided tail probability of `observed` wins: `P(count >= observed)` when it lies above the
  /// mean, `P(count <= observed)` otherwise (each including the observed count itself, so a count the
  /// forecast thought typical gets a tail near or above one half).
  package func tailProbability(observed: Int) -> Double {
    let k = observed - offset
    let upper = probabilities.indices.filter { $0 >= k }.reduce(0) { $0 + probabilities[$1] }
    let lower = probabilities.indices.filter { $0 <= k }.reduce(0) { $0 + probabilities[$1] }
    return min(1, Double(observed) >= mean ? upper : lower)
  }
}
