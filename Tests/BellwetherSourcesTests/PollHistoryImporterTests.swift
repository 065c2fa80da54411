import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherFit
@testable import BellwetherSources

/// `config/national/poll_history.csv` (`PollHistoryImporter`): the 1998-2004 district polls beside
/// their seats' results, which the district-poll error fit for 2006 reads (docs/fit.md, "District polls").
@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct PollHistoryImporterTests {
  /// The shipped table is what the importer builds, and every row's result agrees with a second
  /// source: FiveThirtyEight's own `cand1_actual`/`cand2_actual` in the raw polls file, as a two-party
  /// margin, within 0.5 point (MIT's and 538's vote counts differ by rounding and late counts). The
  /// counts per cycle were made with a script over the raw file (House-G, a district, the federal
  /// election day, a D and an R): 36, 39, 78 and 70, less Louisiana's 1 (2002) and 5 (2004).
  @Test func theShippedTableIsTheImportAndItsResultsAgreeWithFiveThirtyEights() throws {
    let built = try PollHistoryImporter(source: TestSupport.sharedData).build()
    let shipped = try String(contentsOfFile: TestSupport.repositoryRoot + "/config/" + PollHistoryImporter.output, encoding: .utf8)
    #expect(built.text == shipped, "run `swift run bellwether import`")
    let table = try CSVTable(data: Data(shipped.utf8), file: "poll_history.csv")
    #expect(table.header == PollHistoryTable.columns)
    let counts = [1998, 2000, 2002, 2004].map { y in table.rows.filter { $0[0] == String(y) }.count }
    #expect(counts == [36, 39, 77, 65])

    let raw = try CSVTable(contentsOf: TestSupport.sharedData + "/" + PollHistoryImporter.pollsFile)
    let c = try ["year", "race", "type_simple", "cand1_party", "cand1_actual", "cand2_actual"].map { try raw.column($0) }
    var actual: [String: Double] = [:]
    for row in raw.rows where row[c[2]] == "House-G" {
      guard let a = Double(row[c[4]]), let b = Double(row[c[5]]) else { continue }
      let (d, r) = row[c[3]] == "DEM" ? (a, b) : (b, a)
      let race = row[c[1]].split(separator: "_").last!.split(separator: "-")
      guard race.count == 2, let n = Int(race[1]) else { continue }
      actual["\(row[c[0]]) \(race[0])-" + String(format: "%02d", max(n, 1))] = 100 * (d - r) / (d + r)
    }
    for row in table.rows {
      let other = try #require(actual["\(row[0]) \(row[1])"], "\(row[0]) \(row[1])")
      #expect(abs(try #require(Double(row[6])) - other) < 0.5, "\(row[0]) \(row[1]): \(row[6]) against 538's \(other)")
    }
  }

  /// The fit for 2006 reads these polls and no cycle's own polls: every poll of the fit is one of
  /// the table's, and the fit for 2010 adds 2006's.
  @Test func theFitFor2006ReadsOnlyThe1998To2004Polls() throws {
    let inputs = try FitInputs.load(.shipped(root: TestSupport.repositoryRoot), before: 2006)
    #expect(inputs.cycles.isEmpty && inputs.pollHistory.count == 217)
    let fit = try #require(PollErrorFit.fit(inputs.allPolls))
    #expect(fit.cycles == [1998, 2000, 2002, 2004] && fit.polls == 217)
    let later = try FitInputs.load(.shipped(root: TestSupport.repositoryRoot), before: 2010)
    #expect(later.pollHistory.count == 217 && later.allPolls.count == 217 + later.cycles[0].polls.count)
  }
}

/// A malformed row of either raw file stops `PollHistoryImporter` with the file, the line and the
/// field (README, "import"): a bad number, a bad date, an empty required field, a bad year. Built on
/// two small files in a temporary folder, so it needs no shared data.
struct PollHistoryImporterBadRowTests {
  static let resultsHeader = "year,state_po,district,stage,runoff,special,candidate,party,candidatevotes"
  static let results = [resultsHeader, "2004,NY,1,GEN,False,False,ANN DEE,DEMOCRAT,100", "2004,NY,1,GEN,False,False,BOB ARR,REPUBLICAN,80"]
  static let pollsHeader = "year,race,location,type_simple,pollster,partisan,polldate,cand1_party,cand1_pct,cand2_party,cand2_pct,electiondate"
  static let polls = [pollsHeader, "2004,2004_House-G_NY-1,NY,House-G,Some Poll,,10/1/2004,DEM,50,REP,40,11/2/2004"]

