import Foundation

/// How much closer than its fundamentals a polled seat turns out (docs/fit.md, "Poll selection";
/// the engine's `polls.selectionSlope`, docs/model.md §2.5): seats are polled where a race looks
/// close, so among polled seats the result errs from the district model toward zero.
///
/// For each past polled seat (a seat of the district fit's seats with at least one poll of its
/// cycle), `x` = its expected margin, the district fit's prediction plus the cycle's House vote, and
/// `y` = its actual margin minus `x`. The slope is the least-squares line through the origin,
/// `selectionSlope = -sum(x y) / sum(x^2)`, with the classical SE `s / sqrt(sum x^2)` (s the residual SD,
/// n − 1 degrees of freedom). The same regression over the unpolled seats is reported beside it: the
/// district fit is least squares on all seats, so there it is near zero and the polled seats' slope is
/// the selection. The district fit is made on the same cycles (all before the target cycle).
package struct PollSelectionFit: Sendable, Codable, Equatable {
  /// The slope over the polled seats (the prior's value), its SE and seats.
  package var slope: Double
  package var standardError: Double
  package var seats: Int
  /// The same regression over the seats without a poll.
  package var unpolledSlope: Double
  package var unpolledSeats: Int
  /// Cycles of the polled seats.
  package var cycles: [Int]

  /// The fit, or nil with fewer than three polled seats the district model predicts.
  package static func fit(seats: [SeatObservation], polls: [PollObservation], district: DistrictModelFit) -> PollSelectionFit? {
    fit(seats: seats, polls: polls, predict: district.predict)
  }

  /// The fit with `predict` giving a seat's expected `margin − houseVote`.
  package static func fit(seats: [SeatObservation], polls: [PollObservation],
                          predict: (SeatObservation) -> Double?) -> PollSelectionFit? {
    struct Key: Hashable { var cycle: Int; var seat: String }
    let polled = Set(polls.map { Key(cycle: $0.cycle, seat: $0.seat) })
    let pollCycles = Set(polls.map(\.cycle))
    var points: [(x: Double, y: Double)] = [], unpolled: [(x: Double, y: Double)] = []
    var cycles = Set<Int>()
    for s in seats where pollCycles.contains(s.cycle) {
      guard let prediction = predict(s) else { continue }
      let x = prediction + s.houseVote
      if polled.contains(Key(cycle: s.cycle, seat: s.id)) {
        points.append((x, s.margin - x))
        cycles.insert(s.cycle)
      } else {
        unpolled.append((x, s.margin - x))
      }
    }
    /// The least-squares slope through the origin of y on x, and sum x^2.
    func slope(_ p: [(x: Double, y: Double)]) -> (b: Double, xx: Double) {
      let xx = p.reduce(0.0) { $0 + $1.x * $1.x }
      return (xx > 0 ? p.reduce(0.0) { $0 + $1.x * $1.y } / xx : 0, xx)
    }
    let (b, xx) = slope(points), n = points.count
    guard n >= 3, xx > 0 else { return nil }
    let residuals = points.reduce(0.0) { $0 + ($1.y - b * $1.x) * ($1.y - b * $1.x) }
    return PollSelectionFit(slope: -b, standardError: (residuals / Double(n - 1) / xx).squareRoot(), seats: n,
                            unpolledSlope: unpolled.isEmpty ? 0 : -slope(unpolled).b, unpolledSeats: unpolled.count, cycles: cycles.sorted())
  }
}
