import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine
@testable import BellwetherSources

@Suite("Published forecasts")
struct PublishedForecastsTests {
  static let header = "forecastdate,state,district,candidate,party,incumbent,model,win_probability,voteshare,p10_voteshare,p90_voteshare\n"

  static func table(_ rows: String) throws -> CSVTable {
    try CSVTable(data: Data((header + rows).utf8), file: "districts.csv")
  }

  @Test("sums the Democrats' chances per seat, pads district numbers, keeps only the dates asked")
  func districtReader() throws {
    let t = try Self.table("""
      2018-11-05,AK,1,Don Young,R,True,lite,0.7,50,45,55
      2018-11-05,AK,1,Alyse Galvin,D,False,lite,0.3,48,43,53
      2018-11-05,CA,34,Jimmy Gomez,D,True,lite,0.9,60,55,65
      2018-11-05,CA,34,Kenneth Mejia,D,False,lite,0.1,40,35,45
      2018-11-05,TX,13,Mac Thornberry,R,True,lite,1.0,80,75,85
      2018-11-05,TX,13,Others,,False,lite,0.0,3,1,5
      2018-11-04,AK,1,Don Young,R,True,lite,0.5,50,45,55
      2018-11-04,AK,1,Alyse Galvin,D,False,lite,0.5,48,43,53

      """)
    let day = try #require(CalendarDate(iso: "2018-11-05"))
    let f = try PublishedDistrictForecasts.readFiveThirtyEight(t, dates: [day])
    #expect(f.models == ["lite"])
    #expect(f.probability(model: "lite", date: day, seat: "AK-01") == 0.3)
    #expect(f.probability(model: "lite", date: day, seat: "CA-34") == 1.0)
    #expect(f.probability(model: "lite", date: day, seat: "TX-13") == 0)
    #expect(f.probabilities["lite"]?.count == 1)
    let all = try PublishedDistrictForecasts.readFiveThirtyEight(t)
    #expect(all.probability(model: "lite", date: try #require(CalendarDate(iso: "2018-11-04")), seat: "AK-01") == 0.5)
  }

  @Test("a seat whose candidates sum above 1, or a bad probability, is an error with its line")
  func districtErrors() throws {
    let bad = try Self.table("""
      2018-11-05,AK,1,Don Young,R,True,lite,0.7,50,45,55
      2018-11-05,AK,1,Alyse Galvin,D,False,lite,0.4,48,43,53

      """)
    #expect(throws: InputError(file: "districts.csv", line: 2, field: "win_probability",
                               expected: "candidates' win probabilities summing to at most 1 for AK-01 (lite, 2018-11-05)",
                               found: "a sum of 1.1000")) { try PublishedDistrictForecasts.readFiveThirtyEight(bad) }
    let range = try Self.table("2018-11-05,AK,1,Don Young,R,True,lite,1.5,50,45,55\n")
    #expect(throws: InputError.self) { try PublishedDistrictForecasts.readFiveThirtyEight(range) }
    let district = try Self.table("2018-11-05,AK,0,Don Young,R,True,lite,1,50,45,55\n")
    #expect(throws: InputError.self) { try PublishedDistrictForecasts.readFiveThirtyEight(district) }
  }

  @Test("a seat missing a candidate's row keeps its Democrats' chance and is listed as a shortfall")
  func shortfall() throws {
    let t = try Self.table("""
      2018-11-05,LA,6,Justin DeWitt,D,False,classic,0.0003,19,12,26
      2018-11-05,LA,6,Andie Saizan,D,False,classic,0.0,13,7,19
      2018-11-05,AK,1,Don Young,R,True,classic,0.7,50,45,55
      2018-11-05,AK,1,Alyse Galvin,D,False,classic,0.3,48,43,53

      """)
    let f = try PublishedDistrictForecasts.readFiveThirtyEight(t)
    let day = try #require(CalendarDate(iso: "2018-11-05"))
    #expect(f.probability(model: "classic", date: day, seat: "LA-06") == 0.0003)
    #expect(f.shortfalls == [.init(model: "classic", date: day, seat: "LA-06", sum: 0.0003, line: 2)])
  }

  @Test("keeps the Democrats' national rows; a repeated row is an error")
  func nationalReader() throws {
    let header = "forecastdate,party,model,win_probability,mean_seats,median_seats,p10_seats,p90_seats,margin,p10_margin,p90_margin\n"
    let rows = """
      2018-11-05,D,deluxe,0.8551,231.16,230.0,215.0,248.0,8.73,5.35,12.09
      2018-11-05,R,deluxe,0.1449,203.84,205.0,187.0,220.0,-8.73,-5.35,-12.09

      """
    let f = try PublishedNationalForecasts.readFiveThirtyEight(try CSVTable(data: Data((header + rows).utf8), file: "national.csv"))
    let day = try #require(CalendarDate(iso: "2018-11-05"))
    let d = try #require(f.forecast(model: "deluxe", date: day))
    #expect(d.majorityProbability == 0.8551 && d.meanSeats == 231.16 && d.medianSeats == 230)
    #expect(d.seats10 == 215 && d.seats90 == 248)
    #expect(d.voteMargin == 8.73 && d.voteMargin10 == 5.35 && d.voteMargin90 == 12.09)
    let twice = try CSVTable(data: Data((header + rows + "2018-11-05,D,deluxe,0.5,230,230,215,248,8,5,12\n").utf8), file: "national.csv")
    #expect(throws: InputError.self) { try PublishedNationalForecasts.readFiveThirtyEight(twice) }
  }
}