  /// Builds from the two files, with `results` and `polls` as their lines.
  static func build(results: [String] = results, polls: [String] = polls) throws -> (text: String, provenance: String, count: Int) {
    let folder = try TestSupport.folder(with: [
      PollHistoryImporter.resultsFile: results.joined(separator: "\n") + "\n",
      PollHistoryImporter.pollsFile: polls.joined(separator: "\n") + "\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try PollHistoryImporter(source: folder).build()
  }

  /// The message of the one error a build throws.
  static func error(results: [String] = results, polls: [String] = polls) throws -> InputError {
    do {
      _ = try build(results: results, polls: polls)
    } catch let e as InputError {
      return e
    }
    Issue.record("the import did not refuse the row")
    return InputError(file: "", expected: "")
  }

  /// The good files give one poll: 2004 NY-01, margin 100 (50 - 40) / 90 = 11.1111, result 100 (100 -
  /// 80) / 180 = 11.1111.
  @Test func theGoodFilesGiveTheirOnePoll() throws {
    let built = try Self.build()
    #expect(built.count == 1)
    #expect(built.text.split(separator: "\n").last == "2004,NY-01,2004-10-01,Some Poll,,11.1111,11.1111")
  }

  @Test(arguments: [
    // (which file, line index, the row, the message)
    (true, 2, "2004,NY,1,GEN,False,False,BOB ARR,REPUBLICAN,8O",
     "history/mit_house_1976_2018.csv:3: field 'candidatevotes': expected a finite number, found '8O'"),
    (true, 1, "2004,,1,GEN,False,False,ANN DEE,DEMOCRAT,100",
     "history/mit_house_1976_2018.csv:2: field 'state_po': expected a value, found an empty value"),
    (true, 1, "2OO4,NY,1,GEN,False,False,ANN DEE,DEMOCRAT,100",
     "history/mit_house_1976_2018.csv:2: field 'year': expected an integer, found '2OO4'"),
    (true, 1, "2004,NY,one,GEN,False,False,ANN DEE,DEMOCRAT,100",
     "history/mit_house_1976_2018.csv:2: field 'district': expected an integer, found 'one'"),
    (false, 1, "2004,2004_House-G_NY-1,NY,House-G,Some Poll,,10/1/2004,DEM,fifty,REP,40,11/2/2004",
     "history/538_raw_polls_1998_2018.csv:2: field 'cand1_pct': expected a finite number, found 'fifty'"),
    (false, 1, "2004,2004_House-G_NY-1,NY,House-G,Some Poll,,10/41/2004,DEM,50,REP,40,11/2/2004",
     "history/538_raw_polls_1998_2018.csv:2: field 'polldate': expected a date as M/D/YYYY in the year before 2004-11-02, found '10/41/2004'"),
    (false, 1, "2004,2004_House-G_NY-1,NY,House-G,Some Poll,,10/1/2004,DEM,50,REP,40,2004-11-02",
     "history/538_raw_polls_1998_2018.csv:2: field 'electiondate': expected a date as M/D/YYYY, found '2004-11-02'"),
    (false, 1, "2004,2004_House-G_NY-1,NY,House-G,,,10/1/2004,DEM,50,REP,40,11/2/2004",
     "history/538_raw_polls_1998_2018.csv:2: field 'pollster': expected a value, found an empty value"),
    (false, 1, "2004,2004_House-G_NY,NY,House-G,Some Poll,,10/1/2004,DEM,50,REP,40,11/2/2004",
     "history/538_raw_polls_1998_2018.csv:2: field 'race': expected a race like 2004_House-G_CA-10, found '2004_House-G_NY'"),
    (false, 1, "2OO4,2004_House-G_NY-1,NY,House-G,Some Poll,,10/1/2004,DEM,50,REP,40,11/2/2004",
     "history/538_raw_polls_1998_2018.csv:2: field 'year': expected an integer, found '2OO4'"),
  ])
  func aMalformedRowIsRefusedWithItsFileLineAndField(resultsFile: Bool, index: Int, row: String, message: String) throws {
    var results = Self.results, polls = Self.polls
    if resultsFile { results[index] = row } else { polls[index] = row }
    let error = try Self.error(results: results, polls: polls)
    #expect(error.description == message)
    #expect(error.line == index + 1 && error.field != nil)
  }

  /// Every bad row of a file is listed at once, each with its line and field.
  @Test func everyBadRowOfAFileIsListed() throws {
    let polls = Self.polls + ["2004,2004_House-G_NY-1,NY,House-G,Other Poll,,9/31/2004,DEM,50,REP,40,11/2/2004",
                              "2004,2004_House-G_NY-1,NY,House-G,Third Poll,,9/1/2004,DEM,50,REP,-4,11/2/2004"]
    do {
      _ = try Self.build(polls: polls)
      Issue.record("the import did not refuse the rows")
    } catch let e as InputErrors {
      let lines = e.errors.map(\.description)
      #expect(lines.count == 2)
      #expect(lines.first?.hasPrefix("history/538_raw_polls_1998_2018.csv:3: field 'polldate'") == true)
      #expect(lines.last == "history/538_raw_polls_1998_2018.csv:4: field 'cand1_pct': expected non-negative shares with a positive sum, found '50, -4'")
    }
  }

  /// A row with a field too few is refused by the CSV reader before the importer reads it: the file
  /// and the line are named, and how many fields the header has.
  @Test func aRowWithAFieldMissingIsRefusedWithItsLine() throws {
    var polls = Self.polls
    polls[1] = "2004,2004_House-G_NY-1,NY,House-G,Some Poll,,10/1/2004,DEM,50,REP,40"
    let error = try Self.error(polls: polls)
    #expect(error.description == "history/538_raw_polls_1998_2018.csv:2: expected 12 fields as in the header, found 11 fields")
  }
}
