import Foundation

/// The resolved prior on the national environment, `E ~ N(mean, sd^2)` (docs/model.md §2.1).
package struct ResolvedEnvironmentPrior: Sendable, Codable, Equatable {
  /// One earlier cycle's miss: the final generic-ballot average minus the House vote.
  package struct Miss: Sendable, Codable, Equatable {
    package var cycle: Int
    package var finalAverage: Double
    package var houseVote: Double
    package var miss: Double
  }

  /// Prior mean (points).
  package var mean: Double
  /// Prior SD (points).
  package var sd: Double
  /// How the prior was made, in words.
  package var method: String
  /// The generic-ballot two-party margin used, and its date, if any.
  package var ballotAverage: Double?
  var ballotDate: CalendarDate?
  /// The earlier misses used for the correction.
  package var misses: [Miss]

  /// The oldest generic-ballot average (days before the as-of date) the prior may use; an older
  /// one is refused rather than taken for the average on the as-of date.
  package static let maximumBallotAgeDays = 30

  /// Resolves the configured prior for an as-of date.
  ///
  /// For the generic-ballot prior: mean = (two-party average on the as-of date) - (mean miss of the
  /// final average against the House vote over the configured cycles); sd = the sample SD of those
  /// misses. The average is converted to a two-party margin, `100 (D - R) / (D + R)`, to match the
  /// House vote's two-party margin.
  /// - Throws: `InputError` when the series lack the needed dates, or any even cycle of the range
  ///   (naming it).
  /// - Parameter dateSource: where the as-of date came from, named in the error when the series
  ///   cannot serve it: nil for the config's own `asOf`, else e.g. "--as-of".
  static func resolve(_ prior: ModelPriors.EnvironmentPrior, cycle: Int, asOf: CalendarDate,
                             national: NationalSeries?, configFile: String,
                             dateSource: String? = nil) throws -> ResolvedEnvironmentPrior {
    switch prior {
    case .fixed(let mean, let sd):
      return ResolvedEnvironmentPrior(mean: mean, sd: sd, method: "fixed in config", ballotAverage: nil, ballotDate: nil, misses: [])
    case .genericBallot(let cycles):
      guard let national else {
        throw InputError(file: configFile, field: "data.genericBallot", expected: "generic-ballot and House-vote tables")
      }
      // The date is blamed where it was given: the config's asOf, or the override's source.
      let (dateFile, dateField) = dateSource.map { ($0, String?.none) } ?? (configFile, "asOf")
      // The first date the series can serve, so that the refusal says what would work.
      let earliest = national.firstAverage(cycle: cycle).map { "; the earliest usable as-of date is \($0.date.iso)" }
        ?? "; data.genericBallot has no average for cycle \(cycle)"
      guard let today = national.average(cycle: cycle, onOrBefore: asOf) else {
        throw InputError(file: dateFile, field: dateField,
                         expected: "a date with a generic-ballot average for cycle \(cycle) on or before it (data.genericBallot in \(configFile))\(earliest)",
                         found: asOf.iso)
      }
      // A stale average would be used as "the average on asOf" without a word.
      let age = asOf.dayNumber - today.date.dayNumber
      guard age <= maximumBallotAgeDays else {
        throw InputError(file: dateFile, field: dateField,
                         expected: "a generic-ballot average for cycle \(cycle) at most \(maximumBallotAgeDays) days before \(asOf.iso) (data.genericBallot)",
                         foundDescription: "the latest on \(today.date.iso), \(age) days before")
      }
      var misses: [Miss] = []
      for c in cycles where c % 2 == 0 {
        // Every cycle of the range must be in the data: a missing one would silently change the prior.
        guard let final = national.finalAverage(cycle: c) else {
          throw InputError(file: configFile, field: "environment.missCycles",
                           expected: "a generic-ballot average for every even cycle of the range (data.genericBallot)",
                           found: "none for \(c)")
        }
        guard let vote = national.houseVote[c] else {
          throw InputError(file: configFile, field: "environment.missCycles",
                           expected: "a House vote for every even cycle of the range (data.houseVote)", found: "none for \(c)")
        }
        misses.append(Miss(cycle: c, finalAverage: final.twoPartyMargin, houseVote: vote, miss: final.twoPartyMargin - vote))
      }
      guard misses.count >= 2 else {
        throw InputError(file: configFile, field: "environment.missCycles", expected: "at least two cycles with both a final average and a House vote", found: "\(misses.count)")
      }
      let meanMiss = misses.map(\.miss).reduce(0, +) / Double(misses.count)
      let variance = misses.map { ($0.miss - meanMiss) * ($0.miss - meanMiss) }.reduce(0, +) / Double(misses.count - 1)
      return ResolvedEnvironmentPrior(
        mean: today.twoPartyMargin - meanMiss, sd: variance.squareRoot(),
        method: "generic-ballot average on \(today.date.iso) minus the mean miss of \(misses.count) earlier final averages",
        ballotAverage: today.twoPartyMargin, ballotDate: today.date, misses: misses)
    }
  }
}
