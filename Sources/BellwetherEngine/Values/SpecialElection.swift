/// A special (or off-cycle) election held during the cycle, used to read the national environment.
package struct SpecialElection: Sendable, Codable, Equatable {
  /// Election day.
  package var date: CalendarDate
  /// State of the race.
  package var state: String
  /// The race, e.g. `PA-18` or `HD-21`.
  package var seat: String
  /// Level, a key of the config's level weights: `federal`, `statewide`, `state_legislative`.
  package var level: String
  /// Two-party margin of the special, D minus R, in points, when published.
  package var margin: Double?
  /// Lean of the special's district on its own lines, in points, when published.
  package var lean: Double?
  /// `x = margin - lean`: the national environment the special implies (docs/model.md §2.2).
  package var shift: Double
  /// Where the row came from.
  package var source: String

  /// Creates a special election.
  package init(date: CalendarDate, state: String, seat: String, level: String, margin: Double?,
              lean: Double?, shift: Double, source: String) {
    self.date = date
    self.state = state
    self.seat = seat
    self.level = level
    self.margin = margin
    self.lean = lean
    self.shift = shift
    self.source = source
  }
}
