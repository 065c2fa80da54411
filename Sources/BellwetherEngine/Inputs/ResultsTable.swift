import Foundation

/// The engine's results table (`results.csv`, the config's `data.results`): how each seat was
/// decided, for scoring a backtest. One row per seat, with the district table's ids.
///
/// | column | meaning |
/// |---|---|
/// | `id` | seat id, unique |
/// | `winner` | `D`, `R`, or empty when no winner was certified |
/// | `margin` | two-party margin of the result, D minus R, points (4 decimals); empty when there was no two-party contest |
/// | `contest` | the result's contest code (e.g. `D_vs_R`, `D_no_R`, `R_vs_R`) |
/// | `note` | free text |
package enum ResultsTable {
  /// The columns, in order.
  package static let columns = ["id", "winner", "margin", "contest", "note"]

  /// Reads and validates a results table. The header must hold exactly these columns (in any order).
  /// - Parameter districts: the chamber's seats; when given, the table must hold exactly their ids.
  /// A winner must be on its margin's side (a margin of 0 goes with either).
  /// - Throws: `InputError` with file, line and field for one bad row, `InputErrors` for several
  ///   (`RowErrors`).
  package static func read(_ table: CSVTable, districts: [District]? = nil) throws -> [SeatResult] {
    let c = try table.columns(columns)
    var seen: [String: Int] = [:]
    var results: [SeatResult] = []
    let known = districts.map { Set($0.map(\.id)) }
    try RowErrors.eachRow(of: table) { row in
      let id = try row.requiredText(c[0])
      if let first = seen[id] {
        throw row.error(c[0], expected: "a unique id (already on line \(first))", found: id)
      }
      seen[id] = row.line
      if let known, !known.contains(id) {
        throw row.error(c[0], expected: "a seat of the district table", found: id)
      }
      let winner: Party?
      if row.text(c[1]).isEmpty {
        winner = nil
      } else {
        guard let party = Party(code: row.text(c[1])) else { throw row.error(c[1], expected: "D, R or empty", found: row.text(c[1])) }
        winner = party
      }
      let margin = try row.optionalNumber(c[2])
      if let margin, abs(margin) > 100 {
        throw row.error(c[2], expected: "a two-party margin within -100...100 points", found: row.text(c[2]))
      }
      if let margin, let winner, margin != 0, (margin > 0) != (winner == .democratic) {
        throw row.error(c[2], expected: "a margin on the winner's side (\(winner.rawValue))", found: row.text(c[2]))
      }
      results.append(SeatResult(id: id, winner: winner, margin: margin, contest: try row.requiredText(c[3]),
                                note: row.text(c[4])))
    }
    if let districts, results.count != districts.count {
      let missing = districts.map(\.id).filter { seen[$0] == nil }
      throw InputError(file: table.file, expected: "a row for each of the \(districts.count) seats",
                       foundDescription: "none for \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? " and \(missing.count - 5) more" : "")")
    }
    return results
  }

  /// Renders results in the table's schema.
  package static func render(_ results: [SeatResult]) -> String {
    var out = columns.joined(separator: ",") + "\n"
    for r in results {
      let fields = [r.id, r.winner?.rawValue ?? "", r.margin.map { String(format: "%.4f", $0) } ?? "", r.contest, r.note]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
