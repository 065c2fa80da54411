import BellwetherEngine
import BellwetherFit
import Foundation

/// Adapter that builds `national/poll_history.csv`: the district polls of the House elections
/// before the first shipped cycle (1998-2004), each beside its seat's result, so that
/// `bellwether fit` can estimate the district-poll error model (docs/model.md §2.5) for 2006 from
/// earlier cycles only (docs/fit.md, "District polls").
///
/// - Polls: `history/538_raw_polls_1998_2018.csv` (FiveThirtyEight, CC BY 4.0), with the rules of
///   `DistrictPollsImporter`: `type_simple` House-G, a district (`location` not US), `year` C and
///   `electiondate` C's federal election day (specials, runoffs and primaries dropped), a Democrat
///   and a Republican as the two candidates; margin = 100 (D − R) / (D + R) of the poll shares;
///   sponsor = `partisan` (D, R; empty nonpartisan). The file's own results are not used.
/// - Results: `history/mit_house_1976_2018.csv` (MIT Election Lab), by the rules the shipped cycles'
///   results follow (../shared/data/SOURCES.md, "House results"): the general election (no runoff,
///   no special), each candidate's ballot lines summed (fusion), a candidate D with any Democratic
///   line and R with a REPUBLICAN one; margin = 100 (D − R) / (D + R) of all D and all R candidates'
///   votes (at large = district 0 → `-01`). A poll of a seat without both (or with a candidate on both
///   lines) is skipped and counted, and so are Louisiana's (jungle primaries with December runoffs).
struct PollHistoryImporter {
  /// Files read, relative to the data folder.
  static let pollsFile = DistrictPollsImporter.file
  static let resultsFile = "history/mit_house_1976_2018.csv"
  /// MIT's party names of a Democratic ballot line (../shared/data/SOURCES.md, "House results").
  static let democraticLines: Set<String> = ["DEMOCRAT", "DEMOCRATIC-FARMER-LABOR", "DEMOCRATIC-NPL", "DEMOCRATIC-NONPARTISAN LEAGUE"]
  /// The table written, relative to the config folder.
  static let output = "national/poll_history.csv"
  /// The cycles it covers: the House elections with FiveThirtyEight raw polls before the first
  /// shipped cycle (2006).
  static let cycles = [1998, 2000, 2002, 2004]
  /// Folder holding `history/` (the shared data).
  var source: String

