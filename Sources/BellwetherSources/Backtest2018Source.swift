import BellwetherBacktest
import BellwetherEngine
import Foundation

/// Adapter from the public 2018 data (`../shared/data`, described in its SOURCES.md) to
/// `BacktestData`. Like `House2018Importer`, it is the one place that knows these files:
///
/// - outcomes: `2018/districts_2018.csv`, `res18_winner` (`D`, `R`, or `VACANT` for NC-09, whose
///   result was never certified: it is left out of every score) and `res18_contest` (`D_vs_R` is a
///   two-party contest);
/// - the national House vote: `national/house_popular_vote_1998_2018.csv`, two-party D margin;
/// - FiveThirtyEight's daily district forecasts, Lite, Classic and Deluxe, 2018-08-01 to 2018-11-06:
///   `2018/raw/538_house_district_forecast_2018_all_days.csv.gz` (gzip, read with zlib);
/// - its daily national forecasts: `2018/raw/538_house_national_forecast_2018.csv`;
/// - previous House results: `house16_margin_2p` minus the national 2016 House margin, for seats
///   whose 2016 race (`house16_contest`) was `D_vs_R` on the same lines (`house16_same_lines`) and
///   that held no House special election in 2017-18 (`2018/specials_federal_2017_2018.csv`), so that
///   the 2016 winner's party (`house16_plurality_party`) is the seat's, usually the same member.
enum Backtest2018Source {
  /// The cycle this adapter reads.
  static let cycle = 2018

  /// Files read, relative to the data folder.
  static let districtsFile = "2018/districts_2018.csv"
  static let specialsFile = "2018/specials_federal_2017_2018.csv"
  static let houseVoteFile = "national/house_popular_vote_1998_2018.csv"
  static let districtForecastsFile = "2018/raw/538_house_district_forecast_2018_all_days.csv.gz"
  static let nationalForecastsFile = "2018/raw/538_house_national_forecast_2018.csv"

  /// Reads every file.
  /// - Parameters:
  ///   - folder: the data folder holding `2018/` and `national/`.
  ///   - dates: the forecast dates to keep from the daily files (nil keeps all).
  /// - Throws: `InputError` naming the file, line and field of a bad value; `Gzip.DecodeError`.
  static func load(folder: String, dates: Set<CalendarDate>? = nil) throws -> BacktestData {
    var hashes: [String: String] = [:]
    func bytes(_ relative: String) throws -> Data { try read(relative, in: folder, hashes: &hashes) }
    func table(_ relative: String) throws -> CSVTable {
      try CSVTable(data: try bytes(relative), file: folder + "/" + relative)
    }

    // National House vote, two-party.
    let votes = try table(houseVoteFile)
    let vc = try ["cycle", "dem_margin_2p"].map { try votes.column($0) }
    var houseVote: [Int: Double] = [:]
    for row in votes.typedRows { houseVote[try row.integer(vc[0])] = try row.number(vc[1]) }
    guard let actualVote = houseVote[cycle], let previousVote = houseVote[cycle - 2] else {
      throw InputError(file: votes.file, field: "cycle", expected: "rows for \(cycle - 2) and \(cycle)", found: "none")
    }

    // Seats with a House special election during the cycle.
    let specials = try table(specialsFile)
    let sc = try ["office", "district"].map { try specials.column($0) }
    let specialSeats = Set(specials.typedRows.filter { $0.text(sc[0]) == "U.S. House" }.map { $0.text(sc[1]) })

    // Outcomes and previous results.
    let districts = try table(districtsFile)
    let dc = try ["district", "res18_winner", "res18_contest", "house16_margin_2p", "house16_contest",
                  "house16_same_lines", "house16_plurality_party"].map { try districts.column($0) }
    var seats: [ElectionOutcomes.Seat] = []
    var previous: [String: PreviousHouseResult] = [:]
    for row in districts.typedRows {
      let id = try row.requiredText(dc[0])
      let winner: Party?
      var note = ""
      if row.text(dc[1]) == "VACANT" {
        winner = nil
        note = "no certified result (res18_winner is VACANT)"
      } else {
        guard let party = Party(code: row.text(dc[1])) else { throw row.error(dc[1], expected: "D, R or VACANT", found: row.text(dc[1])) }
        winner = party
      }
      seats.append(ElectionOutcomes.Seat(id: id, winner: winner, contested: try row.requiredText(dc[2]) == "D_vs_R", note: note))
      if row.text(dc[4]) == "D_vs_R", try row.boolean(dc[5]), !specialSeats.contains(id) {
        guard let party = Party(code: row.text(dc[6])) else {
          throw row.error(dc[6], expected: "D or R for a D_vs_R race", found: row.text(dc[6]))
        }
        previous[id] = PreviousHouseResult(seat: id, winner: party, relativeMargin: try row.number(dc[3]) - previousVote)
      }
    }

    let published = try loadPublished(folder: folder, dates: dates)
    hashes.merge(published.sourceHashes) { a, _ in a }

    return BacktestData(cycle: cycle, outcomes: ElectionOutcomes(seats: seats, houseVoteMargin: actualVote),
                        publisher: published.publisher, versions: published.versions,
                        districtForecasts: published.districtForecasts, nationalForecasts: published.nationalForecasts,
                        previousResults: previous, sourceHashes: hashes)
  }

  /// FiveThirtyEight's 2018 House forecasts alone, without the outcomes: what a backtest of any
  /// 2018 chamber scores beside Bellwether (`BacktestSources`).
  /// - Throws: `InputError` naming the file, line and field of a bad value; `Gzip.DecodeError`.
  static func loadPublished(folder: String, dates: Set<CalendarDate>? = nil) throws -> BacktestData {
    var hashes: [String: String] = [:]
    func bytes(_ relative: String) throws -> Data { try read(relative, in: folder, hashes: &hashes) }
    let compressed = try bytes(districtForecastsFile)
    let csv = try Gzip.decompress(compressed, file: folder + "/" + districtForecastsFile)
    let districtForecasts = try PublishedDistrictForecasts.readFiveThirtyEight(
      try CSVTable(data: csv, file: folder + "/" + districtForecastsFile), dates: dates)
    let nationalForecasts = try PublishedNationalForecasts.readFiveThirtyEight(
      try CSVTable(data: try bytes(nationalForecastsFile), file: folder + "/" + nationalForecastsFile))
    // Simplest to richest, as FiveThirtyEight presented them; any other version after, by name.
    let order = ["lite", "classic", "deluxe"]
    let versions = order.filter(districtForecasts.models.contains) + districtForecasts.models.filter { !order.contains($0) }
    return BacktestData(cycle: cycle, outcomes: ElectionOutcomes(seats: [], houseVoteMargin: 0), publisher: "FiveThirtyEight",
                        versions: versions, districtForecasts: districtForecasts, nationalForecasts: nationalForecasts,
                        previousResults: [:], sourceHashes: hashes)
  }

  /// The bytes of one file of the public data, its SHA-256 recorded under its relative path.
  private static func read(_ relative: String, in folder: String, hashes: inout [String: String]) throws -> Data {
    let path = folder + "/" + relative
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: path, expected: "a readable file (the public \(cycle) data)", found: "no file at that path")
    }
    hashes[relative] = SHA256.hex(data)
    return data
  }
}
