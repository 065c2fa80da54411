import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

struct CSVTableTests {
  @Test func parsesQuotesCRLFAndABOM() throws {
    let text = "\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n3,\"multi\nline\"\r\n"
    let table = try CSVTable(data: Data(text.utf8), file: "t.csv")
    #expect(table.header == ["a", "b"])
    #expect(table.rows == [["x, y", "say \"hi\""], ["3", "multi\nline"]])
    #expect(table.lines == [2, 3])
  }

  @Test func namesTheLineOfARowWithTheWrongFieldCount() {
    #expect { try CSVTable(data: Data("a,b\n1,2\n1,2,3\n".utf8), file: "t.csv") } throws: {
      "\($0)".hasPrefix("t.csv:3") && "\($0)".contains("expected 2 fields as in the header, found 3 fields")
    }
  }

  @Test func rejectsAnEmptyFileAndNonUTF8() {
    #expect { try CSVTable(data: Data(), file: "t.csv") } throws: { "\($0)" == "t.csv:1: expected a header row, found an empty file" }
    #expect { try CSVTable(data: Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]), file: "t.csv") } throws: {
      "\($0)".hasPrefix("t.csv:2:1:") && "\($0)".contains("0xFF")
    }
  }
}

struct DistrictTableTests {
  static let header = "id,state,region,lean,incumbent,status,held_by,note\n"

  @Test func readsAValidTable() throws {
    let text = Self.header + "AA-01,AA,North,-3.5,D,contested,D,\nAA-02,AA,North,10,open,fixed-R,,\"a, note\"\n"
    let d = try DistrictTable.read(CSVTable(data: Data(text.utf8), file: "d.csv"))
    #expect(d.count == 2)
    #expect(d[0].incumbent == .democratic && d[0].lean == -3.5 && d[0].status == .contested)
    #expect(d[1].incumbent == nil && d[1].status == .fixed(.republican) && d[1].note == "a, note")
    // Render and read back: the schema round-trips.
    #expect(try DistrictTable.read(CSVTable(data: Data(DistrictTable.render(d).utf8), file: "r.csv")) == d)
  }

  @Test func namesTheFileLineAndFieldOfABadValue() {
    let text = Self.header + "AA-01,AA,North,-3.5,D,contested,D,\nAA-02,AA,North,abc,R,contested,R,\n"
    #expect(throws: InputError(file: "d.csv", line: 3, field: "lean", expected: "a finite number", found: "abc")) {
      try DistrictTable.read(CSVTable(data: Data(text.utf8), file: "d.csv"))
    }
    let dup = Self.header + "AA-01,AA,North,1,D,contested,D,\nAA-01,AA,North,2,R,contested,R,\n"
    #expect(throws: InputError(file: "d.csv", line: 3, field: "id", expected: "a unique id (already on line 2)", found: "AA-01")) {
      try DistrictTable.read(CSVTable(data: Data(dup.utf8), file: "d.csv"))
    }
  }
}

struct SHA256Tests {
  @Test func fipsTestVectors() {
    // FIPS 180-4 examples.
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}

struct CalendarDateTests {
  @Test func roundTripsAndCounts() {
    let d = CalendarDate(iso: "2018-11-06")!
    #expect(d.iso == "2018-11-06")
    #expect(d.dayNumber - CalendarDate(iso: "2017-01-01")!.dayNumber == 365 + 309)
    #expect(CalendarDate(iso: "2018-02-29") == nil)
    #expect(CalendarDate(iso: "2016-02-29")!.adding(days: 1).iso == "2016-03-01")
    #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
  }
}

@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct ImporterTests {
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
