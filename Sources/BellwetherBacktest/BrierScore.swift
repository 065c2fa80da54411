/// The Brier score (G. W. Brier, "Verification of forecasts expressed in terms of probability",
/// Monthly Weather Review 78(1), 1950): the mean squared difference between the forecast probability
/// and the outcome (1 or 0), `(1/n) sum (p_i - o_i)^2`. 0 is perfect; always saying 50% scores 0.25.
/// It is a proper score: a forecaster minimises its expectation by stating its true belief.
package enum BrierScore {
  /// The mean Brier score of the forecasts (nil when there are none).
  /// - Complexity: O(n).
  package static func mean(_ forecasts: [BinaryForecast]) -> Double? {
    guard !forecasts.isEmpty else { return nil }
    let total = forecasts.reduce(0.0) { sum, f in
      let d = f.probability - f.outcome
      return sum + d * d
    }
    return total / Double(forecasts.count)
  }
}
