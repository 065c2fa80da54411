import BellwetherEngine
import BellwetherFit
import Foundation

/// Adapter from the shared data's derived history tables (`../shared/data/history/`, described in
/// its SOURCES.md, "History") into the engine's schemas, for the 2006, 2010 and 2014 midterms. For
/// cycle C it reads
///
/// - `history/districts_C.csv` (one row per seat on that November's lines),
/// - `history/specials_federal_(C-1)_C.csv` (the federal House specials of the cycle),
/// - `history/pres_national_britannica_1789_2016.csv` (the national presidential margin of C-2),
///
/// and writes `C/districts.csv`, `C/specials.csv`, `C/results.csv`, `C/PROVENANCE.md` and
/// `house-C.json5`. The derivations are those of `House2018Importer`:
///
/// - lean = `pres_margin_2p` (the district's presidential two-party margin of C-2 on C's lines) −
///   the national two-party margin of C-2 (Britannica), checked against the table's own
///   `nat_pres_margin_2p` and `pres_lean_2p`;
/// - incumbent = `incumbent_party` when `incumbent_running` (D or R); `D;R` (two incumbents) is open;
/// - status = `res_contest`, the November ballot: D_vs_R contested; D_no_R and D_vs_D fixed-D;
///   R_no_D and R_vs_R fixed-R (the top-two and all-party ballots of CA, WA and LA included);
///   `uncontested_no_votes_reported` fixed to the unopposed party (`res_winner`); any other code is
///   refused. A December runoff does not change the status: the November ballot was D vs R;
/// - held_by = `seat_party_prior` (`I`, VT-01 2006, is empty with a note);
/// - region = the state's Census division (the project's state table);
/// - results: `res_winner`; the deciding round's contest and two-party margin (the December runoff,
///   `res_runoff_*`, where one was held; else the November `res_*`), the margin only for D_vs_R;
/// - optional columns: `prev_margin` / `prev_contest` = `prev_house_margin_2p_mit` /
///   `prev_house_contest_mit` where `prev_house_same_lines` (the margin only for D_vs_R: MIT's
///   counts under the rules of the 2018 table); `challenger_quality` = Jacobson's `po1` code;
///   `spending_d`, `spending_r` = Jacobson's `dexp`, `rexp` (dollars);
/// - federal specials: shift = `margin_2p` − (`pres_margin_2p` on the special's own lines − the
///   national margin); rows without a D-vs-R pair are skipped and listed.
///
/// Every bad row of a table is reported (the first 20) with its file, line and field; nothing is
/// written unless every table is good.
package struct HistoryCycleImporter {
  /// The cycles this adapter reads, with each one's election day (the first Tuesday after the
  /// first Monday of November).
  static let electionDays: [Int: CalendarDate] = [
    2006: CalendarDate(iso: "2006-11-07")!, 2010: CalendarDate(iso: "2010-11-02")!, 2014: CalendarDate(iso: "2014-11-04")!,
  ]
  /// The cycles, in order.
  package static let cycles = electionDays.keys.sorted()

  /// Files read for a cycle, relative to the data folder (besides the project's state table).
  static func reads(cycle: Int) -> [String] {
    ["history/districts_\(cycle).csv", "history/specials_federal_\(cycle - 1)_\(cycle).csv", PresidentialNationalMargin.file]
  }

  /// The midterm year.
  let cycle: Int
  /// Folder holding `history/` (the shared data).
  let source: String
  /// The project's state table: `state,name,region` (Census divisions).
  let regions: String
  let electionDay: CalendarDate
  let cycleStart: CalendarDate

  /// An importer of one of `cycles`; nil for any other.
  init?(cycle: Int, source: String, regions: String) {
    guard let day = HistoryCycleImporter.electionDays[cycle] else { return nil }
    self.cycle = cycle
    self.source = source
    self.regions = regions
    electionDay = day
    cycleStart = CalendarDate(year: cycle - 1, month: 1, day: 1)!
  }

  /// The presidential election the lean is measured from.
  var presidentialYear: Int { cycle - 2 }
  /// The forecast date: the day before the election.
  var asOf: CalendarDate { CalendarDate(dayNumber: electionDay.dayNumber - 1) }
  var districtsFile: String { "history/districts_\(cycle).csv" }
  var specialsFile: String { "history/specials_federal_\(cycle - 1)_\(cycle).csv" }

  /// One seat as read: the district, its optional columns and its result.
  private struct Seat {
    var district: District
    var extras: [String]
    var result: SeatResult
    var redrawn: Bool
    var courtOrdered: Bool
    var runoff: String?
    var unprinted: Bool
    var independentHeld: Bool
    var replacedFrom538: Bool
    var baseline: String
  }

  /// Reads and validates every table, writing nothing.
  /// - Parameter national: the national series as written (for checking that the config's
  ///   environment prior finds its cycles).
  /// - Throws: `InputErrors` listing the bad rows of a table (at most 20), each with file, line and
  ///   field; `InputError` for a missing file or column.
  func build(national: NationalSeries) throws -> ImportedTables {
    let states = try StateRegions(contentsOf: regions)
    let president = try PresidentialNationalMargin.read(source: source, year: presidentialYear)
    let nationalPres = president.margin

    let seats = try readDistricts(states: states, nationalPres: nationalPres)
    let districts = seats.map(\.district)
    let (specials, skipped) = try readSpecials(districts: districts, nationalPres: nationalPres)

    // The config's environment prior: this cycle's generic-ballot average on asOf, and the misses of
    // the earlier cycles 1998 ... cycle - 2.
    let missCycles = Array(stride(from: 1998, through: cycle - 2, by: 2))
    guard national.average(cycle: cycle, onOrBefore: asOf) != nil else {
      throw InputError(file: NationalSeriesImporter.genericBallotFile, field: "cycle",
                       expected: "a generic-ballot average for cycle \(cycle) on or before \(asOf.iso)", found: "none")
    }
    var misses: [Double] = []
    for c in missCycles {
      guard let final = national.finalAverage(cycle: c), let vote = national.houseVote[c] else {
        throw InputError(file: NationalSeriesImporter.houseVoteFile, field: "cycle",
                         expected: "a final generic-ballot average and a House vote for \(c) (environment.missCycles)", found: "none")
      }
      misses.append(100 * (final.dem - final.rep) / (final.dem + final.rep) - vote)
    }

    let extras = seats.map(\.extras)
    let results = seats.map(\.result)
    let districtText = DistrictTable.render(districts, optionalValues: extras)
    let specialsText = SpecialsTable.render(specials)
    let resultsText = ResultsTable.render(results)
    // Round trip: what is written must read back under the engine's own validation.
    _ = try DistrictTable.read(CSVTable(data: Data(districtText.utf8), file: "\(cycle)/districts.csv"))
    _ = try SpecialsTable.read(CSVTable(data: Data(specialsText.utf8), file: "\(cycle)/specials.csv"), cycleStart: cycleStart,
                               electionDate: electionDay, levels: ["federal"], districts: districts)
    _ = try ResultsTable.read(CSVTable(data: Data(resultsText.utf8), file: "\(cycle)/results.csv"), districts: districts)

    let config = HistoryCycleConfig(cycle: cycle, electionDay: electionDay, asOf: asOf, cycleStart: cycleStart,
                                    presidentialYear: presidentialYear, nationalPres: nationalPres,
                                    demVotes: president.dem, repVotes: president.rep, missCycles: missCycles,
                                    misses: misses,
                                    missByHorizon: FitConfigFragment.missByHorizon(
                                      GenericBallotMissFit.fit(national: national, cycles: missCycles,
                                                               electionDay: ElectionDay.unitedStatesFederal,
                                                               horizons: HistoryCycleConfig.horizons),
                                      indent: ""))
    let contested = districts.filter { $0.status == .contested }.count
    let provenance = provenanceText(seats: seats, specials: specials, skipped: skipped, nationalPres: nationalPres,
                                    president: president, config: config)
    let files: [ImportedTables.File] = [
      .init(path: "\(cycle)/districts.csv", text: districtText), .init(path: "\(cycle)/specials.csv", text: specialsText),
      .init(path: "\(cycle)/results.csv", text: resultsText), .init(path: "\(cycle)/PROVENANCE.md", text: provenance),
      .init(path: "house-\(cycle).json5", text: config.text),
    ]
    var summary = ["\(cycle): \(districts.count) seats (\(contested) contested), \(specials.count) specials, \(results.count) results"]
    if !skipped.isEmpty { summary.append("\(cycle) skipped: " + skipped.joined(separator: "; ")) }
    return ImportedTables(label: String(cycle), files: files, summary: summary)
  }

  // MARK: - Districts and results

  private func readDistricts(states: StateRegions, nationalPres: Double) throws -> [Seat] {
    let table = try CSVTable(contentsOf: source + "/" + districtsFile)
    let names = ["cycle", "district", "state", "pres_year", "pres_margin_2p", "nat_pres_margin_2p", "pres_lean_2p",
                 "incumbent_running", "incumbent_party", "open_seat", "seat_party_prior", "prev_house_same_lines",
                 "prev_house_margin_2p_mit", "prev_house_contest_mit", "res_contest", "res_margin_2p", "res_winner",
                 "res_source", "res_runoff_margin_2p", "res_runoff_contest", "jac_po1", "jac_dexp", "jac_rexp", "pres_source"]
    let columns = try names.map { try table.column($0) }
    var c: [String: Int] = [:]
    for (name, index) in zip(names, columns) { c[name] = index }
    var problems = RowErrors(file: table.file)
    var seen: [String: Int] = [:]
    var seats: [Seat] = []
    for row in table.typedRows {
      let seat = try problems.collect { () throws -> Seat in
        try readSeat(row, c, states: states, nationalPres: nationalPres, seen: &seen)
      }
      if let seat { seats.append(seat) }
    }
    try problems.throwIfAny()
    guard !seats.isEmpty else {
      throw InputError(file: table.file, expected: "at least one district after the header", foundDescription: "a header only")
    }
    return seats
  }

  private func readSeat(_ row: CSVTable.Row, _ c: [String: Int], states: StateRegions, nationalPres: Double,
                        seen: inout [String: Int]) throws -> Seat {
    func col(_ name: String) -> Int { c[name]! }
    guard try row.integer(col("cycle")) == cycle else { throw row.error(col("cycle"), expected: String(cycle), found: row.text(col("cycle"))) }
    let id = try row.requiredText(col("district"))
    let state = try row.requiredText(col("state"))
    guard id.count == 5, id.hasPrefix(state + "-"), Int(id.suffix(2)) != nil else {
      throw row.error(col("district"), expected: "a district id like \(state)-07 (its state, a hyphen, two digits)", found: id)
    }
    if let first = seen[id] { throw row.error(col("district"), expected: "a unique district (already on line \(first))", found: id) }
    seen[id] = row.line
    guard let region = states.regionOf[state] else {
      throw row.error(col("state"), expected: "a state listed in \(states.file)", found: state)
    }

    // Lean, measured from the presidential race two years before, against the nation.
    guard try row.integer(col("pres_year")) == presidentialYear else {
      throw row.error(col("pres_year"), expected: String(presidentialYear), found: row.text(col("pres_year")))
    }
    let lean = try row.number(col("pres_margin_2p")) - nationalPres
    guard abs(try row.number(col("nat_pres_margin_2p")) - nationalPres) <= 0.001 else {
      throw row.error(col("nat_pres_margin_2p"), expected: "the national \(presidentialYear) margin \(String(format: "%.4f", nationalPres)) (\(PresidentialNationalMargin.file))",
                      found: row.text(col("nat_pres_margin_2p")))
    }
    guard abs(try row.number(col("pres_lean_2p")) - lean) <= 0.002 else {
      throw row.error(col("pres_lean_2p"), expected: "pres_margin_2p − the national margin = \(String(format: "%.4f", lean))",
                      found: row.text(col("pres_lean_2p")))
    }

    // Incumbent.
    var notes: [String] = []
    let running = try row.boolean(col("incumbent_running"))
    guard try row.boolean(col("open_seat")) == !running else {
      throw row.error(col("open_seat"), expected: "the opposite of incumbent_running (\(running ? "True" : "False"))", found: row.text(col("open_seat")))
    }
    var incumbent: Party?
    let incumbentCode = row.text(col("incumbent_party"))
    if running {
      switch incumbentCode {
      case "D", "R": incumbent = Party(code: incumbentCode)
      case "D;R": notes.append("two incumbents (D and R) on the ballot, member against member")
      default: throw row.error(col("incumbent_party"), expected: "D, R or D;R for a running incumbent", found: incumbentCode)
      }
    } else if !incumbentCode.isEmpty {
      throw row.error(col("incumbent_party"), expected: "empty for an open seat", found: incumbentCode)
    }

    // Status, from the November ballot.
    let contest = try SourceContest.read(row, col("res_contest"))
    let winnerCode = row.text(col("res_winner"))
    let winner: Party?
    switch winnerCode {
    case "D", "R": winner = Party(code: winnerCode)
    case "VACANT": winner = nil
    default: throw row.error(col("res_winner"), expected: "D, R or VACANT", found: winnerCode)
    }
    let status: District.Status
    var unprinted = false
    if contest.isTwoParty {
      status = .contested
    } else if let party = contest.fixedParty {
      status = .fixed(party)
    } else {
      guard let winner else {
        throw row.error(col("res_winner"), expected: "D or R for an unopposed seat", found: winnerCode)
      }
      status = .fixed(winner)
      unprinted = true
      notes.append("unopposed; no votes printed")
    }

    // Held before the election.
    var heldBy: Party?
    var independentHeld = false
    switch row.text(col("seat_party_prior")) {
    case "D", "R": heldBy = Party(code: row.text(col("seat_party_prior")))
    case "I":
      independentHeld = true
      notes.append("held by an independent before the election")
    case "": break
    default: throw row.error(col("seat_party_prior"), expected: "D, R, I or empty", found: row.text(col("seat_party_prior")))
    }

    // How the source built the result row.
    var resultNotes: [String] = []
    var courtOrdered = false, replaced = false
    switch row.text(col("res_source")) {
    case "MIT": break
    case "MIT_special_rows":
      courtOrdered = true
      notes.append("court-ordered all-party November election on redrawn lines")
      resultNotes.append("court-ordered all-party November election (MIT's special rows)")
    case "MIT_writein_as_R":
      notes.append("the Republican is a write-in candidate")
      resultNotes.append("the Republican write-in counted as R")
    case "538_nov_round":
      replaced = true
      resultNotes.append("November round from 538's results (MIT's rows mix rounds or misread a line)")
    default:
      throw row.error(col("res_source"), expected: "MIT, MIT_special_rows, MIT_writein_as_R or 538_nov_round", found: row.text(col("res_source")))
    }

    // The result: the deciding round.
    let runoffText = row.text(col("res_runoff_contest"))
    var runoff: String?
    let resultContest: SourceContest
    let resultMargin: Double?
    let novemberMargin = contest.isTwoParty ? try row.number(col("res_margin_2p")) : nil
    if runoffText.isEmpty {
      guard row.text(col("res_runoff_margin_2p")).isEmpty else {
        throw row.error(col("res_runoff_margin_2p"), expected: "empty without res_runoff_contest", found: row.text(col("res_runoff_margin_2p")))
      }
      resultContest = contest
      resultMargin = novemberMargin
    } else {
      resultContest = try SourceContest.read(row, col("res_runoff_contest"))
      resultMargin = resultContest.isTwoParty ? try row.number(col("res_runoff_margin_2p")) : nil
      let november = novemberMargin.map { " " + HistoryCycleImporter.signed($0) } ?? ""
      resultNotes.insert("decided in the December runoff (\(resultContest.rawValue)); the November round was \(contest.rawValue)\(november)", at: 0)
      runoff = "\(id) (\(resultContest.rawValue)\(resultMargin.map { " " + HistoryCycleImporter.signed($0) } ?? ""))"
    }
    if winner == nil { resultNotes.append("no certified winner") }
    if let resultMargin, let winner, (resultMargin > 0) != (winner == .democratic) {
      resultNotes.append("the two-party margin and the winner disagree (an all-party ballot)")
    }
    let result = SeatResult(id: id, winner: winner, margin: resultMargin, contest: resultContest.rawValue,
                            note: resultNotes.joined(separator: "; "))

    // Optional columns.
    let sameLines = try row.boolean(col("prev_house_same_lines"))
    var previousMargin = "", previousContest = ""
    if sameLines {
      let previous = try SourceContest.read(row, col("prev_house_contest_mit"))
      previousContest = previous.rawValue
      if previous.isTwoParty { previousMargin = String(format: "%.4f", try row.number(col("prev_house_margin_2p_mit"))) }
    } else {
      guard row.text(col("prev_house_margin_2p_mit")).isEmpty, row.text(col("prev_house_contest_mit")).isEmpty else {
        throw row.error(col("prev_house_margin_2p_mit"), expected: "no previous result where prev_house_same_lines is False",
                        found: row.text(col("prev_house_margin_2p_mit")))
      }
      notes.append("lines redrawn since \(cycle - 2): no previous House result on them")
    }
    var quality = ""
    if !row.text(col("jac_po1")).isEmpty {
      let code = try row.integer(col("jac_po1"))
      guard (0...9).contains(code) else { throw row.error(col("jac_po1"), expected: "a code 0...9 (Jacobson's po1)", found: row.text(col("jac_po1"))) }
      quality = String(code)
    }
    func dollars(_ name: String) throws -> String {
      guard !row.text(col(name)).isEmpty else { return "" }
      let value = try row.number(col(name))
      guard value >= 0 else { throw row.error(col(name), expected: "a non-negative amount of dollars", found: row.text(col(name))) }
      return String(format: "%.2f", value)
    }
    let extras = [previousMargin, previousContest, quality, try dollars("jac_dexp"), try dollars("jac_rexp")]

    var district = District(id: id, state: state, region: region, lean: lean, incumbent: incumbent, status: status,
                            heldBy: heldBy, note: notes.joined(separator: "; "))
    district.heldByOther = independentHeld
    district.memberVersusMember = running && incumbentCode == "D;R"
    return Seat(district: district, extras: extras, result: result, redrawn: !sameLines, courtOrdered: courtOrdered,
                runoff: runoff, unprinted: unprinted, independentHeld: independentHeld, replacedFrom538: replaced,
                baseline: try row.requiredText(col("pres_source")))
  }

  // MARK: - Specials

  private func readSpecials(districts: [District], nationalPres: Double) throws -> ([SpecialElection], [String]) {
    let table = try CSVTable(contentsOf: source + "/" + specialsFile)
    let name = (specialsFile as NSString).lastPathComponent
    let f = try ["date", "office", "district", "stage", "contest", "margin_2p", "pres_year", "pres_margin_2p",
                 "swing_2p_vs_pres", "on_general_election_day"].map { try table.column($0) }
    let stateOf = Dictionary(uniqueKeysWithValues: districts.map { ($0.id, $0.state) })
    var problems = RowErrors(file: table.file)
    var specials: [SpecialElection] = []
    var skipped: [String] = []
    for row in table.typedRows {
      try problems.collect {
        let date = try row.date(f[0])
        guard date >= cycleStart, date <= electionDay else {
          throw row.error(f[0], expected: "a date in the cycle \(cycleStart.iso)...\(electionDay.iso)", found: date.iso)
        }
        guard try row.boolean(f[9]) == (date == electionDay) else {
          throw row.error(f[9], expected: date == electionDay ? "True for a race on \(electionDay.iso)" : "False for a race before \(electionDay.iso)",
                          found: row.text(f[9]))
        }
        guard row.text(f[1]) == "U.S. House" else { throw row.error(f[1], expected: "U.S. House", found: row.text(f[1])) }
        let district = try row.requiredText(f[2])
        guard let state = stateOf[district] else {
          throw row.error(f[2], expected: "a district of \(districtsFile)", found: district)
        }
        let stage = try row.requiredText(f[3])
        guard ["general", "jungle primary", "runoff"].contains(stage) else {
          throw row.error(f[3], expected: "general, jungle primary or runoff", found: stage)
        }
        let contest = try SourceContest.read(row, f[4], allowed: SourceContest.allCases)
        guard contest.isTwoParty else {
          skipped.append("\(date.iso) \(district)\(stage == "general" ? "" : " " + stage) (\(contest.rawValue): no two-party margin)")
          return
        }
        guard try row.integer(f[6]) == presidentialYear else {
          throw row.error(f[6], expected: String(presidentialYear), found: row.text(f[6]))
        }
        let margin = try row.number(f[5])
        let presMargin = try row.number(f[7])
        guard abs(try row.number(f[8]) - (margin - presMargin)) <= 0.002 else {
          throw row.error(f[8], expected: "margin_2p − pres_margin_2p = \(String(format: "%.3f", margin - presMargin))", found: row.text(f[8]))
        }
        let lean = presMargin - nationalPres
        specials.append(SpecialElection(date: date, state: state, seat: district + (stage == "general" ? "" : " " + stage),
                                        level: "federal", margin: margin, lean: lean, shift: margin - lean,
                                        source: "\(name) line \(row.line)"))
      }
    }
    try problems.throwIfAny()
    specials.sort { ($0.date, $0.state, $0.seat) < ($1.date, $1.state, $1.seat) }
    return (specials, skipped)
  }

  /// A number with its sign, e.g. `+8.5692`.
  static func signed(_ value: Double, decimals: Int = 4) -> String { String(format: "%+.\(decimals)f", value) }

  // MARK: - Provenance

  private func provenanceText(seats: [Seat], specials: [SpecialElection], skipped: [String], nationalPres: Double,
                              president: (margin: Double, dem: Int, rep: Int), config: HistoryCycleConfig) -> String {
    func ids(_ keep: (Seat) -> Bool) -> String {
      let list = seats.filter(keep).map(\.district.id)
      return list.isEmpty ? "none" : "\(list.count): " + list.joined(separator: ", ")
    }
    func count(_ keep: (Seat) -> Bool) -> Int { seats.filter(keep).count }
    let districts = seats.map(\.district)
    let contested = districts.filter { $0.status == .contested }.count
    let fixedD = districts.filter { $0.status == .fixed(.democratic) }.count
    let fixedR = districts.filter { $0.status == .fixed(.republican) }.count
    let open = districts.filter { $0.incumbent == nil }.count
    let wins = seats.compactMap(\.result.winner)
    let dWins = wins.filter { $0 == .democratic }.count
    let runoffs = seats.compactMap(\.runoff)
    let onElectionDay = specials.filter { $0.date == electionDay }.map(\.seat)
    // As subtracted in a formula: `2.227`, `(-2.488)`.
    let national = nationalPres < 0 ? "(\(String(format: "%.3f", nationalPres)))" : String(format: "%.3f", nationalPres)
    let sources = Set(seats.map(\.baseline)).sorted()
    var baselineNote = " Baseline (`pres_source`): " + sources.joined(separator: "; ") + "."
    if sources.contains(where: { $0.hasPrefix("Jacobson") }) {
      baselineNote += """

        Jacobson's `dpres` is the Democratic share of the two-party presidential vote on these lines (margin =
        2·dpres − 100); it has no vote counts, and is the only source of the \(presidentialYear) result on \(cycle) lines.
      """
    }
    return """
    # Provenance of config/\(cycle) and config/house-\(cycle).json5

    Written by `bellwether import` (`HistoryCycleImporter`) from the public tables in `../shared/data` (see its
    `SOURCES.md`, "History"); regenerate with `swift run bellwether import --cycles \(cycle)`. Do not edit by hand.
    The national series are described in `config/national/PROVENANCE.md`.

    ## \(cycle)/districts.csv (\(districts.count) seats: \(contested) contested, \(fixedD) fixed-D, \(fixedR) fixed-R; \(open) open)
    - Source: `\(districtsFile)`, one row per seat on the lines of November \(cycle).
    - `lean` = `pres_margin_2p` (\(presidentialYear) presidential two-party margin on \(cycle) lines; `pres_source`)
      − \(national), the national \(presidentialYear) two-party margin, from `\(PresidentialNationalMargin.file)`
      (D \(president.dem), R \(president.rep)). Every row's `nat_pres_margin_2p` agrees within 0.001 and its
      `pres_lean_2p` within 0.002.\(baselineNote)
    - `incumbent` = `incumbent_party` when `incumbent_running` is True (Jacobson's `inc`; special-election winners
      count as incumbents); otherwise `open`.
    - `status` from `res_contest` (the November ballot, known before election day): D_vs_R → contested; D_no_R,
      D_vs_D → fixed-D; R_no_D, R_vs_R → fixed-R (top-two and all-party ballots included);
      uncontested_no_votes_reported → fixed to the unopposed party (`res_winner`; FL/OK print no votes):
      \(ids { $0.unprinted }). A December runoff does not change the status (the November ballot had a D and an R).
      Any other code is refused.
    - Court-ordered all-party November elections on redrawn lines (`res_source` MIT_special_rows): \(ids { $0.courtOrdered }).
    - Lines redrawn since \(cycle - 2) (`prev_house_same_lines` False): \(ids { $0.redrawn }).
    - `held_by` = `seat_party_prior`; held by an independent (`I`, noted): \(ids { $0.independentHeld }).
    - `region` = Census division of the state, from the project's `config/census_divisions.csv`.
    - Optional columns (docs/data-schema.md): `prev_contest` = `prev_house_contest_mit` and `prev_margin` =
      `prev_house_margin_2p_mit` (MIT's \(cycle - 2) counts under the 2018 table's rules; the margin only for a D_vs_R
      race) where the lines did not change (\(count { !$0.extras[1].isEmpty }) seats, \(count { !$0.extras[0].isEmpty }) with a margin);
      `challenger_quality` = Jacobson's `po1` code (\(count { !$0.extras[2].isEmpty }) seats); `spending_d`, `spending_r` =
      Jacobson's `dexp`, `rexp` in dollars (\(count { !$0.extras[3].isEmpty }) and \(count { !$0.extras[4].isEmpty }) seats).

    ## \(cycle)/results.csv (\(seats.count) seats: D \(dWins), R \(wins.count - dWins), no certified winner \(seats.count - wins.count))
    - `winner` = `res_winner` (538's winner flag in the last round held; it agrees with Jacobson's `pwin`).
    - `contest` and `margin`: the deciding round, the two-party margin only for D_vs_R. December runoffs
      (`res_runoff_contest`, `res_runoff_margin_2p`): \(runoffs.isEmpty ? "none" : runoffs.joined(separator: "; ")); the note gives
      the November round.
    - November rounds taken from 538 by the source (`res_source` 538_nov_round): \(ids { $0.replacedFrom538 }).

    ## \(cycle)/specials.csv (\(specials.count) federal House specials)
    - Source: `\(specialsFile)` (538's races, \(cycleStart.iso) to \(electionDay.iso)); one row per round, the seat
      suffixed with its stage when not a general (`jungle primary`: all-party first rounds, D and R totals summed).
    - `margin` = `margin_2p`; `lean` = `pres_margin_2p` (the \(presidentialYear) presidential margin on the special's own
      lines) − \(national); `shift` = margin − lean (= `swing_2p_vs_pres` + the national margin, checked).
    - Held on election day (\(electionDay.iso)) with a two-party margin, kept (a forecast uses only specials before
      its as-of date):
      \(onElectionDay.isEmpty ? "none" : onElectionDay.joined(separator: ", ")).
    - Skipped (no two-party margin): \(skipped.isEmpty ? "none" : skipped.joined(separator: "; ")).

    ## house-\(cycle).json5
    - The judgment priors of `config/house-2018.json5` unchanged, and the fitted ones from `bellwether fit --for-cycle \(cycle)`
      (the cycles before \(cycle) only; none fitted to this cycle's result), with this cycle's dates
      (cycleStart \(cycleStart.iso), election \(electionDay.iso), asOf \(asOf.iso)), missCycles [\(config.missCycles.first!), \(config.missCycles.last!)] and
      `specials.alpha` = (1 − \(config.beta)) × \(national) = \(String(format: "%.3f", (1 - config.beta) * config.nationalPres)) (the config says `"derived"` and states the margin in its `lean` table).

    """
  }
}
