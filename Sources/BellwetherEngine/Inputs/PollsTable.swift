import Foundation

/// The engine's district-polls table (`polls.csv`, the config's optional `data.polls`; docs/model.md
/// §2.5, docs/data-schema.md): one row per poll of a seat's House general election.
///
/// | column | meaning |
/// |---|---|
/// | `id` | seat id, a seat of the district table |
/// | `date` | the poll's field date, YYYY-MM-DD, in the cycle and before election day |
/// | `pollster` | who ran it (non-empty) |
/// | `sample_size` | respondents, a positive whole number, or empty when not published |
/// | `margin` | two-party margin, D minus R, points (within -100...100) |
/// | `sponsor` | `D` or `R` for a poll sponsored by a party or its candidate, empty for a nonpartisan one |
package enum PollsTable {
  /// The columns, in order.
  package static let columns = ["id", "date", "pollster", "sample_size", "margin", "sponsor"]

  /// Reads and validates a polls table; every bad row is reported (`RowErrors`).
  /// - Parameters:
  ///   - districts: the chamber's seats; every poll's id must be one of them.
  ///   - cycleStart, electionDate: a poll must be dated in `cycleStart..<electionDate`.
  /// - Throws: `InputError` with file, line and field for one bad row, `InputErrors` for several.
  package static func read(_ table: CSVTable, districts: [District], cycleStart: CalendarDate,
                           electionDate: CalendarDate) throws -> [DistrictPoll] {
    let c = try table.columns(columns)
    let known = Set(districts.map(\.id))
    var polls: [DistrictPoll] = []
    try RowErrors.eachRow(of: table) { row in
      let id = try row.requiredText(c[0])
      guard known.contains(id) else { throw row.error(c[0], expected: "a seat of the district table", found: id) }
      let date = try row.date(c[1])
      guard date >= cycleStart, date < electionDate else {
        throw row.error(c[1], expected: "a date in the cycle \(cycleStart.iso) and before election day \(electionDate.iso)", found: date.iso)
      }
      let pollster = try row.requiredText(c[2])
      var size: Int?
      if !row.text(c[3]).isEmpty {
        guard let n = Int(row.text(c[3])), n > 0 else {
          throw row.error(c[3], expected: "a positive whole number of respondents, or empty", found: row.text(c[3]))
        }
        size = n
      }
      let margin = try row.number(c[4])
      guard abs(margin) <= 100 else { throw row.error(c[4], expected: "a two-party margin within -100...100 points", found: row.text(c[4])) }
      var sponsor: Party?
      if !row.text(c[5]).isEmpty {
        guard let party = Party(code: row.text(c[5])) else { throw row.error(c[5], expected: "D, R or empty", found: row.text(c[5])) }
        sponsor = party
      }
      polls.append(DistrictPoll(seat: id, date: date, pollster: pollster, sampleSize: size, margin: margin, sponsor: sponsor))
    }
    return polls
  }

  /// Renders polls in the table's schema (margins to 4 decimals).
  package static func render(_ polls: [DistrictPoll]) -> String {
    var out = columns.joined(separator: ",") + "\n"
    for p in polls {
      let fields = [p.seat, p.date.iso, p.pollster, p.sampleSize.map(String.init) ?? "", String(format: "%.4f", p.margin),
                    p.sponsor?.rawValue ?? ""]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
