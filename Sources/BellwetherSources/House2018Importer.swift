import BellwetherEngine
import BellwetherReports
import Foundation

/// Adapter from the public 2018 tables (`../shared/data`, described in its SOURCES.md) into the
/// engine's own schemas (`DistrictTable`, `SpecialsTable`, `NationalSeries`). Nothing in the core
/// knows about 2018; this is the one place that does.
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
///   table, whose `dem_margin_over_partisan_lean` is already `x = margin - lean`.
package struct House2018Importer {
  /// What the import wrote.
  package struct Summary: Sendable {
    package var districts: Int
    package var contested: Int
    package var specials: Int
    package var skipped: [String]
    package var files: [String]
  }

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

  /// Reads every source, validates every row, then writes all outputs (each atomically). Nothing
  /// is written if any row is bad.
  /// - Throws: `InputError` naming the file, line and field of the first bad value.
  package func run() throws -> Summary {
    let regionTable = try CSVTable(contentsOf: regions)
    let rc = try ["state", "name", "region"].map { try regionTable.column($0) }
    var regionOf: [String: String] = [:]
    var codeOf: [String: String] = [:]
    for row in regionTable.typedRows {
      let code = try row.requiredText(rc[0])
      regionOf[code] = try row.requiredText(rc[2])
      codeOf[try row.requiredText(rc[1])] = code
    }

    // National 2016 presidential two-party margin.
    let national = try CSVTable(contentsOf: source + "/2018/national_2018.csv")
    let nc = try ["metric", "value"].map { try national.column($0) }
    guard let presRow = national.typedRows.first(where: { $0.text(nc[0]) == "pres16_national_margin_2p_D_minus_R" }) else {
      throw InputError(file: national.file, field: "metric", expected: "a row pres16_national_margin_2p_D_minus_R", found: "none")
    }
    let nationalPres = try presRow.number(nc[1])

    // Districts.
    let dt = try CSVTable(contentsOf: source + "/2018/districts_2018.csv")
    let c = try ["district", "state", "pres16_margin_2p", "incumbent_parties", "incumbent_running", "res18_contest",
                 "res18_winner", "seat_party_prior", "incumbent_names"].map { try dt.column($0) }
    var districts: [District] = []
    var seen: [String: Int] = [:]
    for row in dt.typedRows {
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
      var notes: [String] = []
      if running {
        incumbent = Party(code: row.text(c[3]))
        if incumbent == nil { notes.append("incumbents \(row.text(c[8])) (\(row.text(c[3]))) treated as an open seat") }
      }
      let status: District.Status
      switch row.text(c[5]) {
      case "D_vs_R": status = .contested
      case "D_no_R", "D_vs_D": status = .fixed(.democratic)
      case "R_no_D", "R_vs_R": status = .fixed(.republican)
      case "uncontested_no_votes_reported":
        guard let party = Party(code: row.text(c[6])) else {
          throw row.error(c[6], expected: "D or R for an unopposed seat", found: row.text(c[6]))
        }
        status = .fixed(party)
        notes.append("unopposed; no votes printed")
      default:
        throw row.error(c[5], expected: "D_vs_R, D_no_R, D_vs_D, R_no_D, R_vs_R or uncontested_no_votes_reported", found: row.text(c[5]))
      }
      if row.text(c[6]) == "VACANT" {
        notes.append("result never certified (absentee-ballot fraud); simulated as contested, excluded from scoring")
      }
      let held = Party(code: row.text(c[7]))
      districts.append(District(id: id, state: state, region: region, lean: lean, incumbent: incumbent, status: status,
                                heldBy: held, note: notes.joined(separator: "; ")))
    }

    // Federal specials.
    var specials: [SpecialElection] = []
    var skipped: [String] = []
    let ft = try CSVTable(contentsOf: source + "/2018/specials_federal_2017_2018.csv")
    let f = try ["date", "district", "contest", "margin_2p", "pres16_margin_2p", "office", "stage"].map { try ft.column($0) }
    for row in ft.typedRows {
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
        continue
      }
      let margin = try row.number(f[3])
      let lean = try row.number(f[4]) - nationalPres
      let stage = row.text(f[6]) == "general" ? "" : " \(row.text(f[6]))"
      specials.append(SpecialElection(date: date, state: state, seat: district + stage, level: "federal", margin: margin,
                                      lean: lean, shift: margin - lean, source: "specials_federal_2017_2018.csv line \(row.line)"))
    }

    // State-legislative and statewide races (538's table; its federal rows duplicate the file above).
    let st = try CSVTable(contentsOf: source + "/2018/specials_538_all_2017_2018_clean.csv")
    let s = try ["date", "state", "race", "dem_margin_over_partisan_lean", "level"].map { try st.column($0) }
    for row in st.typedRows {
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
      if level == "federal" { continue }
      specials.append(SpecialElection(date: date, state: state, seat: try row.requiredText(s[2]), level: level, margin: nil,
                                      lean: nil, shift: shift, source: "specials_538_all_2017_2018_clean.csv line \(row.line)"))
    }
    specials.sort { ($0.date, $0.state, $0.seat) < ($1.date, $1.state, $1.seat) }

    // National series.
    let gb = try CSVTable(contentsOf: source + "/national/generic_ballot_538_1996_2018.csv")
    let g = try ["date", "cycle", "dem_estimate", "rep_estimate"].map { try gb.column($0) }
    var ballot = "date,cycle,dem,rep\n"
    for row in gb.typedRows {
      let dem = try row.number(g[2]), rep = try row.number(g[3])
      guard dem > 0, rep > 0 else { throw row.error(g[2], expected: "positive percentages", found: "\(dem), \(rep)") }
      ballot += "\(try row.date(g[0]).iso),\(try row.integer(g[1])),\(row.text(g[2])),\(row.text(g[3]))\n"
    }
    let hv = try CSVTable(contentsOf: source + "/national/house_popular_vote_1998_2018.csv")
    let h = try ["cycle", "dem_margin_2p"].map { try hv.column($0) }
    var vote = "cycle,dem_margin_2p\n"
    for row in hv.typedRows { vote += "\(try row.integer(h[0])),\(try row.number(h[1]))\n" }

    // Round-trip check: what we write must read back under the engine's own validation.
    let districtText = DistrictTable.render(districts)
    let specialsText = SpecialsTable.render(specials)
    _ = try DistrictTable.read(CSVTable(data: Data(districtText.utf8), file: "districts.csv"))
    _ = try SpecialsTable.read(CSVTable(data: Data(specialsText.utf8), file: "specials.csv"),
                               cycleStart: House2018Importer.cycleStart, electionDate: House2018Importer.electionDay,
                               levels: ["federal", "statewide", "state_legislative"])
    let contested = districts.filter { $0.status == .contested }.count
    let provenance = provenanceText(nationalPres: nationalPres, districts: districts.count, contested: contested,
                                    specials: specials, skipped: skipped)
    let files: [(String, String)] = [
      ("2018/districts.csv", districtText), ("2018/specials.csv", specialsText), ("2018/PROVENANCE.md", provenance),
      ("national/generic_ballot.csv", ballot), ("national/house_vote.csv", vote),
    ]
    for (name, _) in files {
      try ReportWriter.prepareFolder(output + "/" + (name as NSString).deletingLastPathComponent)
    }
    for (name, text) in files { try ReportWriter.writeAtomically(Data(text.utf8), to: output + "/" + name) }
    return Summary(districts: districts.count, contested: contested, specials: specials.count, skipped: skipped,
                   files: files.map { output + "/" + $0.0 })
  }

  private func provenanceText(nationalPres: Double, districts: Int, contested: Int, specials: [SpecialElection],
                              skipped: [String]) -> String {
    let byLevel = Dictionary(grouping: specials, by: \.level).mapValues(\.count)
    return """
    # Provenance of config/2018 and config/national

    Written by `bellwether import` from the public tables in `../shared/data` (see its `SOURCES.md`);
    regenerate with `swift run bellwether import`. Do not edit by hand.

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

    ## 2018/specials.csv (\(specials.count) races: \(byLevel.keys.sorted().map { "\($0) \(byLevel[$0]!)" }.joined(separator: ", ")))
    - Federal: `2018/specials_federal_2017_2018.csv`; `margin` = `margin_2p`; `lean` = `pres16_margin_2p` (on the
      special's own lines) − \(String(format: "%.3f", nationalPres)); `shift` = margin − lean. Races held on
      2018-11-06 stay in the table; a forecast uses only specials held before its as-of date.
    - State legislative and statewide: `2018/specials_538_all_2017_2018_clean.csv` (538, 2017-01-31 to 2018-03-27);
      `shift` = `dem_margin_over_partisan_lean` (538's lean: 75% 2016 + 25% 2012 presidential, relative to the
      nation). Its federal rows duplicate the federal file and are not used.
    - Skipped (no two-party margin): \(skipped.isEmpty ? "none" : skipped.joined(separator: "; ")).

    ## national/generic_ballot.csv and national/house_vote.csv
    - `national/generic_ballot_538_1996_2018.csv` (538's daily generic-ballot average), columns date, cycle,
      dem, rep (percent) copied unchanged.
    - `national/house_popular_vote_1998_2018.csv` (House vote, two-party D margin), copied unchanged.

    """
  }
}
