/// The races a forecast called wrong: the favourite (probability above one half) lost. A race
/// forecast at exactly 50% has no favourite and counts as half a miss, so that a coin-flip forecaster
/// expects to miss half the races.
package struct WrongFavourites: Sendable, Codable, Equatable {
  /// Ids of the races whose favourite lost, in input order.
  package var misses: [String]
  /// Ids of the races forecast at exactly 50%.
  var tossUps: [String]

  /// Finds the wrong favourites.
  /// - Complexity: O(n).
  package init(_ forecasts: [BinaryForecast]) {
    misses = []
    tossUps = []
    for f in forecasts {
      if f.probability == 0.5 {
        tossUps.append(f.id)
      } else if (f.probability > 0.5) != f.occurred {
        misses.append(f.id)
      }
    }
  }

  /// The number of wrong calls: misses plus half the toss-ups.
  package var count: Double { Double(misses.count) + 0.5 * Double(tossUps.count) }
}
