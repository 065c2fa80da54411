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
