import BellwetherEngine
import Foundation

/// The generic-ballot average's miss against the House vote, by days before the election
/// (docs/fit.md, "Generic-ballot miss").
///
/// At horizon h days, a cycle's average is its last average dated on or before election day − h
/// (h = 1: election eve, never a row dated on or after election day), and its miss is that two-party
/// margin minus the cycle's two-party House margin. Across cycles: the mean miss, its standard
/// error, the sample SD s, and the predictive SD `s sqrt(1 + 1/n)`: the scale of the Student-t
/// predictive with n − 1 degrees of freedom for the next cycle's miss (whose own SD is larger by
/// `sqrt((n − 1)/(n − 3))`, reported too). Beside it, the current prior's figure (docs/model.md
/// §2.1): each cycle's last row, whatever its date.
package struct GenericBallotMissFit: Sendable, Codable, Equatable {
  /// One cycle's miss at one horizon.
  package struct CycleMiss: Sendable, Codable, Equatable {
    package var cycle: Int
    package var electionDay: CalendarDate
    /// The date of the average used.
    package var averageDate: CalendarDate
    /// Election day minus that date, in days (negative: dated after the election).
    package var daysBeforeElection: Int
    /// The average's two-party margin, D minus R, points.
    package var average: Double
    /// The cycle's two-party House margin.
    package var houseVote: Double
    /// `average - houseVote`.
    package var miss: Double
  }

  /// Mean and spread of a set of misses.
  package struct Summary: Sendable, Codable, Equatable {
    /// The cycles used, in order.
    package var cycles: [Int]
    package var count: Int
    package var mean: Double
    /// `sd / sqrt(n)`; nil below two cycles.
    package var standardErrorOfMean: Double?
    /// Sample SD (n − 1 divisor); nil below two cycles.
    package var sd: Double?
    /// `sd sqrt(1 + 1/n)`: the scale of the t predictive with n − 1 df; nil below two cycles.
    package var predictiveSD: Double?
    /// That t's own SD, `predictiveSD sqrt((n − 1)/(n − 3))`; nil below four cycles.
    package var predictiveTSD: Double?

    /// Summarises misses; nil when there are none.
    package init?(_ misses: [CycleMiss]) {
      guard !misses.isEmpty else { return nil }
      let x = misses.map(\.miss), n = Double(x.count)
      cycles = misses.map(\.cycle)
      count = x.count
      mean = x.reduce(0, +) / n
      if x.count >= 2 {
        let m = mean
        let s = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        sd = s
        standardErrorOfMean = s / n.squareRoot()
        predictiveSD = s * (1 + 1 / n).squareRoot()
        predictiveTSD = x.count >= 4 ? s * (1 + 1 / n).squareRoot() * ((n - 1) / (n - 3)).squareRoot() : nil
      }
    }
  }

  /// The misses at one horizon.
  package struct Horizon: Sendable, Codable, Equatable {
    /// Days before election day (1: election eve).
    package var days: Int
    package var misses: [CycleMiss]
    /// Cycles of the range without an average within `maximumStalenessDays` of the horizon's date,
    /// or without a House vote.
    package var missing: [Int]
    package var summary: Summary?
  }

  /// The cycles asked for (even years), first to last.
  package var cycles: [Int]
  /// An average older than this many days before the horizon's date is not used.
  package var maximumStalenessDays: Int
  /// One entry per horizon, in the order asked.
  package var horizons: [Horizon]
  /// The current prior's figure on the same cycles: each cycle's last row (`NationalSeries.finalAverage`).
  package var currentPrior: Horizon

  /// The horizon of `days`, if fitted.
  package func horizon(_ days: Int) -> Horizon? { horizons.first { $0.days == days } }

  /// Fits the misses.
  /// - Parameters:
  ///   - national: the series (only the rows of `cycles` are read).
  ///   - cycles: the cycles to use.
  ///   - electionDay: each cycle's election day.
  ///   - horizons: days before election day, each at least 1.
  ///   - maximumStalenessDays: the oldest an average may be against the horizon's date.
  package static func fit(national: NationalSeries, cycles: [Int], electionDay: (Int) -> CalendarDate,
                          horizons: [Int], maximumStalenessDays: Int = 7) -> GenericBallotMissFit {
    precondition(horizons.allSatisfy { $0 >= 1 }, "horizons are days before election day, at least 1")
    func horizon(days: Int) -> Horizon {
      var misses: [CycleMiss] = [], missing: [Int] = []
      for c in cycles {
        let day = electionDay(c), target = day.adding(days: -days)
        guard let average = national.average(cycle: c, onOrBefore: target),
              target.dayNumber - average.date.dayNumber <= maximumStalenessDays,
              let vote = national.houseVote[c] else {
          missing.append(c)
          continue
        }
        misses.append(CycleMiss(cycle: c, electionDay: day, averageDate: average.date,
                                daysBeforeElection: day.dayNumber - average.date.dayNumber,
                                average: average.twoPartyMargin, houseVote: vote, miss: average.twoPartyMargin - vote))
      }
      return Horizon(days: days, misses: misses, missing: missing, summary: Summary(misses))
    }
    var finals: [CycleMiss] = [], missingFinals: [Int] = []
    for c in cycles {
      guard let final = national.finalAverage(cycle: c), let vote = national.houseVote[c] else {
        missingFinals.append(c)
        continue
      }
      let day = electionDay(c)
      finals.append(CycleMiss(cycle: c, electionDay: day, averageDate: final.date,
                              daysBeforeElection: day.dayNumber - final.date.dayNumber,
                              average: final.twoPartyMargin, houseVote: vote, miss: final.twoPartyMargin - vote))
    }
    // The current prior has no horizon of its own: `days` 0 marks it.
    let current = Horizon(days: 0, misses: finals, missing: missingFinals, summary: Summary(finals))
    return GenericBallotMissFit(cycles: cycles, maximumStalenessDays: maximumStalenessDays,
                                horizons: horizons.map { horizon(days: $0) }, currentPrior: current)
  }
}
