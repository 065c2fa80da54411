import Foundation

/// National series used for the environment prior: the daily generic-ballot average and the House
/// popular vote by cycle. Schemas:
///
/// `generic_ballot.csv`: `date,cycle,dem,rep` (percent of respondents; the cycle is the November
/// election the average points at). `house_vote.csv`: `cycle,dem_margin_2p` (two-party D margin, points).
package struct NationalSeries: Sendable, Equatable {
  /// One day of the generic-ballot average.
  package struct BallotDay: Sendable, Equatable {
    package var date: CalendarDate
    package var cycle: Int
    package var dem: Double
    package var rep: Double
    /// Two-party margin, `100 * (dem - rep) / (dem + rep)`.
    package var twoPartyMargin: Double { 100 * (dem - rep) / (dem + rep) }
  }

  /// Daily averages, sorted by date.
  package var genericBallot: [BallotDay]
  /// Two-party House margin by cycle.
  package var houseVote: [Int: Double]

  /// Creates the series.
  package init(genericBallot: [BallotDay], houseVote: [Int: Double]) {
    self.genericBallot = genericBallot.sorted { $0.date < $1.date }
    self.houseVote = houseVote
  }

  /// Reads both tables.
  /// - Throws: `InputError` with file, line and field for one bad row; `InputErrors` listing up to
  ///   `RowErrors.cap` bad rows of a table (`RowErrors`).
  package static func read(genericBallot ballot: CSVTable, houseVote vote: CSVTable) throws -> NationalSeries {
    let b = try ballot.columns(["date", "cycle", "dem", "rep"])
    var days: [BallotDay] = []
    var dateLines: [CalendarDate: Int] = [:]
    try RowErrors.eachRow(of: ballot) { row in
      let date = try row.date(b[0])
      if let first = dateLines[date] {
        throw row.error(b[0], expected: "one row per date (same date on line \(first))", found: date.iso)
      }
      dateLines[date] = row.line
      let dem = try row.number(b[2]), rep = try row.number(b[3])
      guard dem > 0, rep > 0, dem + rep <= 100 else {
        throw row.error(b[2], expected: "positive percentages dem and rep summing to at most 100",
                        foundDescription: "dem \(row.text(b[2])) and rep \(row.text(b[3]))")
      }
      days.append(BallotDay(date: date, cycle: try row.integer(b[1]), dem: dem, rep: rep))
    }
    guard !days.isEmpty else {
      throw InputError(file: ballot.file, expected: "at least one day after the header", foundDescription: "a header only")
    }
    let v = try vote.columns(["cycle", "dem_margin_2p"])
    var margins: [Int: Double] = [:]
    var cycleLines: [Int: Int] = [:]
    try RowErrors.eachRow(of: vote) { row in
      let cycle = try row.integer(v[0])
      if let first = cycleLines[cycle] {
        throw row.error(v[0], expected: "one row per cycle (same cycle on line \(first))", found: String(cycle))
      }
      cycleLines[cycle] = row.line
      margins[cycle] = try row.number(v[1])
    }
    guard !margins.isEmpty else {
      throw InputError(file: vote.file, expected: "at least one cycle after the header", foundDescription: "a header only")
    }
    return NationalSeries(genericBallot: days, houseVote: margins)
  }

  /// The last average of `cycle` on or before `date`.
  package func average(cycle: Int, onOrBefore date: CalendarDate) -> BallotDay? {
    genericBallot.last { $0.cycle == cycle && $0.date <= date }
  }

  /// The first average of a cycle: the earliest as-of date a generic-ballot prior can use.
  package func firstAverage(cycle: Int) -> BallotDay? {
    genericBallot.first { $0.cycle == cycle }
  }

  /// The final average of a cycle.
  package func finalAverage(cycle: Int) -> BallotDay? {
    genericBallot.last { $0.cycle == cycle }
  }
}
