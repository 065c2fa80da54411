/// A probability forecast of a yes/no event and whether it happened: in a backtest, a seat's chance
/// of a Democratic win and whether the Democrat won.
package struct BinaryForecast: Sendable, Codable, Equatable {
  /// What was forecast, e.g. the seat id `PA-07`.
  package var id: String
  /// The forecast probability of the event, in 0...1.
  package var probability: Double
  /// Whether the event happened.
  var occurred: Bool

  /// Creates a forecast-outcome pair.
  package init(id: String, probability: Double, occurred: Bool) {
    precondition((0...1).contains(probability), "a probability is in 0...1, got \(probability) for \(id)")
    self.id = id
    self.probability = probability
    self.occurred = occurred
  }

  /// The outcome as a number: 1 if it happened, 0 if not.
  package var outcome: Double { occurred ? 1 : 0 }
}
