import BellwetherEngine
/// What actually happened in each seat: the results a backtest scores against.
package struct ElectionOutcomes: Sendable, Codable, Equatable {
  /// One seat's result.
  package struct Seat: Sendable, Codable, Equatable {
    /// Seat id, as in the district table.
    package var id: String
    /// The certified winner's party; nil when no winner was certified (e.g. NC-09 2018, `VACANT`).
    package var winner: Party?
    /// Whether both major parties were on the ballot (a two-party contest).
    package var contested: Bool
    /// Why the seat has no winner, when it has none.
    package var note: String

    /// Creates a seat result.
    package init(id: String, winner: Party?, contested: Bool, note: String = "") {
      self.id = id
      self.winner = winner
      self.contested = contested
      self.note = note
    }
  }

  /// Every seat, in the results table's order.
  package var seats: [Seat]
  /// The national two-party House vote margin, D minus R, in points.
  package var houseVoteMargin: Double

  /// Creates outcomes.
  package init(seats: [Seat], houseVoteMargin: Double) {
    self.seats = seats
    self.houseVoteMargin = houseVoteMargin
  }

  /// Seats won by Democrats.
  package var democraticSeats: Int { seats.filter { $0.winner == .democratic }.count }

  /// Seats left out of every score because no winner was certified.
  var undecided: [Seat] { seats.filter { $0.winner == nil } }

  /// The seats a race set counts, in table order.
  package func seats(in set: RaceSet) -> [Seat] {
    seats.filter { set.counts($0) }
  }
}

extension ElectionOutcomes {
  /// The outcomes of a cycle's results table (`ResultsTable`, already checked to hold every seat
  /// once), in the district table's order. A seat without a certified winner is left out of every
  /// score; a D-vs-R deciding round makes it contested.
  package init(results: [SeatResult], districts: [District], houseVoteMargin: Double) {
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    let seats = districts.map { d -> Seat in
      let r = byID[d.id]!  // ResultsTable.read checked every seat has a row
      let note = r.note.isEmpty && r.winner == nil ? "no certified winner" : r.note
      return Seat(id: d.id, winner: r.winner, contested: r.isTwoPartyContest, note: note)
    }
    self.init(seats: seats, houseVoteMargin: houseVoteMargin)
  }
}
