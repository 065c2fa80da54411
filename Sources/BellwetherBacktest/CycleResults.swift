import BellwetherEngine
import Foundation

/// A cycle's results table (`data.results`, read by `ResultsTable`; docs/data-schema.md) turned
/// into the outcomes a backtest scores against, in the district table's order. A seat without a
/// certified winner is left out of every score.
package enum CycleResults {
  /// Reads the table and checks it names exactly the district table's seats, each winner on the
  /// side of its margin.
  /// - Parameter houseVoteMargin: the cycle's national two-party House margin.
  /// - Throws: `InputError` naming the file, line and field.
  package static func read(_ table: CSVTable, districts: [District], houseVoteMargin: Double) throws -> ElectionOutcomes {
    let results = try ResultsTable.read(table, districts: districts)
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    let margin = try table.column("margin")
    for (index, r) in results.enumerated() {
      if let m = r.margin, let winner = r.winner, m != 0, (m > 0) != (winner == .democratic) {
        throw CSVTable.Row(table: table, index: index).error(margin, expected: "a margin on the winner's side (\(winner.rawValue))",
                                                            found: String(m))
      }
    }
    let seats = districts.map { d -> ElectionOutcomes.Seat in
      let r = byID[d.id]!  // ResultsTable.read checked every seat has a row
      let note = r.note.isEmpty && r.winner == nil ? "no certified winner" : r.note
      return ElectionOutcomes.Seat(id: d.id, winner: r.winner, contested: r.isTwoPartyContest, note: note)
    }
    return ElectionOutcomes(seats: seats, houseVoteMargin: houseVoteMargin)
  }
}
