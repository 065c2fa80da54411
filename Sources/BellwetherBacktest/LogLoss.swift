import Foundation

/// The logarithmic score as a loss (I. J. Good, "Rational decisions", J. Royal Statistical Society B
/// 14(1), 1952): the mean of `-ln(p_i)` when the event happened and `-ln(1 - p_i)` when it did not,
/// in nats. 0 is perfect; always saying 50% scores ln 2 = 0.693.
///
/// A forecast of exactly 0 or 1 that turns out wrong has an infinite loss, so every probability is
/// first clipped to `[clip, 1 - clip]` with `clip = 0.0001`. That is the resolution of the published
/// forecasts compared in backtests (FiveThirtyEight prints win probabilities with four decimals, so
/// its 0 means "below 0.00005"), and every forecaster is clipped the same way: a confident miss
/// costs at most `-ln(0.0001) = 9.2` nats.
package enum LogLoss {
  /// The clipping bound applied to every probability.
  package static let clip = 0.0001

  /// The mean log loss of the forecasts, in nats (nil when there are none).
  /// - Complexity: O(n).
  package static func mean(_ forecasts: [BinaryForecast]) -> Double? {
    guard !forecasts.isEmpty else { return nil }
    let total = forecasts.reduce(0.0) { sum, f in
      let p = min(max(f.probability, clip), 1 - clip)
      return sum - log(f.occurred ? p : 1 - p)
    }
    return total / Double(forecasts.count)
  }
}
