import Foundation

/// The engine's specials table (`specials.csv`):
///
/// | column | meaning |
/// |---|---|
/// | `date` | election day, YYYY-MM-DD, inside the cycle |
/// | `state` | state |
/// | `seat` | race, e.g. `PA-18`, `HD-21` |
/// | `level` | `federal`, `statewide` or `state_legislative` (a key of the config's level weights) |
/// | `margin` | two-party margin, D minus R, points (empty if unpublished) |
/// | `lean` | lean of the race's district on its own lines, points (empty if unpublished) |
/// | `shift` | `margin - lean` (required; must equal it when both are given, within 0.01) |
/// | `source` | provenance |
package enum SpecialsTable {
  /// The columns, in order.
  package static let columns = ["date", "state", "seat", "level", "margin", "lean", "shift", "source"]

  /// Reads and validates a specials table against the cycle's dates, the known levels and, when
  /// given, the chamber's districts.
  ///
  /// The district check: a `federal` special whose seat starts with a House-district id
  /// (`XX-` and digits, e.g. `PA-18`, `GA-06 runoff`) must name a seat of the district table, in
  /// the row's own state. Other seats (`AL-SEN`, `HD-21`) are free text: a state-legislative race or a
  /// Senate special has no district in the chamber's table.
  /// - Parameters:
  ///   - districts: the chamber's seats; nil skips the district check.
  /// - Throws: `InputError` for one bad row, `InputErrors` for several (`RowErrors`).
  package static func read(_ table: CSVTable, cycleStart: CalendarDate, electionDate: CalendarDate,
                          levels: Set<String>, districts: [District]? = nil) throws -> [SpecialElection] {
    let c = try table.columns(columns)
    var seatState: [String: String] = [:]
    for d in districts ?? [] { seatState[d.id] = d.state }
    var specials: [SpecialElection] = []
    var seen: [String: Int] = [:]
    try RowErrors.eachRow(of: table) { row in
      let date = try row.date(c[0])
      guard date >= cycleStart, date <= electionDate else {
        throw row.error(c[0], expected: "a date in the cycle \(cycleStart.iso)...\(electionDate.iso)", found: date.iso)
      }
      let level = try row.requiredText(c[3])
      guard levels.contains(level) else {
        throw row.error(c[3], expected: "one of \(levels.sorted().joined(separator: ", ")) (the config's specials.levelWeights)", found: level)
      }
      let margin = try row.optionalNumber(c[4])
      let lean = try row.optionalNumber(c[5])
      let shift = try row.number(c[6])
      if let margin, let lean, abs(margin - lean - shift) > 0.01 {
        throw row.error(c[6], expected: "margin - lean = \(String(format: "%.3f", margin - lean))", found: row.text(c[6]))
      }
      guard abs(shift) <= 200 else { throw row.error(c[6], expected: "a shift within -200...200 points", found: row.text(c[6])) }
      let seat = try row.requiredText(c[2])
      let state = try row.requiredText(c[1])
      if let districts, level == "federal", let id = houseDistrictID(seat) {
        guard let home = seatState[id] else {
          throw row.error(c[2], expected: "a federal special in a district of the district table",
                          foundDescription: "'\(seat)' (\(id) is not among its \(districts.count) seats)")
        }
        guard home == state else {
          throw row.error(c[1], expected: "\(home), the state of district \(id)", found: state)
        }
      }
      let key = "\(date.iso)|\(state)|\(seat)"
      if let first = seen[key] {
        throw row.error(c[2], expected: "one row per race and date (same race on line \(first))", found: seat)
      }
      seen[key] = row.line
      specials.append(SpecialElection(date: date, state: state, seat: seat, level: level, margin: margin,
                                      lean: lean, shift: shift, source: row.text(c[7])))
    }
    return specials
  }

  /// The House-district id a seat starts with (`PA-18` in `PA-18` or `GA-06 runoff`), if it does:
  /// two capital letters, a hyphen and digits.
  package static func houseDistrictID(_ seat: String) -> String? {
    let token = seat.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
    let parts = token.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isUppercase }),
          !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return token
  }

  /// Renders specials in the table's schema.
  package static func render(_ specials: [SpecialElection]) -> String {
    var out = columns.joined(separator: ",") + "\n"
    for s in specials {
      let fields = [s.date.iso, s.state, s.seat, s.level, s.margin.map { String(format: "%.3f", $0) } ?? "",
                    s.lean.map { String(format: "%.3f", $0) } ?? "", String(format: "%.3f", s.shift), s.source]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
