import Foundation
import Testing
@testable import BellwetherEngine

struct EnvironmentPriorTests {
  @Test func genericBallotPriorByHand() throws {
    func day(_ iso: String, _ cycle: Int, _ d: Double, _ r: Double) -> NationalSeries.BallotDay {
      .init(date: CalendarDate(iso: iso)!, cycle: cycle, dem: d, rep: r)
    }
    // Final averages 2-party: 2014: 45/45 -> 0; 2016: 50/40 -> 100*10/90 = 11.111.
    // House votes: 2014 -2, 2016 +5: misses 2 and 6.111; mean 4.0556, sample sd |6.111-2|/sqrt2.
    // 2018 average on 2018-06-01 (last on or before): 55/45 -> 10, so mean = 10 - 4.0556.
    let series = NationalSeries(genericBallot: [day("2014-11-03", 2014, 45, 45), day("2016-11-07", 2016, 50, 40),
                                                day("2018-05-01", 2018, 50, 50), day("2018-06-01", 2018, 55, 45),
                                                day("2018-06-02", 2018, 60, 40)],
                                houseVote: [2014: -2, 2016: 5, 2018: 99])
    let prior = try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016), cycle: 2018,
                                                     asOf: CalendarDate(iso: "2018-06-01")!, national: series, configFile: "t")
    let m2016 = 100.0 * 10 / 90 - 5
    #expect(abs(prior.mean - (10 - (2 + m2016) / 2)) < 1e-12)
    #expect(abs(prior.sd - abs(m2016 - 2) / 2.0.squareRoot()) < 1e-12)
  }

  @Test func aDateBeforeTheSeriesBlamesItsSourceAndNamesTheEarliestUsableDate() throws {
    let series = NationalSeries(genericBallot: [.init(date: CalendarDate(iso: "2018-05-01")!, cycle: 2018, dem: 50, rep: 50)],
                                houseVote: [2014: -2, 2016: 5])
    let early = CalendarDate(iso: "2018-04-01")!
    // Given on the command line: the option is blamed, not the config's asOf.
    let fromOption = #expect(throws: InputError.self) {
      try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016), cycle: 2018, asOf: early,
                                           national: series, configFile: "c.json5", dateSource: "--as-of")
    }
    #expect(fromOption?.file == "--as-of" && fromOption?.field == nil)
    #expect(fromOption?.description.contains("the earliest usable as-of date is 2018-05-01") == true, "\(String(describing: fromOption))")
    // The config's own date: the config's field.
    let fromConfig = #expect(throws: InputError.self) {
      try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016), cycle: 2018, asOf: early,
                                           national: series, configFile: "c.json5")
    }
    #expect(fromConfig?.file == "c.json5" && fromConfig?.field == "asOf")
  }
}
