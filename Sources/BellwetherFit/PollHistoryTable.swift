import BellwetherEngine
import Foundation

/// The past district polls beside their seats' results that a fit may read besides the shipped
/// cycles' own polls (`config/national/poll_history.csv`, written by `bellwether import`; docs/fit.md,
/// "District polls"): one row per poll.
///
/// | column | meaning |
/// |---|---|
/// | `cycle` | the election year (even) |
/// | `seat` | seat id, `ST-NN`, on that year's lines |
/// | `date` | the poll's field date, YYYY-MM-DD, before the election |
/// | `pollster` | who ran it (non-empty) |
/// | `sponsor` | `D` or `R` for a party-sponsored poll, empty for a nonpartisan one |
/// | `margin` | the poll's two-party margin, D minus R, points (within -100...100) |
/// | `result_margin` | the seat's two-party result, D minus R, points (within -100...100) |
package enum PollHistoryTable {
  /// The columns, in order.
  package static let columns = ["cycle", "seat", "date", "pollster", "sponsor", "margin", "result_margin"]

  /// Reads and validates the table as poll errors (poll margin minus result); every bad row is
  /// reported (`RowErrors`).
  /// - Throws: `InputError` with file, line and field for one bad row, `InputErrors` for several.
  package static func read(_ table: CSVTable) throws -> [PollObservation] {
    let c = try table.columns(columns)
    var polls: [PollObservation] = []
    try RowErrors.eachRow(of: table) { row in
      let cycle = try row.integer(c[0])
      guard cycle % 2 == 0, (1900...2100).contains(cycle) else {
        throw row.error(c[0], expected: "an even election year in 1900...2100", found: row.text(c[0]))
      }
      let seat = try row.requiredText(c[1])
      let date = try row.date(c[2])
      guard date < ElectionDay.unitedStatesFederal(year: cycle) else {
        throw row.error(c[2], expected: "a date before the \(cycle) election", found: date.iso)
      }
      let pollster = try row.requiredText(c[3])
      var sponsor = 0.0
      switch row.text(c[4]) {
      case "": sponsor = 0
      case "D": sponsor = 1
      case "R": sponsor = -1
      default: throw row.error(c[4], expected: "D, R or empty", found: row.text(c[4]))
      }
      let margin = try row.number(c[5]), result = try row.number(c[6])
      guard abs(margin) <= 100 else { throw row.error(c[5], expected: "a two-party margin within -100...100 points", found: row.text(c[5])) }
      guard abs(result) <= 100 else { throw row.error(c[6], expected: "a two-party margin within -100...100 points", found: row.text(c[6])) }
      polls.append(PollObservation(cycle: cycle, seat: seat, error: margin - result, sponsor: sponsor, pollster: pollster))
    }
    return polls
  }
}
