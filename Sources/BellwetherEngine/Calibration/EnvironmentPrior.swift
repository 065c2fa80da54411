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
  /// Set when the generic-ballot average is older than `environment.ballotMaxAgeDays` and
  /// `environment.staleBallot` is `"warn"`: what is stale, in words. It is also in `method`, so
  /// every report that states the prior states it.
  package var staleWarning: String?

  /// The cycle's generic-ballot average on the as-of date (the last dated on or before it), and a
  /// warning when it is older than the limit allows and the limit says "warn".
  /// - Throws: `InputError` when there is none, or it is too old and the limit says "error".
  /// - Parameter dateSource: where the as-of date came from, blamed in the error: nil for the
  ///   config's own `asOf`, else e.g. "--as-of".
  static func ballotAverage(_ national: NationalSeries, cycle: Int, asOf: CalendarDate, limit: BallotAgeLimit,
                            configFile: String, dateSource: String? = nil) throws -> (day: NationalSeries.BallotDay, staleWarning: String?) {
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
    // A stale average is never used as "the average on asOf" without a word: refused, or warned about.
    let age = asOf.dayNumber - today.date.dayNumber
    var staleWarning: String?
    if age > limit.maximumDays {
      switch limit.whenOlder {
      case .error:
        throw InputError(file: dateFile, field: dateField,
                         expected: "a generic-ballot average for cycle \(cycle) at most \(limit.maximumDays) days before \(asOf.iso) (data.genericBallot; the limit is environment.ballotMaxAgeDays)",
                         foundDescription: "the latest on \(today.date.iso), \(age) days before")
      case .warn:
        staleWarning = "STALE generic-ballot average: the latest is from \(today.date.iso), \(age) days before the as-of date \(asOf.iso), "
          + "beyond environment.ballotMaxAgeDays (\(limit.maximumDays)); it is used as the average on \(asOf.iso) (environment.staleBallot: \"warn\")"
      }
    }
    return (today, staleWarning)
  }

  /// Resolves the configured prior for an as-of date.
  ///
  /// For the generic-ballot prior: mean = (two-party average on the as-of date) - (mean miss of the
  /// final average against the House vote over the configured cycles); sd = the sample SD of those
  /// misses. The average is converted to a two-party margin, `100 (D - R) / (D + R)`, to match the
  /// House vote's two-party margin. For the horizon prior: the mean miss and predictive SD at the
  /// as-of date's days before the election (docs/model.md §2.1).
  /// - Throws: `InputError` when the series lack the needed dates, or any even cycle of the range
  ///   (naming it).
  /// - Parameter dateSource: where the as-of date came from, named in the error when the series
  ///   cannot serve it: nil for the config's own `asOf`, else e.g. "--as-of".
  static func resolve(_ prior: ModelPriors.EnvironmentPrior, cycle: Int, asOf: CalendarDate, electionDate: CalendarDate,
                      national: NationalSeries?, configFile: String, dateSource: String? = nil) throws -> ResolvedEnvironmentPrior {
    switch prior {
    case .fixed(let mean, let sd):
      return ResolvedEnvironmentPrior(mean: mean, sd: sd, method: "fixed in config", ballotAverage: nil, ballotDate: nil, misses: [])
    case .genericBallotByHorizon(let table, let limit):
      guard let national else {
        throw InputError(file: configFile, field: "data.genericBallot", expected: "generic-ballot and House-vote tables")
      }
      let (today, staleWarning) = try ballotAverage(national, cycle: cycle, asOf: asOf, limit: limit, configFile: configFile, dateSource: dateSource)
      let days = electionDate.dayNumber - asOf.dayNumber
      let miss = ModelPriors.HorizonMiss.interpolate(table, days: days)
      return ResolvedEnvironmentPrior(
        mean: today.twoPartyMargin - miss.mean, sd: miss.predictiveSD,
        method: "generic-ballot average on \(today.date.iso) minus the mean miss \(days) \(days == 1 ? "day" : "days") before the election "
          + "(\(String(format: "%+.2f", miss.mean)), predictive SD \(String(format: "%.2f", miss.predictiveSD)), from environment.missByHorizon)"
          + (staleWarning.map { "; \($0)" } ?? ""),
        ballotAverage: today.twoPartyMargin, ballotDate: today.date, misses: [], staleWarning: staleWarning)
    case .genericBallot(let cycles, let limit):
      guard let national else {
        throw InputError(file: configFile, field: "data.genericBallot", expected: "generic-ballot and House-vote tables")
      }
      let (today, staleWarning) = try ballotAverage(national, cycle: cycle, asOf: asOf, limit: limit, configFile: configFile, dateSource: dateSource)
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
        method: "generic-ballot average on \(today.date.iso) minus the mean miss of \(misses.count) earlier final averages"
          + (staleWarning.map { "; \($0)" } ?? ""),
        ballotAverage: today.twoPartyMargin, ballotDate: today.date, misses: misses, staleWarning: staleWarning)
    }
  }
}
