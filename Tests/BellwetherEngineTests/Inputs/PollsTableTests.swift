import Foundation
import Testing
@testable import BellwetherEngine

struct PollsTableTests {
  static let districts = [
    District(id: "AA-01", state: "AA", region: "North", lean: 0, incumbent: nil, status: .contested, heldBy: .democratic),
  ]
  static let start = CalendarDate(iso: "2017-01-01")!, election = CalendarDate(iso: "2018-11-06")!
  static let header = "id,date,pollster,sample_size,margin,sponsor\n"
  static func read(_ text: String) throws -> [DistrictPoll] {
    try PollsTable.read(CSVTable(data: Data((header + text).utf8), file: "p.csv"), districts: districts, cycleStart: start,
                        electionDate: election)
  }

  @Test func readsAndRoundTrips() throws {
    let polls = try Self.read("AA-01,2018-10-20,\"Poll, Inc\",500,-3.5,\nAA-01,2018-11-05,Other,,4,D\n")
    #expect(polls.count == 2 && polls[0].pollster == "Poll, Inc" && polls[0].sampleSize == 500 && polls[0].sponsor == nil)
    #expect(polls[1].sampleSize == nil && polls[1].sponsor == .democratic && polls[1].margin == 4)
    let again = try PollsTable.read(CSVTable(data: Data(PollsTable.render(polls).utf8), file: "r.csv"), districts: Self.districts,
                                    cycleStart: Self.start, electionDate: Self.election)
    #expect(again == polls)
  }

  @Test func reportsEveryBadRow() {
    let text = "ZZ-01,2018-10-20,P,500,1,\nAA-01,2018-11-06,P,500,1,\nAA-01,2018-10-20,,500,1,\n"
      + "AA-01,2018-10-20,P,0,1,\nAA-01,2018-10-20,P,5,101,\nAA-01,2018-10-20,P,5,1,I\n"
    do {
      _ = try Self.read(text)
      Issue.record("accepted bad rows")
    } catch let errors as InputErrors {
      let fields = errors.errors.map { "\($0.line ?? 0) \($0.field ?? "")" }
      #expect(fields == ["2 id", "3 date", "4 pollster", "5 sample_size", "6 margin", "7 sponsor"])
    } catch { Issue.record("unexpected \(error)") }
  }
}
