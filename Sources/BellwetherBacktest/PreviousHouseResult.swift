import BellwetherEngine
/// The previous House election in a seat, relative to the nation: the raw material of the
/// previous-result baseline (`PreviousResultBaseline`).
package struct PreviousHouseResult: Sendable, Codable, Equatable {
  /// Seat id.
  package var seat: String
  /// The party that won the seat last time.
  package var winner: Party
  /// The seat's two-party margin last time minus the national two-party House margin that year,
  /// in points, D positive: the seat's lean as its own House race measured it.
  package var relativeMargin: Double

  /// Creates a previous result.
  package init(seat: String, winner: Party, relativeMargin: Double) {
    self.seat = seat
    self.winner = winner
    self.relativeMargin = relativeMargin
  }
}
