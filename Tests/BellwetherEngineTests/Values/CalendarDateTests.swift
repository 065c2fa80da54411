import Testing
@testable import BellwetherEngine

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
