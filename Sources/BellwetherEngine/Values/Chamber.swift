/// What is being forecast: a single-member chamber and its election.
package struct Chamber: Sendable, Codable, Equatable {
  /// A human name, e.g. "U.S. House 2018".
  package var name: String
  /// Number of seats.
  package var seats: Int
  /// Seats the Democrats need for a majority (docs/model.md §5.1: more than half, unless set).
  package var majority: Int
  /// First day of the cycle: specials before it are refused.
  package var cycleStart: CalendarDate
  /// Election day.
  package var electionDate: CalendarDate

  /// Creates a chamber description.
  package init(name: String, seats: Int, majority: Int, cycleStart: CalendarDate, electionDate: CalendarDate) {
    self.name = name
    self.seats = seats
    self.majority = majority
    self.cycleStart = cycleStart
    self.electionDate = electionDate
  }

  /// The election cycle's year.
  package var cycle: Int { electionDate.components.year }
}
