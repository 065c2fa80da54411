import BellwetherEngine
import Foundation

/// Adapter from FiveThirtyEight's raw polls (`history/538_raw_polls_1998_2018.csv`, the polls behind
/// its 2023 pollster ratings; ../shared/data/SOURCES.md) into the engine's polls table
/// (`C/polls.csv`, docs/data-schema.md) for cycle C. Kept: `type_simple` House-G, a district
/// (`location` not US), `year` C and `electiondate` the November general election (specials and
/// primaries dropped), a Democrat and a Republican as the two candidates (either order). Derived:
/// seat id from `race` (`2018_House-G_CA-10` → CA-10, one-digit districts padded), date from
/// `polldate` (M/D/YYYY), margin = 100 (D − R) / (D + R) of the candidates' poll shares, sponsor =
/// `partisan` (D or R; empty nonpartisan). A poll of a seat that is not contested (D vs R) in the
/// cycle's district table, or with another `partisan` code, is skipped and counted. The file's
/// actual results (`cand*_actual`, `margin_actual`, `error`, `bias`) are not copied.
package struct DistrictPollsImporter {
  /// The raw file, relative to the data folder.
  package static let file = "history/538_raw_polls_1998_2018.csv"

  let cycle: Int
  let electionDay: CalendarDate
  let cycleStart: CalendarDate
  let source: String

  /// The polls table and its provenance paragraph for one cycle.
  /// - Parameter districts: the cycle's seats (the table just built).
  /// - Throws: `InputError`/`InputErrors` naming the raw file's line and field.
  func build(districts: [District]) throws -> (text: String, provenance: String, count: Int) {
    let table = try CSVTable(contentsOf: source + "/" + DistrictPollsImporter.file, displayName: DistrictPollsImporter.file)
    let c = try (["year", "race", "location", "type_simple", "pollster", "partisan", "polldate", "samplesize",
                               "cand1_party", "cand1_pct", "cand2_party", "cand2_pct", "electiondate"]).map { try table.column($0) }
    let contested = Set(districts.filter { $0.status == .contested }.map(\.id))
    var polls: [DistrictPoll] = []
    var notContested = 0, otherSponsor = 0, notDvR = 0
    func usDate(_ text: String) -> CalendarDate? {
      let p = text.split(separator: "/").compactMap { Int($0) }
      guard p.count == 3 else { return nil }
      return CalendarDate(iso: String(format: "%04d-%02d-%02d", p[2], p[0], p[1]))
    }
    try RowErrors.eachRow(of: table) { row in
      guard row.text(c[3]) == "House-G", row.text(c[2]) != "US", row.text(c[0]) == String(cycle) else { return }
      guard let election = usDate(row.text(c[12])) else { throw row.error(c[12], expected: "a date as M/D/YYYY", found: row.text(c[12])) }
      guard election == electionDay else { return }
      let parties = (row.text(c[8]), row.text(c[10]))
      guard parties == ("DEM", "REP") || parties == ("REP", "DEM") else { notDvR += 1; return }
      let race = row.text(c[1]).split(separator: "_").last.map(String.init) ?? ""
      let parts = race.split(separator: "-")
      guard parts.count == 2, let number = Int(parts[1]) else {
        throw row.error(c[1], expected: "a race like \(cycle)_House-G_CA-10", found: row.text(c[1]))
      }
      let id = "\(parts[0])-" + String(format: "%02d", max(number, 1))
      guard contested.contains(id) else { notContested += 1; return }
      guard let date = usDate(row.text(c[6])) else { throw row.error(c[6], expected: "a date as M/D/YYYY", found: row.text(c[6])) }
      guard date >= cycleStart, date < electionDay else {
        throw row.error(c[6], expected: "a date in \(cycleStart.iso) before \(electionDay.iso)", found: row.text(c[6]))
      }
      let first = try row.number(c[9]), second = try row.number(c[11])
      guard first >= 0, second >= 0, first + second > 0 else {
        throw row.error(c[9], expected: "non-negative shares with a positive sum", found: "\(row.text(c[9])), \(row.text(c[11]))")
      }
      let (dem, rep) = parties.0 == "DEM" ? (first, second) : (second, first)
      let sponsor: Party?
      switch row.text(c[5]) {
      case "": sponsor = nil
      case "D": sponsor = .democratic
      case "R": sponsor = .republican
      default: otherSponsor += 1; return
      }
      let size = Double(row.text(c[7])).flatMap { $0 > 0 && $0.isFinite ? Int($0.rounded()) : nil }
      polls.append(DistrictPoll(seat: id, date: date, pollster: try row.requiredText(c[4]), sampleSize: size,
                                margin: 100 * (dem - rep) / (dem + rep), sponsor: sponsor))
    }
    polls.sort { ($0.seat, $0.date, $0.pollster, $0.margin) < ($1.seat, $1.date, $1.pollster, $1.margin) }
    let text = PollsTable.render(polls)
    // Round trip through the engine's reader.
    _ = try PollsTable.read(CSVTable(data: Data(text.utf8), file: "\(cycle)/polls.csv"), districts: districts,
                            cycleStart: cycleStart, electionDate: electionDay)
    let seats = Set(polls.map(\.seat)).count
    let sponsored = polls.filter { $0.sponsor != nil }.count
    let provenance = """

      ## polls.csv

      From `../shared/data/\(DistrictPollsImporter.file)` (FiveThirtyEight, CC BY 4.0; ../shared/data/SOURCES.md) by
      `bellwether import`: the \(polls.count) House general-election polls of \(cycle) (of \(seats) seats; \(sponsored) sponsored by a
      party) of seats contested D vs R, fielded \(polls.map(\.date.iso).min() ?? "-") to \(polls.map(\.date.iso).max() ?? "-").
      Margin = 100 (D - R) / (D + R) of the two candidates' poll shares; sponsor = the file's `partisan` (D, R).
      Skipped: \(notContested) polls of seats not contested D vs R here, \(notDvR) without a Democrat and a Republican as the
      two candidates, \(otherSponsor) with another `partisan` code. Specials' and primaries' polls (another `electiondate`) are
      not kept, nor the file's actual results.

      """
    return (text, provenance, polls.count)
  }
}
