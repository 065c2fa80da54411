import BellwetherEngine
import Foundation

/// A cycle's results table (`data.results` in the config; docs/data-schema.md), read into the
/// outcomes a backtest scores against:
///
/// | column | meaning |
/// |---|---|
/// | `id` | seat id, as in the district table (every seat exactly once) |
/// | `winner` | `D`, `R`, or empty when no winner was certified (left out of every score) |
/// | `margin` | the result's two-party margin, D minus R, points; empty without a two-party contest |
/// | `contest` | the result's contest code; `D_vs_R` is a two-party contest |
/// | `note` | free text (why a seat has no winner, a runoff, ...) |
package enum CycleResults {
  /// The columns, in order.
  package static let columns = ["id", "winner", "margin", "contest", "note"]

  /// Reads the table and checks it names exactly the district table's seats.
  /// - Parameters:
  ///   - houseVoteMargin: the cycle's national two-party House margin.
  /// - Throws: `InputError` (or `InputErrors`, up to 20) naming the file, line and field.
  package static func read(_ table: CSVTable, districts: [District], houseVoteMargin: Double) throws -> ElectionOutcomes {
    let c = try table.columns(columns)
    let order = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($0.element.id, $0.offset) })
    var seats: [ElectionOutcomes.Seat?] = Array(repeating: nil, count: districts.count)
    var errors: [InputError] = []
    for row in table.typedRows {
      do {
        let id = try row.requiredText(c[0])
        guard let k = order[id] else { throw row.error(c[0], expected: "a seat of the district table", found: id) }
        guard seats[k] == nil else { throw row.error(c[0], expected: "each seat once", found: "\(id) again") }
        let winner: Party?
        if row.text(c[1]).isEmpty {
          winner = nil
        } else {
          guard let party = Party(code: row.text(c[1])) else { throw row.error(c[1], expected: "D, R or empty", found: row.text(c[1])) }
          winner = party
        }
        let margin = try row.optionalNumber(c[2])
        let contest = try row.requiredText(c[3])
        if let margin, let winner, margin != 0, (margin > 0) != (winner == .democratic) {
          throw row.error(c[2], expected: "a margin on the winner's side (\(winner.rawValue))", found: row.text(c[2]))
        }
        let note = row.text(c[4]).isEmpty && winner == nil ? "no certified winner" : row.text(c[4])
        seats[k] = ElectionOutcomes.Seat(id: id, winner: winner, contested: contest == "D_vs_R", note: note)
      } catch let error as InputError {
        errors.append(error)
        if errors.count == DistrictTable.errorCap { break }
      }
    }
    if errors.count == 1 { throw errors[0] }
    if !errors.isEmpty { throw InputErrors(errors) }
    if let missing = seats.firstIndex(where: { $0 == nil }) {
      throw InputError(file: table.file, field: "id", expected: "a row for every seat of the district table",
                       found: "none for \(districts[missing].id)")
    }
    return ElectionOutcomes(seats: seats.compactMap { $0 }, houseVoteMargin: houseVoteMargin)
  }
}
