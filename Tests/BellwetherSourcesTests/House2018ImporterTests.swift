import Foundation
import Testing
import TestSupport
@testable import BellwetherBacktest
@testable import BellwetherEngine
@testable import BellwetherSources

@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct House2018ImporterTests {
  @Test func importsThePublic2018TablesFaithfully() throws {
    let out = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let summary = try House2018Importer(source: TestSupport.sharedData, regions: TestSupport.repositoryRoot + "/config/census_divisions.csv",
                                        output: out).run()
    #expect(summary.districts == 435)
    let districts = try DistrictTable.read(CSVTable(contentsOf: out + "/2018/districts.csv"))
    // Counts from the source's res18_contest column: 394 D_vs_R; D_no_R 30 + D_vs_D 4 + 4 FL unopposed D = 38 fixed D.
    #expect(districts.filter { $0.status == .contested }.count == 394)
    #expect(districts.filter { $0.status == .fixed(.democratic) }.count == 38)
    #expect(districts.filter { $0.status == .fixed(.republican) }.count == 3)
    // SOURCES.md: GA-06 is Trump +1.50 of all votes; its two-party margin is in the source table,
    // the lean subtracts the national 2.227.
    let source = try CSVTable(contentsOf: TestSupport.sharedData + "/2018/districts_2018.csv")
    let idColumn = try source.column("district"), marginColumn = try source.column("pres16_margin_2p")
    let ga06 = try #require(source.rows.first { $0[idColumn] == "GA-06" })
    let imported = try #require(districts.first { $0.id == "GA-06" })
    #expect(abs(imported.lean - (Double(ga06[marginColumn])! - 2.227)) < 1e-4)
    #expect(imported.region == "South Atlantic")
    #expect(districts.first { $0.id == "NC-09" }?.note.contains("never certified") == true)
    #expect(districts.first { $0.id == "PA-17" }?.incumbent == nil)
    // KS-04 special, 2017-04-11: margin -6.316, lean -29.185 - 2.227 -> x = 25.096.
    let specials = try SpecialsTable.read(CSVTable(contentsOf: out + "/2018/specials.csv"), cycleStart: CalendarDate(iso: "2017-01-01")!,
                                          electionDate: CalendarDate(iso: "2018-11-06")!, levels: ["federal", "statewide", "state_legislative"])
    let ks = try #require(specials.first { $0.seat == "KS-04" })
    #expect(abs(ks.shift - (-6.316 + 29.185 + 2.227)) < 1e-3)
    #expect(specials.filter { $0.level == "state_legislative" }.count == 187)
    #expect(!specials.contains { $0.seat.hasPrefix("CA-34") })  // D vs D: no two-party margin
  }

  @Test func aBadRowStopsTheImportAndWritesNothing() throws {
    let source = TestSupport.temporaryFolder()
    let out = TestSupport.temporaryFolder() + "/config"
    defer { try? FileManager.default.removeItem(atPath: source) }
    try FileManager.default.createDirectory(atPath: source + "/2018", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: TestSupport.sharedData + "/national", toPath: source + "/national")
    for file in ["districts_2018.csv", "specials_538_all_2017_2018_clean.csv", "national_2018.csv"] {
      try FileManager.default.copyItem(atPath: TestSupport.sharedData + "/2018/" + file, toPath: source + "/2018/" + file)
    }
    var text = try String(contentsOfFile: TestSupport.sharedData + "/2018/specials_federal_2017_2018.csv", encoding: .utf8)
    text = text.replacingOccurrences(of: ",-6.316,", with: ",six,")  // KS-04's margin_2p, line 2
    try text.write(toFile: source + "/2018/specials_federal_2017_2018.csv", atomically: true, encoding: .utf8)
    #expect(throws: InputError(file: source + "/2018/specials_federal_2017_2018.csv", line: 2, field: "margin_2p",
                               expected: "a finite number", found: "six")) {
      try House2018Importer(source: source, regions: TestSupport.repositoryRoot + "/config/census_divisions.csv", output: out).run()
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
