import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherSources

/// The 2018 results table and the optional district columns `House2018Importer` writes, checked
/// against rows of `../shared/data/2018/districts_2018.csv` read by hand.
@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct House2018ResultsTests {
  @Test func resultsAndOptionalColumnsMatchTheSourceRows() throws {
    let out = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    _ = try ImportSources.run(cycles: [2018], source: TestSupport.sharedData,
                              regions: TestSupport.repositoryRoot + "/config/census_divisions.csv", output: out)
    let districts = try CSVTable(contentsOf: out + "/2018/districts.csv")
    #expect(districts.header == DistrictTable.columns + DistrictTable.importedColumns)
    let d = Dictionary(uniqueKeysWithValues: districts.rows.map { ($0[0], $0) })
    // Line 2 (AK-01): pres16_margin_2p -16.8142 - 2.227 = -19.0412; house16_same_lines True,
    // house16_margin_2p -16.5606, house16_contest D_vs_R; no Jacobson columns in 2018.
    #expect(d["AK-01"] == ["AK-01", "AK", "Pacific", "-19.0412", "R", "contested", "R", "", "-16.5606", "D_vs_R", "", "", ""])
    // Line 332 (PA-07): new map, house16_same_lines False → no previous race.
    #expect(d["PA-07"]?[8...] == ["", "", "", "", ""])
    // Line 112 (FL-24): the 2016 race printed no votes → the contest code without a margin.
    #expect(d["FL-24"]?[8...9] == ["", "uncontested_no_votes_reported"])

    let results = try ResultsTable.read(CSVTable(contentsOf: out + "/2018/results.csv"),
                                        districts: DistrictTable.read(districts))
    let r = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    // Line 2 (AK-01): res18_winner R, res18_margin_2p -6.6126, res18_contest D_vs_R.
    #expect(r["AK-01"] == SeatResult(id: "AK-01", winner: .republican, margin: -6.6126, contest: "D_vs_R"))
    // Line 243 (NC-09): res18_winner VACANT → no winner; the uncertified count -0.3260 is kept.
    #expect(r["NC-09"]?.winner == nil && r["NC-09"]?.margin == -0.326 && r["NC-09"]?.contest == "D_vs_R")
    // Line 199 (ME-02): res18_margin_2p 1.0542, winner D; res18_rcv_final_margin_2p 1.2471 in the note.
    #expect(r["ME-02"]?.margin == 1.0542 && r["ME-02"]?.note.contains("+1.2471") == true)
    // Line 112 (FL-24): unopposed, no votes printed → no margin.
    #expect(r["FL-24"] == SeatResult(id: "FL-24", winner: .democratic, margin: nil, contest: "uncontested_no_votes_reported"))
    // SOURCES.md: D 235, R 199, NC-09 vacant.
    #expect(results.filter { $0.winner == .democratic }.count == 235 && results.filter { $0.winner == .republican }.count == 199)
  }
}
