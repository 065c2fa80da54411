import Foundation
import Testing
@testable import BellwetherEngine

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
