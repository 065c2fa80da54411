import BellwetherEngine
import BellwetherFit
import Foundation

/// Adapter that builds `national/district_history.csv`: the contested seats of the House midterms
/// before the first shipped cycle (1998 and 2002), so that `bellwether fit` can estimate the linear
/// district baseline (docs/model.md §1.5) for 2006 from earlier cycles only, as it does for the later
/// cycles from the shipped ones (docs/fit.md, "District model").
///
/// From `history/jacobson_house_1946_2016.csv` (Gary C. Jacobson's House elections file; columns in
/// ../shared/data/SOURCES.md, "Jacobson's columns"), one row per district and year:
/// - kept: a Democrat-vs-Republican result (`dv` present, `pwin` 0 or 1, `inc` not 8-11, the
///   same-party races, and `po2` not 9, "odd race … DO NOT USE") with the district's presidential vote
///   (`dpres`); Louisiana is left out (jungle primaries with December runoffs, as in
///   `PollHistoryImporter`);
/// - `incumbent`: `inc` 1 → D, 0 → R, every other code (open seats, two incumbents) open (docs/model.md §1.5);
/// - `lean` = 2 `dpres` − 100 (the previous presidential race on this year's lines, two-party) minus the
///   national two-party margin of that race (`PresidentialNationalMargin`: 1996 for 1998, 2000 for 2002);
/// - `margin` = 2 `dv` − 100; `prev_margin` = 2 `dvp` − 100 where the seat was not redrawn
///   (`redist` 0) and the previous race had a two-party result (`dvp` present), else empty;
/// - `house_vote`, `prev_house_vote`: `dem_margin_2p` of `history/house_popular_vote_1976_2018.csv`
///   for the year and two years before (config/national/house_vote.csv starts in 1998, so it has no 1996).
/// Midterms only: the model forecasts midterms, and every shipped cycle the fit reads is one.
struct DistrictHistoryImporter {
  /// Files read, relative to the data folder.
  static let seatsFile = "history/jacobson_house_1946_2016.csv"
  static let houseVoteFile = "history/house_popular_vote_1976_2018.csv"
  /// The table written, relative to the config folder.
  static let output = "national/district_history.csv"
  /// The midterms before the first shipped cycle (2006), with the presidential race each one's lean is relative to.
  static let cycles = [1998: 1996, 2002: 2000]
  /// Postal codes in Jacobson's state numbering (1-50, alphabetical by state name).
  static let states = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
                       "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
                       "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]
  /// Folder holding `history/`.
  var source: String

  /// Jacobson's `stcd` (state × 100 + district) as a seat id, `ST-NN`; nil for an unknown state or district 0.
  static func seat(stcd: Int) -> String? {
    let state = stcd / 100, district = stcd % 100
    guard (1...states.count).contains(state), district >= 1 else { return nil }
    return states[state - 1] + "-" + String(format: "%02d", district)
  }

