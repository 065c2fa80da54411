import BellwetherEngine
import Foundation

/// The contested seats of House midterms before the first shipped cycle that the district fit may
/// read besides the shipped cycles' own seats (`config/national/district_history.csv`, written by
/// `bellwether import`; docs/fit.md, "District model"): one row per seat with a two-party result.
///
/// | column | meaning |
/// |---|---|
/// | `cycle` | the election year (even) |
/// | `seat` | seat id, `ST-NN`, on that year's lines |
/// | `incumbent` | `D` or `R` for a seat defended by that party's incumbent, empty for an open seat |
/// | `lean` | the seat's presidential lean on that year's lines (docs/model.md §1.2), points |
/// | `margin` | the seat's two-party result, D minus R, points (within -100...100) |
/// | `house_vote` | that year's national two-party House margin, points |
/// | `prev_margin` | the previous two-party result on the same lines, points; empty when the seat was redrawn or the previous race was not a D-vs-R contest |
/// | `prev_house_vote` | the previous cycle's national two-party House margin, points; empty with `prev_margin` |
package enum DistrictHistoryTable {
  /// The incumbency advantage of the uniform rule the history's cycles are compared with in the
  /// fit report ("current rule"): the shipped configs' `incumbency.advantage`, 4 margin points.
  package static let ruleAdvantage = 4.0

  /// The columns, in order.
  package static let columns = ["cycle", "seat", "incumbent", "lean", "margin", "house_vote", "prev_margin", "prev_house_vote"]

  /// Reads and validates the table as the district fit's seat observations (`previousRelative` =
  /// `prev_margin − prev_house_vote`, as `CycleData.load` builds it for a shipped cycle); every bad
  /// row is reported (`RowErrors`).
  /// - Throws: `InputError` with file, line and field for one bad row, `InputErrors` for several.
  package static func read(_ table: CSVTable) throws -> [SeatObservation] {
    let c = try table.columns(columns)
    var seats: [SeatObservation] = []
    var seen: Set<String> = []
    try RowErrors.eachRow(of: table) { row in
      let cycle = try row.integer(c[0])
      guard cycle % 2 == 0, (1900...2100).contains(cycle) else {
        throw row.error(c[0], expected: "an even election year in 1900...2100", found: row.text(c[0]))
      }
      let seat = try row.requiredText(c[1])
      guard seen.insert("\(cycle) \(seat)").inserted else { throw row.error(c[1], expected: "one row per seat and cycle", found: seat) }
      let seatClass: SeatClass
      switch row.text(c[2]) {
      case "D": seatClass = .democraticIncumbent
      case "R": seatClass = .republicanIncumbent
      case "": seatClass = .open
      default: throw row.error(c[2], expected: "D, R or empty (open)", found: row.text(c[2]))
      }
      func margin(_ i: Int) throws -> Double {
        let m = try row.number(c[i])
        guard abs(m) <= 100 else { throw row.error(c[i], expected: "a two-party margin within -100...100 points", found: row.text(c[i])) }
        return m
      }
      let lean = try row.number(c[3])
      guard abs(lean) <= 200 else { throw row.error(c[3], expected: "a lean within -200...200 points", found: row.text(c[3])) }
      let result = try margin(4), vote = try margin(5)
      var previous: Double?
      switch (row.text(c[6]).isEmpty, row.text(c[7]).isEmpty) {
      case (true, true): previous = nil
      case (false, false): previous = try margin(6) - margin(7)
      case (false, true): throw row.error(c[7], expected: "the previous House vote beside prev_margin", found: "")
      case (true, false): throw row.error(c[6], expected: "a previous margin beside prev_house_vote", found: "")
      }
      seats.append(SeatObservation(cycle: cycle, id: seat, seatClass: seatClass, lean: lean, previousRelative: previous,
                                   margin: result, houseVote: vote))
    }
    return seats
  }
}
