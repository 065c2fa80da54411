/// One seat of the chamber, as the model sees it.
package struct District: Sendable, Codable, Equatable {
  /// Whether the seat is simulated or already decided.
  package enum Status: Sendable, Equatable, Codable {
    /// Both major parties are on the ballot: the seat is simulated.
    case contested
    /// No two-party contest (unopposed, or two candidates of one party): the seat is fixed.
    case fixed(Party)
  }

  /// Seat id, e.g. `PA-07`.
  package var id: String
  /// State (or other grouping whose seats swing together), e.g. `PA`.
  package var state: String
  /// Region (e.g. Census division) whose seats swing together.
  package var region: String
  /// Partisan lean: district presidential margin minus the national one, in points (docs/model.md §1.2).
  package var lean: Double
  /// The party of the incumbent on the ballot, or nil for an open seat.
  package var incumbent: Party?
  /// Contest status.
  package var status: Status
  /// The party holding the seat before the election, when known (for net change).
  package var heldBy: Party?
  /// A free-text note shown in reports (e.g. why a seat is special).
  package var note: String

  /// Creates a district.
  package init(id: String, state: String, region: String, lean: Double, incumbent: Party?,
              status: Status, heldBy: Party?, note: String = "") {
    self.id = id
    self.state = state
    self.region = region
    self.lean = lean
    self.incumbent = incumbent
    self.status = status
    self.heldBy = heldBy
    self.note = note
  }
}
