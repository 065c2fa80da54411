import Testing
@testable import BellwetherFit

/// docs/fit.md, "Poll selection": the slope through the origin of the polled seats' result minus
/// expected margin on the expected margin, by hand.
struct PollSelectionFitTests {
  static func seat(_ id: String, cycle: Int = 2010, margin: Double, houseVote: Double = -4) -> SeatObservation {
    SeatObservation(cycle: cycle, id: id, seatClass: .open, lean: 0, previousRelative: nil, margin: margin, houseVote: houseVote)
  }

  /// Polled seats (expected x, actual m): A (-14, -8), B (-4, -3), C (6, 2); unpolled D (-24, -25).
  /// The prediction is the seat's `lean` field... here a table: A -10, B 0, C 10, D -20 (plus the House
  /// vote -4 gives x). y = m - x: A 6, B 1, C -4. sum x y = -84 - 4 - 24 = -112; sum x^2 = 196 + 16 + 36 = 248;
  /// slope = 112/248 = 0.451613 (b = -0.451613). Residuals y - b x: 6 - 6.322581 = -0.322581,
  /// 1 - 1.806452 = -0.806452, -4 + 2.709677 = -1.290323; sum of squares 0.104058 + 0.650364 + 1.664932
  /// = 2.419355; SE = sqrt(2.419355 / 2 / 248) = 0.069841. Unpolled: x = -24, y = -1: slope = -(24/576) = -0.041667.
  /// A seat of a cycle without polls, or one the model cannot predict, is left out.
  @Test func slopeThroughTheOriginByHand() throws {
    let predictions = ["A": -10.0, "B": 0, "C": 10, "D": -20, "E": 5]
    let seats = [Self.seat("A", margin: -8), Self.seat("B", margin: -3), Self.seat("C", margin: 2), Self.seat("D", margin: -25),
                 Self.seat("E", cycle: 2014, margin: 30), Self.seat("F", margin: 50)]
    let polls = ["A", "A", "B", "C"].map { PollObservation(cycle: 2010, seat: $0, error: 1, sponsor: 0) }
      + [PollObservation(cycle: 2012, seat: "E", error: 0, sponsor: 0)]
    let fit = try #require(PollSelectionFit.fit(seats: seats, polls: polls) { predictions[$0.id] })
    #expect(abs(fit.slope - 0.451613) < 1e-6)
    #expect(abs(fit.standardError - 0.069841) < 1e-6)
    #expect(fit.seats == 3 && fit.cycles == [2010])
    #expect(abs(fit.unpolledSlope - -0.041667) < 1e-6 && fit.unpolledSeats == 1)
    // Fewer than three polled seats: no fit.
    #expect(PollSelectionFit.fit(seats: seats, polls: Array(polls.prefix(3))) { predictions[$0.id] } == nil)
  }
}
