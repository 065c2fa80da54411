/// Reliability of probability forecasts by bin (the reliability diagram of A. H. Murphy and
/// R. L. Winkler, "Reliability of subjective probability forecasts of precipitation and temperature",
/// J. Royal Statistical Society C 26(1), 1977): forecasts are grouped by stated probability, and each
/// group's mean forecast is set beside how often its events happened. A calibrated forecaster's
/// points lie on the diagonal, within sampling error.
package struct ReliabilityTable: Sendable, Codable, Equatable {
  /// One probability bin.
  package struct Bin: Sendable, Codable, Equatable {
    /// The bin covers `lower ..< upper` (the last bin includes 1).
    package var lower: Double
    package var upper: Double
    /// Forecasts in the bin.
    package var count: Int
    /// Events that happened among them.
    var events: Int
    /// Mean forecast probability in the bin (nil when empty).
    var meanProbability: Double?
    /// Observed frequency `events / count` (nil when empty).
    var observedFrequency: Double?
    /// Binomial standard error of the observed frequency if the forecasts were calibrated,
    /// `sqrt(pbar (1 - pbar) / count)` (nil when empty).
    package var standardError: Double?
    /// The variance of the number of events in the bin under the forecast's own joint distribution of the
    /// seats (`jointCounts`); nil for forecasts without draws (published ones) and empty bins.
    package var eventVariance: Double?
    /// The SE of the observed frequency if the forecast's joint distribution were right, with its
    /// dependence between seats: `sqrt(eventVariance) / count`. A shared national or class error moves
    /// many seats of a bin together, so this band is usually wider than `standardError`, which takes the
    /// seats as independent (and uses the bin's mean p, so for nearly independent seats it can be the
    /// wider one).
    package var jointStandardError: Double?
    /// The one-sided chance, under that joint distribution, of a count of events as far from its mean as the
    /// observed one or further (`EventCountDistribution.tailProbability`): exact where the count is
    /// skewed, as in the end bins, where an SE is a poor guide.
    package var jointTailProbability: Double?
    /// The distribution itself (kept in memory to pool the cycles; not written).
    package var jointCounts: EventCountDistribution? = nil

    enum CodingKeys: String, CodingKey {
      case lower, upper, count, events, meanProbability, observedFrequency, standardError
      case eventVariance, jointStandardError, jointTailProbability
    }
  }

  /// The bins, from 0 up.
  package var bins: [Bin]

  /// The bins of every table the backtest writes (width 0.1).
  package static let defaultBinCount = 10

  /// The bin of probability `p` among `binCount` equal-width bins: `k / binCount <= p < (k + 1) / binCount`,
  /// and p = 1 goes in the last bin.
  package static func bin(of p: Double, binCount: Int = defaultBinCount) -> Int { min(Int(p * Double(binCount)), binCount - 1) }

  /// Groups the forecasts into `binCount` equal-width bins of probability (`bin(of:)`).
  /// - Parameter jointCounts: each bin's distribution of its number of events under the forecast's joint
  ///   distribution of the seats, when the forecast has draws.
  /// - Complexity: O(n + binCount), and the distributions' lengths.
  package init(_ forecasts: [BinaryForecast], binCount: Int = defaultBinCount, jointCounts: [EventCountDistribution]? = nil) {
    precondition(binCount >= 1 && (jointCounts?.count ?? binCount) == binCount)
    var counts = [Int](repeating: 0, count: binCount)
    var events = [Int](repeating: 0, count: binCount)
    var sums = [Double](repeating: 0, count: binCount)
    for f in forecasts {
      let k = ReliabilityTable.bin(of: f.probability, binCount: binCount)
      counts[k] += 1
      sums[k] += f.probability
      if f.occurred { events[k] += 1 }
    }
    bins = (0..<binCount).map { k in
      let n = counts[k]
      let mean = n > 0 ? sums[k] / Double(n) : nil
      let joint = jointCounts?[k]
      return Bin(lower: Double(k) / Double(binCount), upper: Double(k + 1) / Double(binCount), count: n,
                 events: events[k], meanProbability: mean,
                 observedFrequency: n > 0 ? Double(events[k]) / Double(n) : nil,
                 standardError: mean.map { ($0 * (1 - $0) / Double(n)).squareRoot() },
                 eventVariance: n > 0 ? joint?.variance : nil,
                 jointStandardError: n > 0 ? joint.map { $0.variance.squareRoot() / Double(n) } : nil,
                 jointTailProbability: n > 0 ? joint?.tailProbability(observed: events[k]) : nil,
                 jointCounts: n > 0 ? joint : nil)
    }
  }
}
