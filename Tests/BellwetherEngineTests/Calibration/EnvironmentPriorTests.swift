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
                                                     asOf: CalendarDate(iso: "2018-06-01")!, electionDate: CalendarDate(iso: "2018-11-06")!, national: series, configFile: "t")
    let m2016 = 100.0 * 10 / 90 - 5
    #expect(abs(prior.mean - (10 - (2 + m2016) / 2)) < 1e-12)
    #expect(abs(prior.sd - abs(m2016 - 2) / 2.0.squareRoot()) < 1e-12)
  }

  /// The age limit (environment.ballotMaxAgeDays, environment.staleBallot) at its boundary, by hand:
  /// the last 2018 average is of 2018-06-01, so an as-of date of 2018-07-01 is 30 days after it.
  @Test func aStaleAverageIsRefusedOrWarnedAboutAtTheConfiguredAge() throws {
    let series = NationalSeries(genericBallot: [.init(date: CalendarDate(iso: "2014-11-03")!, cycle: 2014, dem: 45, rep: 45),
                                                .init(date: CalendarDate(iso: "2016-11-07")!, cycle: 2016, dem: 50, rep: 40),
                                                .init(date: CalendarDate(iso: "2018-06-01")!, cycle: 2018, dem: 55, rep: 45)],
                                houseVote: [2014: -2, 2016: 5])
    func resolve(_ asOf: String, _ limit: BallotAgeLimit) throws -> ResolvedEnvironmentPrior {
      try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016, ballotAge: limit), cycle: 2018,
                                           asOf: CalendarDate(iso: asOf)!, electionDate: CalendarDate(iso: "2018-11-06")!, national: series, configFile: "t")
    }
    // The default: 30 days, an older average refused.
    #expect(BallotAgeLimit.standard == BallotAgeLimit(maximumDays: 30, whenOlder: .error))
    let thirty = try resolve("2018-07-01", .standard)
    #expect(thirty.staleWarning == nil && thirty.ballotDate == CalendarDate(iso: "2018-06-01"))
    #expect(throws: InputError(file: "t", field: "asOf",
                               expected: "a generic-ballot average for cycle 2018 at most 30 days before 2018-07-02 (data.genericBallot; the limit is environment.ballotMaxAgeDays)",
                               foundDescription: "the latest on 2018-06-01, 31 days before")) {
      try resolve("2018-07-02", .standard)
    }
    // A longer limit accepts it; a limit of 0 days accepts only an average of the as-of date itself.
    #expect(try resolve("2018-07-02", BallotAgeLimit(maximumDays: 31, whenOlder: .error)).staleWarning == nil)
    #expect(try resolve("2018-06-01", BallotAgeLimit(maximumDays: 0, whenOlder: .error)).staleWarning == nil)
    #expect(throws: InputError.self) { try resolve("2018-06-02", BallotAgeLimit(maximumDays: 0, whenOlder: .error)) }
    // "warn": the same prior as an accepted one, with the warning in the prior and its method.
    let warned = try resolve("2018-07-02", BallotAgeLimit(maximumDays: 30, whenOlder: .warn))
    let expected = "STALE generic-ballot average: the latest is from 2018-06-01, 31 days before the as-of date 2018-07-02, "
      + "beyond environment.ballotMaxAgeDays (30); it is used as the average on 2018-07-02 (environment.staleBallot: \"warn\")"
    #expect(warned.staleWarning == expected)
    #expect(warned.method.hasSuffix("; " + expected))
    #expect(warned.mean == thirty.mean && warned.sd == thirty.sd)
  }

  @Test func aDateBeforeTheSeriesBlamesItsSourceAndNamesTheEarliestUsableDate() throws {
    let series = NationalSeries(genericBallot: [.init(date: CalendarDate(iso: "2018-05-01")!, cycle: 2018, dem: 50, rep: 50)],
                                houseVote: [2014: -2, 2016: 5])
    let early = CalendarDate(iso: "2018-04-01")!
    // Given on the command line: the option is blamed, not the config's asOf.
    let fromOption = #expect(throws: InputError.self) {
      try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016), cycle: 2018, asOf: early,
                                           electionDate: CalendarDate(iso: "2018-11-06")!, national: series, configFile: "c.json5", dateSource: "--as-of")
    }
    #expect(fromOption?.file == "--as-of" && fromOption?.field == nil)
    #expect(fromOption?.description.contains("the earliest usable as-of date is 2018-05-01") == true, "\(String(describing: fromOption))")
    // The config's own date: the config's field.
    let fromConfig = #expect(throws: InputError.self) {
      try ResolvedEnvironmentPrior.resolve(.genericBallot(missCycles: 2014...2016), cycle: 2018, asOf: early,
                                           electionDate: CalendarDate(iso: "2018-11-06")!, national: series, configFile: "c.json5")
    }
    #expect(fromConfig?.file == "c.json5" && fromConfig?.field == "asOf")
  }
}
