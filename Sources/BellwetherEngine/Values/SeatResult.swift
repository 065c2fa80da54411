/// The result of one seat's election, for scoring a forecast after the fact (a backtest). The
/// forecast itself never reads it.
package struct SeatResult: Sendable, Codable, Equatable {
  /// Seat id, the same as the district table's.
  package var id: String
  /// The party that won the seat; nil when no winner was certified.
  package var winner: Party?
  /// Two-party margin of the result, D minus R, in points; nil when there was no two-party contest.
  package var margin: Double?
  /// The result's contest code as its source wrote it (e.g. `D_vs_R`, `D_no_R`, `D_vs_D`).
  package var contest: String
  /// Free text: how the seat was decided when that is not plain (a runoff, an uncertified count).
  package var note: String

  /// Creates a seat result.
  package init(id: String, winner: Party?, margin: Double?, contest: String, note: String = "") {
    self.id = id
    self.winner = winner
    self.margin = margin
    self.contest = contest
    self.note = note
  }

  /// The contest code of a race with a Democrat and a Republican on the ballot (the code of every
  /// table: `D_vs_R`).
  package static let twoPartyContest = "D_vs_R"

  /// Whether the deciding round had a Democrat and a Republican.
  package var isTwoPartyContest: Bool { contest == SeatResult.twoPartyContest }
}
