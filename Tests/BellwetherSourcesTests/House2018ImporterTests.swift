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

/// The 2018 importer lists every bad row of its three row tables at once (through `RowErrors`, at
/// most 20 a table), on the small malformed fixture `Tests/Malformed/import-2018` (six districts,
/// three federal specials and three of 538's races cut from the public tables, five values broken).
struct House2018ImporterBadRowTests {
  static let fixture = TestSupport.malformedCorpus + "/import-2018"
  static let regions = TestSupport.repositoryRoot + "/config/census_divisions.csv"

  @Test func everyBadRowOfTheFixtureIsReportedAtOnce() throws {
    let d = Self.fixture + "/2018/districts_2018.csv", f = Self.fixture + "/2018/specials_federal_2017_2018.csv"
    let s = Self.fixture + "/2018/specials_538_all_2017_2018_clean.csv"
    #expect {
      _ = try House2018Importer(source: Self.fixture, regions: Self.regions, output: "/nonexistent").build()
    } throws: { error in
      (error as? InputErrors)?.errors == [
        InputError(file: d, line: 3, field: "pres16_margin_2p", expected: "a finite number", found: "minus 30"),
        InputError(file: d, line: 5, field: "res18_winner", expected: "D, R or VACANT", found: "X"),
        InputError(file: f, line: 3, field: "date", expected: "a date in the cycle 2017-01-01...2018-11-06", found: "2016-12-01"),
        InputError(file: s, line: 2, field: "level", expected: "federal, statewide or state_legislative", found: "county"),
        InputError(file: s, line: 4, field: "state", expected: "a state name listed in \(Self.regions)", found: "Atlantis"),
      ]
    }
  }

  @Test func moreThanTwentyBadRowsOfATableAreCounted() throws {
    let source = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: source) }
    try FileManager.default.copyItem(atPath: Self.fixture + "/2018", toPath: source + "/2018")
    // 25 more races of an unknown level (lines 5 ... 29) in 538's table.
    let file = source + "/2018/specials_538_all_2017_2018_clean.csv"
    let extra = (0..<25).map { "2018-01-\(String(format: "%02d", $0 + 1)),Alabama,HD-\($0),1,1,1,1,county\n" }.joined()
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(extra.utf8))
    try handle.close()
    #expect {
      _ = try House2018Importer(source: source, regions: Self.regions, output: "/nonexistent").build()
    } throws: { error in
      guard let errors = (error as? InputErrors)?.errors else { return false }
      // 2 + 1 from the other tables, then 538's first 20 (lines 2, 4, 5 ... 22) and the count of the 7 more.
      let of538 = errors.filter { $0.file == file }
      return errors.count == 3 + 21 && of538.count == 21 && of538[0].line == 2 && of538[1].line == 4 && of538[19].line == 22
        && "\(of538[20])".contains("7 more bad rows not listed")
    }
  }
}