  /// The table, its provenance paragraph and the number of seats.
  /// - Throws: `InputError`/`InputErrors` naming the raw file's line and field.
  func build() throws -> (text: String, provenance: String, count: Int) {
    let votes = try CSVTable(contentsOf: source + "/" + Self.houseVoteFile, displayName: Self.houseVoteFile)
    let v = try ["cycle", "dem_margin_2p"].map { try votes.column($0) }
    var houseVote: [Int: Double] = [:]
    try RowErrors.eachRow(of: votes) { row in houseVote[try row.integer(v[0])] = try row.number(v[1]) }
    var presidential: [Int: Double] = [:]
    for (cycle, year) in Self.cycles {
      presidential[cycle] = try PresidentialNationalMargin.read(source: source, year: year).margin
      for y in [cycle, cycle - 2] where houseVote[y] == nil {
        throw InputError(file: Self.houseVoteFile, field: "cycle", expected: "a row for \(y)", foundDescription: "none")
      }
    }
    let table = try CSVTable(contentsOf: source + "/" + Self.seatsFile, displayName: Self.seatsFile)
    let c = try ["year", "stcd", "inc", "pwin", "dv", "dvp", "po2", "redist", "dpres"].map { try table.column($0) }
    var rows: [(cycle: Int, seat: String, incumbent: String, lean: Double, margin: Double, previous: Double?)] = []
    var uncontested = 0, otherRace = 0, louisiana = 0
    try RowErrors.eachRow(of: table) { row in
      guard let year = Int(row.text(c[0])), let pres = presidential[year] else { return }
      let stcd = try row.integer(c[1])
      guard let seat = Self.seat(stcd: stcd) else { throw row.error(c[1], expected: "state (1-50) × 100 + district (1-99)", found: row.text(c[1])) }
      guard !seat.hasPrefix("LA-") else { louisiana += 1; return }
      guard !row.text(c[4]).isEmpty else { uncontested += 1; return }
      let inc = try row.integer(c[2])
      guard ["0", "1"].contains(row.text(c[3])), !(8...11).contains(inc), row.text(c[6]) != "9" else { otherRace += 1; return }
      func share(_ i: Int) throws -> Double {
        let s = try row.number(c[i])
        guard (0...100).contains(s) else { throw row.error(c[i], expected: "a two-party share within 0...100", found: row.text(c[i])) }
        return s
      }
      let dpres = try share(c.count - 1), dv = try share(4)
      let redrawn = try row.integer(c[7])
      let previous = redrawn == 0 && !row.text(c[5]).isEmpty ? 2 * (try share(5)) - 100 : nil
      let incumbent = inc == 1 ? "D" : inc == 0 ? "R" : ""
      rows.append((year, seat, incumbent, 2 * dpres - 100 - pres, 2 * dv - 100, previous))
    }
    rows.sort { ($0.cycle, $0.seat) < ($1.cycle, $1.seat) }
    var text = DistrictHistoryTable.columns.joined(separator: ",") + "\n"
    for r in rows {
      text += [String(r.cycle), r.seat, r.incumbent, String(format: "%.4f", r.lean), String(format: "%.4f", r.margin),
               String(format: "%.3f", houseVote[r.cycle]!), r.previous.map { String(format: "%.4f", $0) } ?? "",
               r.previous == nil ? "" : String(format: "%.3f", houseVote[r.cycle - 2]!)].joined(separator: ",") + "\n"
    }
    // Round trip through the fit's reader.
    let read = try DistrictHistoryTable.read(CSVTable(data: Data(text.utf8), file: Self.output))
    let years = Self.cycles.keys.sorted()
    let perCycle = years.map { y in
      "\(y) \(read.filter { $0.cycle == y }.count), \(read.filter { $0.cycle == y && $0.previousRelative != nil }.count) with a previous race"
    }.joined(separator: "; ")
    let provenance = """

      ## \(Self.output)
      - The \(rows.count) contested seats of the House midterms of \(years.map(String.init).joined(separator: " and ")) (\(perCycle))
        from `\(Self.seatsFile)` (Jacobson): a Democrat-vs-Republican result (`dv`, `pwin` 0/1, `inc` not 8-11, `po2` not 9)
        and the district's presidential vote `dpres`; incumbent from `inc` (1 D, 0 R, else open); lean = 2 `dpres` - 100
        minus the national two-party margin of the previous presidential race (\(PresidentialNationalMargin.file));
        margin = 2 `dv` - 100; prev_margin = 2 `dvp` - 100 where `redist` is 0 and `dvp` is present; house_vote and
        prev_house_vote = `dem_margin_2p` of `\(Self.houseVoteFile)`.
        Skipped: \(uncontested) uncontested races (no `dv`), \(otherRace) other races (third party won, same-party
        or odd races), \(louisiana) seats of Louisiana (jungle primaries and December runoffs). Read only by
        `bellwether fit` (the district model of the cycles after these).

      """
    return (text, provenance, rows.count)
  }
}
