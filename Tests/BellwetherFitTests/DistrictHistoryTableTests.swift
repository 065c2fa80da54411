import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherFit

/// `DistrictHistoryTable`: the earlier midterms' seats the district fit reads (docs/fit.md, "District model").
struct DistrictHistoryTableTests {
  static let header = DistrictHistoryTable.columns.joined(separator: ",")

  /// Two rows read by hand: the previous margin relative to the nation is prev_margin minus
  /// prev_house_vote (-28.16 - 0.07 = -28.23), and a row without a previous race has none.
  @Test func rowsReadAsSeatObservations() throws {
    let text = Self.header + "\n1998,AL-02,R,-29.4017,-38.6600,-1.150,-28.1600,0.070\n1998,IL-04,D,60.2531,67.4800,-1.150,,\n2002,AZ-01,,3.5,-2.0,-5.058,,\n"
    let seats = try DistrictHistoryTable.read(CSVTable(data: Data(text.utf8), file: "h.csv"))
    #expect(seats.count == 3)
    #expect(seats[0].seatClass == .republicanIncumbent && seats[0].lean == -29.4017 && seats[0].margin == -38.66)
    #expect(abs(try #require(seats[0].previousRelative) - (-28.23)) < 1e-12)
    #expect(abs(seats[0].relativeMargin - (-37.51)) < 1e-12)
    #expect(seats[1].seatClass == .democraticIncumbent && seats[1].previousRelative == nil)
    #expect(seats[2].seatClass == .open && seats[2].cycle == 2002 && seats[2].houseVote == -5.058)
  }

  /// Bad rows name their line and field: a previous margin without the previous House vote, an
  /// unknown incumbent code, a margin beyond 100 and a repeated seat.
  @Test func badRowsNameLineAndField() throws {
    func failure(_ row: String) throws -> InputError {
      try #require(throws: InputError.self) {
        try DistrictHistoryTable.read(CSVTable(data: Data((Self.header + "\n1998,AL-01,R,1,2,3,,\n" + row + "\n").utf8), file: "h.csv"))
      }
    }
    for (row, field) in [("1998,AL-02,R,1,2,3,4,", "prev_house_vote"), ("1998,AL-02,X,1,2,3,,", "incumbent"),
                         ("1998,AL-02,R,1,120,3,,", "margin"), ("1998,AL-01,D,1,2,3,,", "seat")] {
      let e = try failure(row)
      #expect(e.file == "h.csv" && e.line == 3 && e.field == field, "\(row): \(e)")
    }
  }
}
