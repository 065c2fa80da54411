import BellwetherEngine
import BellwetherReports
import Foundation

/// The cycles `bellwether import` can build, each through its source adapter, and the national
/// series they share (written once):
///
/// | cycle | adapter | reads (in the data folder) |
/// |---|---|---|
/// | 2006, 2010, 2014 | `HistoryCycleImporter` | `history/districts_C.csv`, `history/specials_federal_(C-1)_C.csv`, `history/pres_national_britannica_1789_2016.csv` |
/// | 2018 | `House2018Importer` | `2018/districts_2018.csv`, `2018/specials_federal_2017_2018.csv`, `2018/specials_538_all_2017_2018_clean.csv`, `2018/national_2018.csv` |
/// | every cycle | `NationalSeriesImporter` | `national/generic_ballot_538_1996_2018.csv`, `national/house_popular_vote_1998_2018.csv` |
/// | every cycle (the fit's poll history) | `PollHistoryImporter` | `history/538_raw_polls_1998_2018.csv`, `history/jacobson_house_1946_2016.csv` |
/// | every cycle (the fit's district history) | `DistrictHistoryImporter` | `history/jacobson_house_1946_2016.csv`, `history/house_popular_vote_1976_2018.csv` |
package enum ImportSources {
  /// Every cycle with a source, in order.
  package static let cycles = HistoryCycleImporter.cycles + [House2018Importer.cycle]

  /// What each source reads, for the command's help.
  package static var description: String {
    let history = HistoryCycleImporter.cycles.map(String.init).joined(separator: ", ")
    return """
      \(history): history/districts_C.csv, history/specials_federal_(C-1)_C.csv and \
      \(PresidentialNationalMargin.file) (the national presidential margin of C-2) → config/C/ \
      (districts, specials, results, PROVENANCE.md) and config/house-C.json5. \
      2018: \(House2018Importer.reads.joined(separator: ", ")) → config/2018/ (districts, specials, results, \
      PROVENANCE.md; config/house-2018.json5 is not written). \
      Every run: \(NationalSeriesImporter.genericBallotFile) and \(NationalSeriesImporter.houseVoteFile) → \
      config/national/ (written once), and \(PollHistoryImporter.pollsFile) with \(PollHistoryImporter.resultsFile) → \
      config/\(PollHistoryImporter.output) (the 1998-2004 district polls and results the fit reads), and \
      \(DistrictHistoryImporter.seatsFile) with \(DistrictHistoryImporter.houseVoteFile) → config/\(DistrictHistoryImporter.output) \
      (the contested seats of the 1998 and 2002 midterms the district fit reads).
      """
  }

  /// Builds the national series and every requested cycle, and writes them only if all are good
  /// (each file atomically).
  /// - Parameters:
  ///   - cycles: cycles of `cycles`, in any order (duplicates are imported once).
  ///   - source: the public data folder.
  ///   - regions: the project's state table.
  ///   - output: the folder to write into (the project's `config/`).
  /// - Returns: what was written, national first, then the cycles in order, with the paths written.
  /// - Throws: `InputError` / `InputErrors` naming file, line and field; an unknown cycle as an
  ///   `InputError` on `--cycles`.
  package static func run(cycles: [Int], source: String, regions: String, output: String) throws -> [ImportedTables] {
    let requested = Array(Set(cycles)).sorted()
    for cycle in requested where !self.cycles.contains(cycle) {
      throw InputError(file: "--cycles", expected: "cycles with a source: " + self.cycles.map(String.init).joined(separator: ", "),
                       found: String(cycle))
    }
    let national = try NationalSeriesImporter(source: source).build()
    var built = [national.tables]
    for cycle in requested {
      var tables: ImportedTables
      let start: CalendarDate, election: CalendarDate
      if cycle == House2018Importer.cycle {
        tables = try House2018Importer(source: source, regions: regions, output: output).build().0
        (start, election) = (House2018Importer.cycleStart, House2018Importer.electionDay)
      } else if let importer = HistoryCycleImporter(cycle: cycle, source: source, regions: regions) {
        tables = try importer.build(national: national.series)
        (start, election) = (importer.cycleStart, importer.electionDay)
      } else { continue }
      // The cycle's district polls (DistrictPollsImporter), from the seats just built.
      guard let districtsFile = tables.files.first(where: { $0.path == "\(cycle)/districts.csv" }),
            let provenanceIndex = tables.files.firstIndex(where: { $0.path == "\(cycle)/PROVENANCE.md" }) else { continue }
      let districts = try DistrictTable.read(CSVTable(data: Data(districtsFile.text.utf8), file: districtsFile.path))
      let polls = try DistrictPollsImporter(cycle: cycle, electionDay: election, cycleStart: start, source: source)
        .build(districts: districts)
      tables.files[provenanceIndex].text += polls.provenance
      tables.files.insert(.init(path: "\(cycle)/polls.csv", text: polls.text), at: provenanceIndex)
      tables.summary.append("\(cycle): \(polls.count) district polls")
      built.append(tables)
    }
    // The district polls of the cycles before the first shipped one, for the fit (PollHistoryImporter),
    // after the cycles so that a cycle's bad rows are reported first.
    let history = try PollHistoryImporter(source: source).build()
    if let provenance = built[0].files.firstIndex(where: { $0.path == "national/PROVENANCE.md" }) {
      built[0].files[provenance].text += history.provenance
      built[0].files.insert(.init(path: PollHistoryImporter.output, text: history.text), at: provenance)
    }
    built[0].summary.append("national poll history: \(history.count) district polls of \(PollHistoryImporter.cycles.first!)-\(PollHistoryImporter.cycles.last!)")
    // The contested seats of the midterms before the first shipped one, for the district fit.
    let seats = try DistrictHistoryImporter(source: source).build()
    if let provenance = built[0].files.firstIndex(where: { $0.path == "national/PROVENANCE.md" }) {
      built[0].files[provenance].text += seats.provenance
      built[0].files.insert(.init(path: DistrictHistoryImporter.output, text: seats.text), at: provenance)
    }
    built[0].summary.append("national district history: \(seats.count) contested seats of 1998 and 2002")
    let files = built.flatMap(\.files)
    for folder in Set(files.map { output + "/" + ($0.path as NSString).deletingLastPathComponent }).sorted() {
      try ReportWriter.prepareFolder(folder)
    }
    for file in files { try ReportWriter.writeAtomically(Data(file.text.utf8), to: output + "/" + file.path) }
    return built.map { tables in
      var written = tables
      written.files = tables.files.map { .init(path: output + "/" + $0.path, text: $0.text) }
      return written
    }
  }
}