  /// The table, its provenance paragraph and the number of polls.
  /// - Throws: `InputError`/`InputErrors` naming the raw file's line and field.
  func build() throws -> (text: String, provenance: String, count: Int) {
    let results = try CSVTable(contentsOf: source + "/" + Self.resultsFile, displayName: Self.resultsFile)
    let j = try ["year", "state_po", "district", "stage", "runoff", "special", "candidate", "party", "candidatevotes"]
      .map { try results.column($0) }
    // Votes and ballot lines per candidate of each seat's general election (runoffs and specials out).
    var candidates: [String: [String: (votes: Double, democratic: Bool, republican: Bool)]] = [:]
    try RowErrors.eachRow(of: results) { row in
      // A year that is not a whole number is refused, not skipped (README, "import": a bad row stops it).
      let year = try row.integer(j[0])
      guard Self.cycles.contains(year), row.text(j[3]) == "GEN", row.text(j[4]) != "True", row.text(j[5]) != "True" else { return }
      let district = try row.integer(j[2])
      guard district >= 0 else { throw row.error(j[2], expected: "a district number (0 at large)", found: row.text(j[2])) }
      let seat = "\(year) \(try row.requiredText(j[1]))-" + String(format: "%02d", max(district, 1))
      let votes = try row.number(j[8]), party = row.text(j[7])
      var c = candidates[seat, default: [:]][row.text(j[6]), default: (0, false, false)]
      c.votes += votes
      if Self.democraticLines.contains(party) { c.democratic = true }
      if party == "REPUBLICAN" { c.republican = true }
      candidates[seat, default: [:]][row.text(j[6])] = c
    }
    var margins: [String: Double] = [:]
    for (seat, people) in candidates where !people.values.contains(where: { $0.democratic && $0.republican }) {
      let dem = people.values.filter(\.democratic).reduce(0) { $0 + $1.votes }
      let rep = people.values.filter(\.republican).reduce(0) { $0 + $1.votes }
      if dem > 0, rep > 0 { margins[seat] = 100 * (dem - rep) / (dem + rep) }
    }

    let table = try CSVTable(contentsOf: source + "/" + Self.pollsFile, displayName: Self.pollsFile)
    let c = try ["year", "race", "location", "type_simple", "pollster", "partisan", "polldate", "cand1_party", "cand1_pct",
                 "cand2_party", "cand2_pct", "electiondate"].map { try table.column($0) }
    // M/D/YYYY: three whole numbers, none empty (CalendarDate refuses a day the month does not have).
    func usDate(_ text: String) -> CalendarDate? {
      let fields = text.split(separator: "/", omittingEmptySubsequences: false)
      let p = fields.compactMap { Int($0) }
      guard fields.count == 3, p.count == 3 else { return nil }
      return CalendarDate(iso: String(format: "%04d-%02d-%02d", p[2], p[0], p[1]))
    }
    var rows: [(cycle: Int, seat: String, date: CalendarDate, pollster: String, sponsor: String, margin: Double, result: Double)] = []
    var noResult = 0, otherSponsor = 0, notDvR = 0, louisiana = 0
    try RowErrors.eachRow(of: table) { row in
      guard row.text(c[3]) == "House-G", row.text(c[2]) != "US" else { return }
      let year = try row.integer(c[0])
      guard Self.cycles.contains(year) else { return }
      guard let election = usDate(row.text(c[11])) else { throw row.error(c[11], expected: "a date as M/D/YYYY", found: row.text(c[11])) }
      guard election == ElectionDay.unitedStatesFederal(year: year) else { return }
      let parties = (row.text(c[7]), row.text(c[9]))
      guard parties == ("DEM", "REP") || parties == ("REP", "DEM") else { notDvR += 1; return }
      let race = row.text(c[1]).split(separator: "_").last.map(String.init) ?? ""
      let parts = race.split(separator: "-")
      guard parts.count == 2, let number = Int(parts[1]) else {
        throw row.error(c[1], expected: "a race like \(year)_House-G_CA-10", found: row.text(c[1]))
      }
      let seat = "\(parts[0])-" + String(format: "%02d", max(number, 1))
      // Louisiana's House elections of these years were November jungle primaries with December
      // runoffs, and MIT's rows mix the two (SOURCES.md, caveats): its polls are left out.
      guard parts[0] != "LA" else { louisiana += 1; return }
      guard let result = margins["\(year) \(seat)"] else { noResult += 1; return }
      guard let date = usDate(row.text(c[6])), date < election, date.adding(days: 366) > election else {
        throw row.error(c[6], expected: "a date as M/D/YYYY in the year before \(election.iso)", found: row.text(c[6]))
      }
      let first = try row.number(c[8]), second = try row.number(c[10])
      guard first >= 0, second >= 0, first + second > 0 else {
        throw row.error(c[8], expected: "non-negative shares with a positive sum", found: "\(row.text(c[8])), \(row.text(c[10]))")
      }
      let (dem, rep) = parties.0 == "DEM" ? (first, second) : (second, first)
      let sponsor = row.text(c[5])
      guard ["", "D", "R"].contains(sponsor) else { otherSponsor += 1; return }
      rows.append((year, seat, date, try row.requiredText(c[4]), sponsor, 100 * (dem - rep) / (dem + rep), result))
    }
    rows.sort { ($0.cycle, $0.seat, $0.date, $0.pollster, $0.margin) < ($1.cycle, $1.seat, $1.date, $1.pollster, $1.margin) }
    var text = PollHistoryTable.columns.joined(separator: ",") + "\n"
    for r in rows {
      text += [String(r.cycle), r.seat, r.date.iso, r.pollster, r.sponsor, String(format: "%.4f", r.margin), String(format: "%.4f", r.result)]
        .map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    // Round trip through the fit's reader.
    let read = try PollHistoryTable.read(CSVTable(data: Data(text.utf8), file: Self.output))
    let perCycle = Self.cycles.map { cycle in "\(cycle) \(read.filter { $0.cycle == cycle }.count)" }.joined(separator: ", ")
    let provenance = """

      ## \(Self.output)
      - The \(rows.count) district polls of the House general elections of \(Self.cycles.first!)-\(Self.cycles.last!) (\(perCycle);
        \(rows.filter { !$0.sponsor.isEmpty }.count) sponsored by a party) from `\(Self.pollsFile)` (FiveThirtyEight, CC BY 4.0),
        with `DistrictPollsImporter`'s rules (House-G, a district, the federal election day, a Democrat and a Republican;
        margin = 100 (D - R) / (D + R) of the poll shares; sponsor = `partisan`), beside the seat's two-party result
        `result_margin` = 100 (D - R) / (D + R) of all D and all R candidates' votes (fusion lines summed) in the general
        election from `\(Self.resultsFile)` (MIT Election Lab).
        Skipped: \(louisiana) polls of Louisiana (jungle primaries and December runoffs, mixed in MIT's rows),
        \(noResult) polls of seats without a Democrat and a Republican on the result,
        \(notDvR) without a Democrat and a Republican, \(otherSponsor) with another `partisan` code. Read only by
        `bellwether fit` (the district-poll error model of the cycles after these).

      """
    return (text, provenance, rows.count)
  }
}
