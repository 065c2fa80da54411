import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// A byte-order mark, CRLF line ends, quoted fields and blank lines are not errors: files written
/// that way read to exactly the same values as `Tests/Malformed/valid`.
@Suite struct AcceptedInputTests {
  let root = MalformedCorpus.root

  func districts(_ path: String) throws -> [District] {
    try DistrictTable.read(CSVTable(contentsOf: root + "/" + path))
  }

  @Test(arguments: ["accepted/districts-bom.csv", "accepted/districts-crlf.csv",
                    "accepted/districts-bom-crlf-no-final-newline.csv", "accepted/districts-quoted-blank-lines.csv"])
  func districtVariantsReadTheSame(_ path: String) throws {
    let reference = try districts("valid/districts.csv")
    #expect(reference.count == 6)
    #expect(reference[3].note == "new map, open seat")
    #expect(try districts(path) == reference)
  }

  @Test func specialsWithBOMAndCRLFReadTheSame() throws {
    func read(_ path: String) throws -> [SpecialElection] {
      try SpecialsTable.read(CSVTable(contentsOf: root + "/" + path), cycleStart: MalformedCorpus.cycleStart,
                             electionDate: MalformedCorpus.electionDate, levels: MalformedCorpus.levels,
                             districts: districts("valid/districts.csv"))
    }
    let reference = try read("valid/specials.csv")
    #expect(reference.count == 5)
    #expect(try read("accepted/specials-bom-crlf.csv") == reference)
  }

  @Test func aBOMIsNotPartOfTheFirstColumnName() throws {
    let table = try CSVTable(contentsOf: root + "/accepted/districts-bom.csv")
    #expect(table.header.first == "id")
    #expect(table.lines == [2, 3, 4, 5, 6, 7])
  }

  @Test func crlfInsideAQuotedFieldIsKept() throws {
    let table = try CSVTable(data: Data("a,b\r\n\"x\r\ny\",2\r\n".utf8), file: "t.csv")
    #expect(table.rows == [["x\r\ny", "2"]])
    #expect(table.lines == [2])
  }
}
