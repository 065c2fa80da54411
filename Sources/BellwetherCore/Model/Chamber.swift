/// What is being forecast: a single-member chamber and its election.
public struct Chamber: Sendable, Codable, Equatable {
  /// A human name, e.g. "U.S. House 2018".
  public var name: String
  /// Number of seats.
  public var seats: Int
  /// Seats the Democrats need for a majority (MODEL.md section 5: more than half, unless set).
  public var majority: Int
  /// First day of the cycle: specials before it are refused.
  public var cycleStart: CalendarDate
  /// Election day.
  public var electionDate: CalendarDate

  /// Creates a chamber description.
  public init(name: String, seats: Int, majority: Int, cycleStart: CalendarDate, electionDate: CalendarDate) {
    self.name = name
    self.seats = seats
    self.majority = majority
    self.cycleStart = cycleStart
    self.electionDate = electionDate
  }

  /// The election cycle's year.
  public var cycle: Int { electionDate.components.year }
}
