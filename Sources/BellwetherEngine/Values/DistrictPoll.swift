/// One poll of a district's House general election (docs/model.md §2.5): the polls table's row.
package struct DistrictPoll: Sendable, Codable, Equatable {
  /// Seat id, as in the district table.
  package var seat: String
  /// The poll's (last) field date.
  package var date: CalendarDate
  /// Who ran it.
  package var pollster: String
  /// Respondents, when published.
  package var sampleSize: Int?
  /// Two-party margin, D minus R, points.
  package var margin: Double
  /// The party that sponsored it (a partisan poll), or nil for a nonpartisan one.
  package var sponsor: Party?

  /// Creates a poll.
  package init(seat: String, date: CalendarDate, pollster: String, sampleSize: Int?, margin: Double, sponsor: Party?) {
    self.seat = seat
    self.date = date
    self.pollster = pollster
    self.sampleSize = sampleSize
    self.margin = margin
    self.sponsor = sponsor
  }
}
