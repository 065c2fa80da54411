import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherFit

/// The generic-ballot miss by horizon on a small series written here, with every answer by hand.
@Suite struct GenericBallotMissFitTests {
  @Test func electionDaysFollowTheFederalRule() {
    let expected = [1998: "1998-11-03", 2000: "2000-11-07", 2002: "2002-11-05", 2004: "2004-11-02", 2006: "2006-11-07",
                    2008: "2008-11-04", 2010: "2010-11-02", 2011: "2011-11-08", 2012: "2012-11-06", 2014: "2014-11-04",
                    2016: "2016-11-08", 2018: "2018-11-06"]
    for (year, day) in expected { #expect(ElectionDay.unitedStatesFederal(year: year).iso == day, "\(year)") }
  }

  static func day(_ date: CalendarDate, _ cycle: Int, _ dem: Double, _ rep: Double) -> NationalSeries.BallotDay {
    NationalSeries.BallotDay(date: date, cycle: cycle, dem: dem, rep: rep)
  }

  /// Three cycles, each with rows 35 days, 8 days and 1 day before its election, on election day,
  /// and 2 days after; the House votes 1, -2 and 3.
  ///
  /// - Eve (h = 1): the rows of E - 1, two-party margins 4, 0, 10 (52/48, 50/50, 55/45), misses
  ///   3, 2, 7: mean 4, deviations -1, -2, 3, sum of squares 14, SD sqrt(7), SE sqrt(7/3), predictive
  ///   SD sqrt(7) sqrt(4/3) = sqrt(28/3); with n = 3 the t's SD (n - 3 = 0) does not exist. The
  ///   election-day rows (margin 40) are never read.
  /// - h = 7: target E - 7, the rows of E - 8 (one day stale): margins 2, 2, 2 (51/49), misses
  ///   1, 4, -1: mean 4/3.
  /// - h = 30: target E - 30, the rows of E - 35, five days stale (allowed: 7): margins 20
  ///   (60/40), misses 19, 22, 17: mean 58/3.
  /// - h = 60: no row on or before E - 60: every cycle missing.
  /// - The current prior's last row: E + 2, margin -20 (40/60): misses -21, -18, -23, mean
  ///   -62/3, dated 2 days after the election.
  static let series: NationalSeries = {
    var days: [NationalSeries.BallotDay] = []
    let eve: [Int: (Double, Double)] = [2000: (52, 48), 2002: (50, 50), 2004: (55, 45)]
    for cycle in [2000, 2002, 2004] {
      let e = ElectionDay.unitedStatesFederal(year: cycle)
      days.append(day(e.adding(days: -35), cycle, 60, 40))
      days.append(day(e.adding(days: -8), cycle, 51, 49))
      days.append(day(e.adding(days: -1), cycle, eve[cycle]!.0, eve[cycle]!.1))
      days.append(day(e, cycle, 70, 30))
      days.append(day(e.adding(days: 2), cycle, 40, 60))
    }
    // A later cycle whose rows must not be read by a fit of 2000-2004.
    days.append(day(ElectionDay.unitedStatesFederal(year: 2006).adding(days: -1), 2006, 99, 1))
    return NationalSeries(genericBallot: days, houseVote: [2000: 1, 2002: -2, 2004: 3, 2006: -50])
  }()

  @Test func missesByHorizonByHand() throws {
    let fit = GenericBallotMissFit.fit(national: Self.series, cycles: [2000, 2002, 2004],
                                       electionDay: ElectionDay.unitedStatesFederal, horizons: [1, 7, 30, 60])
    let eve = try #require(fit.horizon(1)), s = try #require(eve.summary)
    #expect(eve.misses.map(\.miss).enumerated().allSatisfy { abs($0.element - [3.0, 2, 7][$0.offset]) < 1e-12 })
    #expect(eve.misses.allSatisfy { $0.daysBeforeElection == 1 })
    #expect(abs(s.mean - 4) < 1e-12 && abs(s.sd! - 7.0.squareRoot()) < 1e-12)
    #expect(abs(s.standardErrorOfMean! - (7.0 / 3).squareRoot()) < 1e-12)
    #expect(abs(s.predictiveSD! - (28.0 / 3).squareRoot()) < 1e-12 && s.predictiveTSD == nil)

    let week = try #require(fit.horizon(7)?.summary)
    #expect(abs(week.mean - 4.0 / 3) < 1e-12 && fit.horizon(7)!.misses.allSatisfy { $0.daysBeforeElection == 8 })
    let month = try #require(fit.horizon(30)?.summary)
    #expect(abs(month.mean - 58.0 / 3) < 1e-12 && fit.horizon(30)!.misses.allSatisfy { $0.daysBeforeElection == 35 })
    #expect(fit.horizon(60)?.summary == nil && fit.horizon(60)?.missing == [2000, 2002, 2004])

    let current = try #require(fit.currentPrior.summary)
    #expect(abs(current.mean + 62.0 / 3) < 1e-12 && fit.currentPrior.misses.allSatisfy { $0.daysBeforeElection == -2 })
  }

  @Test func aStaleAverageIsNotUsed() throws {
    // h = 30 finds the row of E - 35; with at most 4 days of staleness it is refused.
    let fit = GenericBallotMissFit.fit(national: Self.series, cycles: [2000, 2002, 2004],
                                       electionDay: ElectionDay.unitedStatesFederal, horizons: [30], maximumStalenessDays: 4)
    #expect(fit.horizon(30)?.missing == [2000, 2002, 2004])
  }

  /// With four cycles the t predictive's SD exists: sd sqrt(1 + 1/4) sqrt(3/1).
  @Test func theTPredictiveSDWithFourCycles() throws {
    let misses = [1.0, 2, 4, 7].enumerated().map { i, m in
      GenericBallotMissFit.CycleMiss(cycle: 2000 + 2 * i, electionDay: CalendarDate(iso: "2000-11-07")!,
                                     averageDate: CalendarDate(iso: "2000-11-06")!, daysBeforeElection: 1, average: m,
                                     houseVote: 0, miss: m)
    }
    let s = try #require(GenericBallotMissFit.Summary(misses))
    // Mean 3.5, squares of deviations 6.25 + 2.25 + 0.25 + 12.25 = 21, variance 7.
    #expect(abs(s.mean - 3.5) < 1e-12 && abs(s.sd! - 7.0.squareRoot()) < 1e-12)
    #expect(abs(s.predictiveTSD! - (7.0 * 1.25 * 3).squareRoot()) < 1e-12)
  }
}
