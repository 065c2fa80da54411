import BellwetherEngine
import Foundation

/// Adapter from the public national series (`../shared/data/national/`, described in its
/// SOURCES.md) to the engine's `NationalSeries` tables, written once for every cycle:
///
/// - `national/generic_ballot_538_1996_2018.csv` (538's daily generic-ballot average, cycles 1996-2018)
///   → `national/generic_ballot.csv` (`date,cycle,dem,rep`, values copied unchanged);
/// - `national/house_popular_vote_1998_2018.csv` (538's generic-House totals, two-party D margin)
///   → `national/house_vote.csv` (`cycle,dem_margin_2p`).
struct NationalSeriesImporter {
  /// Files read, relative to the data folder.
  static let genericBallotFile = "national/generic_ballot_538_1996_2018.csv"
  static let houseVoteFile = "national/house_popular_vote_1998_2018.csv"

  /// Folder holding `national/` (the shared data).
  var source: String

  /// The tables as written, and the series they read back as under the engine's own reader.
  struct Output {
    var tables: ImportedTables
    var series: NationalSeries
  }

  /// Reads and validates both series.
  /// - Throws: `InputErrors` listing the bad rows of a table (at most 20), each with file, line
  ///   and field; `InputError` for a missing file or column.
  func build() throws -> Output {
    let gb = try CSVTable(contentsOf: source + "/" + NationalSeriesImporter.genericBallotFile)
    let g = try ["date", "cycle", "dem_estimate", "rep_estimate"].map { try gb.column($0) }
    var ballot = "date,cycle,dem,rep\n"
    var problems = RowErrors(file: gb.file)
    for row in gb.typedRows {
      let line = try problems.collect { () throws -> String in
        let dem = try row.number(g[2]), rep = try row.number(g[3])
        guard dem > 0, rep > 0 else { throw row.error(g[2], expected: "positive percentages", found: "\(dem), \(rep)") }
        return "\(try row.date(g[0]).iso),\(try row.integer(g[1])),\(row.text(g[2])),\(row.text(g[3]))\n"
      }
      ballot += line ?? ""
    }
    try problems.throwIfAny()

    let hv = try CSVTable(contentsOf: source + "/" + NationalSeriesImporter.houseVoteFile)
    let h = try ["cycle", "dem_margin_2p"].map { try hv.column($0) }
    var vote = "cycle,dem_margin_2p\n"
    problems = RowErrors(file: hv.file)
    for row in hv.typedRows {
      vote += try problems.collect { "\(try row.integer(h[0])),\(try row.number(h[1]))\n" } ?? ""
    }
    try problems.throwIfAny()

    // Round trip: what is written must read back under the engine's validation.
    let series = try NationalSeries.read(genericBallot: CSVTable(data: Data(ballot.utf8), file: "national/generic_ballot.csv"),
                                         houseVote: CSVTable(data: Data(vote.utf8), file: "national/house_vote.csv"))
    let cycles = Set(series.houseVote.keys).sorted()
    let provenance = """
      # Provenance of config/national

      Written by `bellwether import` from the public tables in `../shared/data` (see its `SOURCES.md`);
      regenerate with `swift run bellwether import`. Do not edit by hand. Every cycle's config reads these.

      ## national/generic_ballot.csv
      - `\(NationalSeriesImporter.genericBallotFile)` (538's daily generic-ballot average), columns date, cycle,
        dem, rep (percent) copied unchanged from date, cycle, dem_estimate, rep_estimate.

      ## national/house_vote.csv (cycles \(cycles.first.map(String.init) ?? "")–\(cycles.last.map(String.init) ?? ""))
      - `\(NationalSeriesImporter.houseVoteFile)` (House vote, two-party D margin), copied unchanged.

      """
    let tables = ImportedTables(label: "national", files: [
      .init(path: "national/generic_ballot.csv", text: ballot), .init(path: "national/house_vote.csv", text: vote),
      .init(path: "national/PROVENANCE.md", text: provenance),
    ], summary: ["national series: \(ballot.split(separator: "\n").count - 1) generic-ballot days, \(cycles.count) House votes"])
    return Output(tables: tables, series: series)
  }
}
