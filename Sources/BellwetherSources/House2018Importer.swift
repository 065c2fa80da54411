import BellwetherEngine
import BellwetherReports
import Foundation

/// Adapter from the public 2018 tables (`../shared/data`, described in its SOURCES.md) into the
/// engine's own schemas (`DistrictTable`, `SpecialsTable`, `ResultsTable`). Nothing in the core
/// knows about 2018; this is the one place that does (the national series are
/// `NationalSeriesImporter`'s; the earlier cycles `HistoryCycleImporter`'s).
///
/// Derivations, written into `PROVENANCE.md` beside the output:
/// - lean = `pres16_margin_2p` - the national 2016 two-party margin (`national_2018.csv`,
///   `pres16_national_margin_2p_D_minus_R`);
/// - incumbent = `incumbent_parties` when `incumbent_running` (D or R); a seat with two incumbents
///   of different parties (PA-17 2018) or an incumbent on a minor line only (NY-14 2018) is open;
/// - status = `res18_contest`: D_vs_R contested; D_no_R and D_vs_D fixed-D; R_no_D and R_vs_R fixed-R;
///   `uncontested_no_votes_reported` (FL/OK print no votes for unopposed candidates) fixed to the
///   unopposed party, read from `res18_winner`. The ballot, not the result, decides these: they were
///   known before election day;
/// - NC-09: simulated as the contested race it was; its result was never certified (seat `VACANT`),
///   so the note says so and backtests leave it out of scoring;
/// - federal specials: `margin_2p` minus the lean of the district on the special's own lines; rows
///   with no two-party contest are skipped; state-legislative and statewide races come from 538's
///   table, whose `dem_margin_over_partisan_lean` is already `x = margin - lean`;
/// - results: `res18_winner` (empty for NC-09's `VACANT`), `res18_margin_2p` where `res18_contest`
///   is `D_vs_R`, `res18_contest`;
/// - the optional district columns: `prev_margin` / `prev_contest` = `house16_margin_2p` /
///   `house16_contest` where `house16_same_lines` (the margin only for a D_vs_R race); Jacobson's
///   columns end in 2016, so `challenger_quality`, `spending_d` and `spending_r` are empty.
package struct House2018Importer {
  /// What the import wrote.
  package struct Summary: Sendable {
    package var districts: Int
    package var contested: Int
    package var specials: Int
    package var skipped: [String]
    package var files: [String]
  }

  /// The cycle this adapter reads.
  package static let cycle = 2018

  /// Files read, relative to the data folder (besides the project's state table).
  static let reads = ["2018/districts_2018.csv", "2018/specials_federal_2017_2018.csv",
                      "2018/specials_538_all_2017_2018_clean.csv", "2018/national_2018.csv"]

  /// Folder holding `2018/` and `national/` (the shared data).
  package var source: String
  /// The project's state table: `state,name,region` (Census divisions).
  package var regions: String
  /// Output folder (the project's `config/`).
  package var output: String

  /// Creates an importer.
  package init(source: String, regions: String, output: String) {
    self.source = source
    self.regions = regions
    self.output = output
  }

  static let cycleStart = CalendarDate(iso: "2017-01-01")!
  static let electionDay = CalendarDate(iso: "2018-11-06")!

  /// Reads every source, validates every row, then writes the 2018 tables (each atomically) and,
  /// as before, the national series. Nothing is written if any row is bad.
  /// - Throws: `InputErrors` listing the bad rows of the three row tables (districts, federal
  ///   specials, 538's specials; at most `RowErrors.cap` listed per table), each with file, line
  ///   and field; `InputError` for one bad row, a missing file or column.
  package func run() throws -> Summary {
    let national = try NationalSeriesImporter(source: source).build().tables
    let (tables, summary) = try build()
    let files = tables.files + national.files
    for file in files {
      try ReportWriter.prepareFolder(output + "/" + (file.path as NSString).deletingLastPathComponent)
    }
    for file in files { try ReportWriter.writeAtomically(Data(file.text.utf8), to: output + "/" + file.path) }
    var written = summary
    written.files = files.map { output + "/" + $0.path }
    return written
  }

  /// Reads every source and validates every row, writing nothing.
  /// - Throws: as `run()`: every bad row of each table at once.
  func build() throws -> (ImportedTables, Summary) {
    let states = try StateRegions(contentsOf: regions)
    let regionOf = states.regionOf, codeOf = states.codeOf

    // National 2016 presidential two-party margin.
    let national = try CSVTable(contentsOf: source + "/2018/national_2018.csv")
    let nc = try ["metric", "value"].map { try national.column($0) }
    guard let presRow = national.typedRows.first(where: { $0.text(nc[0]) == "pres16_national_margin_2p_D_minus_R" }) else {
      throw InputError(file: national.file, field: "metric", expected: "a row pres16_national_margin_2p_D_minus_R", found: "none")
    }
    let nationalPres = try presRow.number(nc[1])

    // Districts and their results.
    let dt = try CSVTable(contentsOf: source + "/2018/districts_2018.csv")
    let c = try ["district", "state", "pres16_margin_2p", "incumbent_parties", "incumbent_running", "res18_contest",
                 "res18_winner", "seat_party_prior", "incumbent_names", "res18_margin_2p", "res18_rcv_final_margin_2p",
                 "house16_margin_2p", "house16_contest", "house16_same_lines"].map { try dt.column($0) }
    var districts: [District] = []
    var extras: [[String]] = []
    var results: [SeatResult] = []
    var seen: [String: Int] = [:]
    var districtProblems = RowErrors(file: dt.file)
    for row in dt.typedRows {
      _ = try districtProblems.collect {
        let id = try row.requiredText(c[0])
        guard id.count == 5, id.dropFirst(2).first == "-", Int(id.suffix(2)) != nil else {
          throw row.error(c[0], expected: "a district id like PA-07", found: id)
        }
        if let first = seen[id] { throw row.error(c[0], expected: "a unique district (already on line \(first))", found: id) }
        seen[id] = row.line
        let state = try row.requiredText(c[1])
        guard let region = regionOf[state] else { throw row.error(c[1], expected: "a state listed in \(regions)", found: state) }
        let lean = try row.number(c[2]) - nationalPres
        let running = try row.boolean(c[4])
        var incumbent: Party?
        var memberVersusMember = false
        var notes: [String] = []
        if running {
          switch row.text(c[3]) {
          case "D", "R": incumbent = Party(code: row.text(c[3]))
          case "D;R", "R;D":
            // Two members of different parties on new lines (PA-17 2018): the incumbency terms cancel.
            memberVersusMember = true
            notes.append("incumbents \(row.text(c[8])) (\(row.text(c[3]))), member against member")
          case "WOF":
            // The incumbent runs on a minor party's line only (NY-14 2018: Crowley, Working Families).
            notes.append("incumbent \(row.text(c[8])) on the \(row.text(c[3])) line only, treated as an open seat")
          default:
            throw row.error(c[3], expected: "D, R, D;R or WOF for a running incumbent", found: row.text(c[3]))
          }
        }
        let contest = try SourceContest.read(row, c[5])
        let status: District.Status
        if contest.isTwoParty {
          status = .contested
        } else if let party = contest.fixedParty {
          status = .fixed(party)
        } else {
          guard let party = Party(code: row.text(c[6])) else {
            throw row.error(c[6], expected: "D or R for an unopposed seat", found: row.text(c[6]))
          }
          status = .fixed(party)
          notes.append("unopposed; no votes printed")
        }
        var resultNotes: [String] = []
        let winner: Party?
        if row.text(c[6]) == "VACANT" {
          notes.append("result never certified (absentee-ballot fraud); simulated as contested, excluded from scoring")
          resultNotes.append("no certified winner: the count was never certified (absentee-ballot fraud)")
          winner = nil
        } else {
          guard let party = Party(code: row.text(c[6])) else { throw row.error(c[6], expected: "D, R or VACANT", found: row.text(c[6])) }
          winner = party
        }
        if !row.text(c[10]).isEmpty {
          resultNotes.append("ranked-choice: margin of MIT's counts; final-round margin \(String(format: "%+.4f", try row.number(c[10]))) (538)")
        }
        let held: Party?
        switch row.text(c[7]) {
        case "D", "R": held = Party(code: row.text(c[7]))
        case "", "D;R": held = nil  // a new-map PA seat, or PA-17 (two members' seats): no single holder
        default: throw row.error(c[7], expected: "D, R, D;R or empty", found: row.text(c[7]))
        }
        var district = District(id: id, state: state, region: region, lean: lean, incumbent: incumbent, status: status,
                                heldBy: held, note: notes.joined(separator: "; "))
        district.memberVersusMember = memberVersusMember
        districts.append(district)
        results.append(SeatResult(id: id, winner: winner, margin: contest.isTwoParty ? try row.number(c[9]) : nil,
                                  contest: contest.rawValue, note: resultNotes.joined(separator: "; ")))
        // Optional columns: the 2016 race where the lines did not change (not PA's new map).
        var previousMargin = "", previousContest = ""
        if try row.boolean(c[13]) {
          let previous = try SourceContest.read(row, c[12])
          previousContest = previous.rawValue
          if previous.isTwoParty { previousMargin = String(format: "%.4f", try row.number(c[11])) }
        } else if !row.text(c[11]).isEmpty || !row.text(c[12]).isEmpty {
          throw row.error(c[11], expected: "no 2016 result where house16_same_lines is False", found: row.text(c[11]))
        }
        extras.append([previousMargin, previousContest, "", "", ""])
      }
    }

    // Federal specials.
    var specials: [SpecialElection] = []
    var skipped: [String] = []
    let ft = try CSVTable(contentsOf: source + "/2018/specials_federal_2017_2018.csv")
    let f = try ["date", "district", "contest", "margin_2p", "pres16_margin_2p", "office", "stage"].map { try ft.column($0) }
    var federalProblems = RowErrors(file: ft.file)
    for row in ft.typedRows {
      _ = try federalProblems.collect {
        let date = try row.date(f[0])
        guard date >= House2018Importer.cycleStart, date <= House2018Importer.electionDay else {
          throw row.error(f[0], expected: "a date in the cycle \(House2018Importer.cycleStart.iso)...\(House2018Importer.electionDay.iso)", found: date.iso)
        }
        let district = try row.requiredText(f[1])
        let state = String(district.prefix(2))
        guard regionOf[state] != nil, seen[district] != nil || district == "\(state)-SEN" else {
          throw row.error(f[1], expected: "a district of districts_2018.csv or ST-SEN", found: district)
        }
        guard row.text(f[2]) == "D_vs_R" else {
          skipped.append("\(date.iso) \(district) (\(row.text(f[2])): no two-party margin)")
          return
        }
        let margin = try row.number(f[3])
        let lean = try row.number(f[4]) - nationalPres
        let stage = row.text(f[6]) == "general" ? "" : " \(row.text(f[6]))"
        specials.append(SpecialElection(date: date, state: state, seat: district + stage, level: "federal", margin: margin,
                                        lean: lean, shift: margin - lean, source: "specials_federal_2017_2018.csv line \(row.line)"))
      }
    }

    // State-legislative and statewide races (538's table; its federal rows duplicate the file above).
    let st = try CSVTable(contentsOf: source + "/2018/specials_538_all_2017_2018_clean.csv")
    let s = try ["date", "state", "race", "dem_margin_over_partisan_lean", "level"].map { try st.column($0) }
    var stateProblems = RowErrors(file: st.file)
    for row in st.typedRows {
      _ = try stateProblems.collect {
        let level = try row.requiredText(s[4])
        guard ["federal", "statewide", "state_legislative"].contains(level) else {
          throw row.error(s[4], expected: "federal, statewide or state_legislative", found: level)
        }
        let date = try row.date(s[0])
        guard date >= House2018Importer.cycleStart, date <= House2018Importer.electionDay else {
          throw row.error(s[0], expected: "a date in the cycle \(House2018Importer.cycleStart.iso)...\(House2018Importer.electionDay.iso)", found: date.iso)
        }
        let name = try row.requiredText(s[1])
        guard let state = codeOf[name] else { throw row.error(s[1], expected: "a state name listed in \(regions)", found: name) }
        let shift = try row.number(s[3])
        if level == "federal" { return }
        specials.append(SpecialElection(date: date, state: state, seat: try row.requiredText(s[2]), level: level, margin: nil,
                                        lean: nil, shift: shift, source: "specials_538_all_2017_2018_clean.csv line \(row.line)"))
      }
    }
    // Every bad row of the three tables at once (a district refused also fails the specials in it).
    var problems: [InputError] = []
    for table in [districtProblems, federalProblems, stateProblems] {
      do { try table.throwIfAny() } catch let error as InputError { problems.append(error) } catch let errors as InputErrors {
        problems += errors.errors
      }
    }
    if problems.count == 1 { throw problems[0] }
    if !problems.isEmpty { throw InputErrors(problems) }
    specials.sort { ($0.date, $0.state, $0.seat) < ($1.date, $1.state, $1.seat) }

    // Round-trip check: what we write must read back under the engine's own validation.
    let districtText = DistrictTable.render(districts, optionalValues: extras)
    let specialsText = SpecialsTable.render(specials)
    let resultsText = ResultsTable.render(results)
    _ = try DistrictTable.read(CSVTable(data: Data(districtText.utf8), file: "districts.csv"))
    _ = try SpecialsTable.read(CSVTable(data: Data(specialsText.utf8), file: "specials.csv"),
                               cycleStart: House2018Importer.cycleStart, electionDate: House2018Importer.electionDay,
                               levels: ["federal", "statewide", "state_legislative"], districts: districts)
    _ = try ResultsTable.read(CSVTable(data: Data(resultsText.utf8), file: "results.csv"), districts: districts)
    let contested = districts.filter { $0.status == .contested }.count
    let provenance = provenanceText(nationalPres: nationalPres, districts: districts.count, contested: contested,
                                    specials: specials, skipped: skipped, results: results,
                                    previous: extras.filter { !$0[1].isEmpty }.count)
    let files: [ImportedTables.File] = [
      .init(path: "2018/districts.csv", text: districtText), .init(path: "2018/specials.csv", text: specialsText),
      .init(path: "2018/results.csv", text: resultsText), .init(path: "2018/PROVENANCE.md", text: provenance),
    ]
    var lines = ["2018: \(districts.count) seats (\(contested) contested), \(specials.count) specials, \(results.count) results"]
    if !skipped.isEmpty { lines.append("2018 skipped: " + skipped.joined(separator: "; ")) }
    let summary = Summary(districts: districts.count, contested: contested, specials: specials.count, skipped: skipped,
                          files: files.map(\.path))
    return (ImportedTables(label: "2018", files: files, summary: lines), summary)
  }

  private func provenanceText(nationalPres: Double, districts: Int, contested: Int, specials: [SpecialElection],
                              skipped: [String], results: [SeatResult], previous: Int) -> String {
    let byLevel = Dictionary(grouping: specials, by: \.level).mapValues(\.count)
    let wins = results.compactMap(\.winner)
    return """
    # Provenance of config/2018

    Written by `bellwether import` from the public tables in `../shared/data` (see its `SOURCES.md`);
    regenerate with `swift run bellwether import --cycles 2018`. Do not edit by hand. The national series
    are described in `config/national/PROVENANCE.md`.

    ## 2018/districts.csv (\(districts) seats, \(contested) contested)
    - Source: `2018/districts_2018.csv` (Daily Kos 2016 presidential results on 2018 lines; MIT/538 results).
    - `lean` = `pres16_margin_2p` − \(String(format: "%.3f", nationalPres)) (the national 2016 two-party margin,
      `2018/national_2018.csv` metric `pres16_national_margin_2p_D_minus_R`).
    - `incumbent` = `incumbent_parties` when `incumbent_running` is True and the party is D or R; otherwise `open`
      (PA-17: Lamb (D) vs Rothfus (R), two incumbents; NY-14: Crowley on the Working Families line only).
    - `status` from `res18_contest` (the ballot, known before election day): D_vs_R → contested; D_no_R, D_vs_D →
      fixed-D; R_no_D, R_vs_R → fixed-R; uncontested_no_votes_reported (FL/OK) → fixed to the unopposed party.
    - NC-09 is simulated as the contested race it was; its result was never certified (VACANT), which its note
      records; backtests exclude it from scoring.
    - `region` = Census division of the state, from the project's `config/census_divisions.csv`
      (U.S. Census Bureau, "Census Regions and Divisions of the United States").
    - `held_by` = `seat_party_prior` (empty for the 7 new-map PA seats and PA-17).
    - Optional columns (docs/data-schema.md): `prev_contest` = `house16_contest` and `prev_margin` =
      `house16_margin_2p` (only for a D_vs_R race) where `house16_same_lines` is True (\(previous) seats; not the
      18 PA seats of the new map). `challenger_quality`, `spending_d`, `spending_r` are empty: Jacobson's
      House file ends in 2016.

    ## 2018/results.csv (\(results.count) seats: D \(wins.filter { $0 == .democratic }.count), R \(wins.filter { $0 == .republican }.count), no certified winner \(results.count - wins.count))
    - `winner` = `res18_winner` (538's winner flags; NC-09 `VACANT` → empty); `contest` = `res18_contest`;
      `margin` = `res18_margin_2p` (MIT, all-D vs all-R totals) where the contest is D_vs_R, else empty.
    - ME-02 (ranked choice): MIT's counts, the final-round margin (538, `res18_rcv_final_margin_2p`) in the note.

    ## 2018/specials.csv (\(specials.count) races: \(byLevel.keys.sorted().map { "\($0) \(byLevel[$0]!)" }.joined(separator: ", ")))
    - Federal: `2018/specials_federal_2017_2018.csv`; `margin` = `margin_2p`; `lean` = `pres16_margin_2p` (on the
      special's own lines) − \(String(format: "%.3f", nationalPres)); `shift` = margin − lean. Races held on
      2018-11-06 stay in the table; a forecast uses only specials held before its as-of date.
    - State legislative and statewide: `2018/specials_538_all_2017_2018_clean.csv` (538, 2017-01-31 to 2018-03-27);
      `shift` = `dem_margin_over_partisan_lean` (538's lean: 75% 2016 + 25% 2012 presidential, relative to the
      nation). Its federal rows duplicate the federal file and are not used.
    - Skipped (no two-party margin): \(skipped.isEmpty ? "none" : skipped.joined(separator: "; ")).

    """
  }
}
