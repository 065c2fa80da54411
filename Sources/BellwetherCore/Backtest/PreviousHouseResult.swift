/// The previous House election in a seat, relative to the nation: the raw material of the
/// previous-result baseline (`PreviousResultBaseline`).
public struct PreviousHouseResult: Sendable, Codable, Equatable {
  /// Seat id.
  public var seat: String
  /// The party that won the seat last time.
  public var winner: Party
  /// The seat's two-party margin last time minus the national two-party House margin that year,
  /// in points, D positive: the seat's lean as its own House race measured it.
  public var relativeMargin: Double

  /// Creates a previous result.
  public init(seat: String, winner: Party, relativeMargin: Double) {
    self.seat = seat
    self.winner = winner
    self.relativeMargin = relativeMargin
  }
}
