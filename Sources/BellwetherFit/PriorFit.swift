import BellwetherEngine
import Foundation

/// The priors fitted for one target (docs/fit.md): a cycle Y, from the cycles before it only, or
/// every cycle pooled, which is in-sample for each of them.
package struct PriorFit: Sendable, Codable, Equatable {
  /// The cycle the fit is for; nil for the pooled fit.
  package var forCycle: Int?
  /// True for the pooled fit: its figures include the cycles it would be used on.
  package var inSample: Bool
  /// In words: "for 2018, from cycles before 2018" or "pooled over 2006-2018 (in-sample)".
  package var label: String
  /// The past cycles whose tables (districts, specials, results) were read.
  package var cycles: [Int]
  /// The generic-ballot misses, cycles `firstMissCycle` to Y − 2 (pooled: to the last cycle).
  package var genericBallot: GenericBallotMissFit
  /// Nil when no earlier cycle has results.
  package var district: DistrictModelFit?
  package var specials: SpecialsTranslationFit?
  /// The district-poll error model (docs/model.md §2.5), when the cycles hold polls.
  package var polls: PollErrorFit? = nil
  /// Pollster house effects from the same polls, net of `polls` (docs/fit.md, "House effects").
  package var houseEffects: HouseEffectFit? = nil
  /// How much closer than the district model polled seats turn out (docs/fit.md, "Poll selection").
  package var pollSelection: PollSelectionFit? = nil
  /// The state, region and lean-kernel parts of the district noise, from the district fit's per-cycle
  /// residuals (docs/fit.md, "Noise structure").
  package var noiseStructure: NoiseStructureFit? = nil
  /// The environment's and the district noise's Student-t degrees of freedom, as far as the cycles say
  /// (docs/fit.md, "Tails").
  package var tails: TailFit? = nil
  /// The priors of the configs read (to compare with), each cycle's.
  package var currentPriors: [CurrentPriors]

  /// A past cycle's configured priors.
  package struct CurrentPriors: Sendable, Codable, Equatable {
    package var cycle: Int
    package var incumbencyAdvantage: Double
    package var alpha: Double
    package var beta: Double
    package var sigmaT: Double
  }

  /// The recency half-life (years) of the shipped configs' district tables and `bellwether fit`'s
  /// default, chosen among none, 1, 2, 3, 4, 8 and 12 years by the four cycles' backtests: the lowest
  /// mean election-eve Brier score, differences within two paired standard errors counted as ties and
  /// broken by the mean over all dates (docs/fit.md, "Recency"; README, "Backtest"). A seat of four
  /// years before the target weighs 0.25, of eight years 0.0625.
  package static let shippedRecencyHalfLifeYears = 2.0

  /// Whether the shipped configs' district tables and `bellwether fit` (without `--elastic-swing`) have
  /// elastic swing (docs/model.md §1.6; docs/fit.md, "Elastic swing"). Off, by the four cycles' backtests
  /// (README, "Backtest"): the elastic tables score a mean election-eve Brier of 0.0333 against 0.0316.
  package static let shippedElasticSwing = false

  /// A short name: the cycle, or `pooled`.
  package var name: String { forCycle.map(String.init) ?? "pooled" }

  /// Fits the priors for `forCycle` (nil: pooled over every cycle of `inputs`) at the given horizons.
  /// Whatever `inputs` holds, a fit for Y sees only `inputs.restricted(before: Y)`.
  /// - Parameter recencyHalfLifeYears: the district model's pooled fits weight a cycle's seats by
  ///   `0.5^((Y − cycle) / halfLife)` (Y the target, or the last cycle for the pooled fit; docs/fit.md,
  ///   "Recency"); nil: every seat counts once.
  /// - Parameter elasticSwing: the district model's pooled fits add elastic swing's columns.
  package static func fit(_ all: FitInputs, forCycle: Int?, horizons: [Int], recencyHalfLifeYears: Double? = nil,
                          elasticSwing: Bool = false) -> PriorFit {
    let last = all.cycles.map(\.cycle).max() ?? all.national.houseVote.keys.max() ?? all.firstMissCycle
    let cutoff = forCycle ?? last + 1
    let inputs = all.restricted(before: cutoff)
    // For Y: the cycles to Y − 2 (the generic ballot of Y − 1, an odd year, points at no House election);
    // pooled: every cycle to the last read.
    let missCycles = Array(stride(from: all.firstMissCycle, through: forCycle.map { $0 - 2 } ?? last, by: 2))
    let genericBallot = GenericBallotMissFit.fit(national: inputs.national, cycles: missCycles,
                                                 electionDay: inputs.electionDay, horizons: horizons)
    let cycles = inputs.cycles.map(\.cycle)
    // The district fit reads the history's seats too (earlier midterms, `DistrictHistoryTable`); their
    // current rule is the shipped configs' uniform rule, `DistrictHistoryTable.ruleAdvantage`.
    var advantage = Dictionary(inputs.districtHistory.map { ($0.cycle, DistrictHistoryTable.ruleAdvantage) }) { a, _ in a }
    for c in inputs.cycles { advantage[c.cycle] = c.incumbencyAdvantage }
    let district = DistrictModelFit.fit(observations: inputs.allSeats, cycles: inputs.seatCycles, advantage: advantage,
                                        minimumPerCycleSeats: DistrictModelFit.perCycleSeatsPerColumn,
                                        recency: recencyHalfLifeYears.map { ($0, forCycle ?? last) }, elasticSwing: elasticSwing)
    let specials = inputs.cycles.isEmpty ? nil : SpecialsTranslationFit.fit(inputs.cycles.map(\.specials))
    let span = cycles.isEmpty ? "no earlier cycle" : FitFormat.span(cycles)
    let label = forCycle.map { "for \($0), from cycles before \($0) (\(span))" }
      ?? "pooled over \(span) (in-sample for each of those cycles)"
    var fitted = PriorFit(forCycle: forCycle, inSample: forCycle == nil, label: label, cycles: cycles, genericBallot: genericBallot,
                    district: district, specials: specials,
                    currentPriors: inputs.cycles.map {
                      CurrentPriors(cycle: $0.cycle, incumbencyAdvantage: $0.incumbencyAdvantage, alpha: $0.translationAlpha,
                                    beta: $0.translationBeta, sigmaT: $0.translationSD)
                    })
    fitted.polls = PollErrorFit.fit(inputs.allPolls)
    fitted.houseEffects = fitted.polls.flatMap { HouseEffectFit.fit(inputs.allPolls, errors: $0) }
    fitted.pollSelection = district.flatMap { PollSelectionFit.fit(seats: inputs.allSeats, polls: inputs.allPolls, district: $0) }
    fitted.noiseStructure = district.flatMap { NoiseStructureFit.fit(residualsByCycle: NoiseStructureFit.residuals(seats: inputs.allSeats, district: $0)) }
    let eve = genericBallot.horizon(1) ?? genericBallot.horizons.min { $0.days < $1.days }
    fitted.tails = TailFit(
      environment: eve.flatMap(TailFit.environment),
      noise: inputs.cycles.last?.noiseFloorShare.flatMap {
        TailFit.noise(inputs, structure: fitted.noiseStructure, recencyHalfLifeYears: recencyHalfLifeYears,
                      elasticSwing: elasticSwing, floorShare: $0)
      })
    return fitted
  }
}

/// A cycle's seats scored with the district fit made without them, beside the current rule, both
/// given the cycle's actual House vote (docs/fit.md, "Out of sample"). This reads the scored cycle's
/// results, so it is a check of the fit, not part of it.
package struct OutOfSampleCheck: Sendable, Codable, Equatable {
  package var cycle: Int
  /// The cycles the fit came from.
  package var fittedOn: [Int]
  /// Seats of the cycle the fitted model could predict (a class without an intercept in the fit
  /// cannot be).
  package var seats: Int
  /// Residuals of the fitted model (with-previous / without-previous), of the lean-incumbency fit,
  /// and of the current rule, by class.
  package var fitted: [DistrictRegression.ClassResiduals]
  package var leanAndIncumbency: [DistrictRegression.ClassResiduals]
  package var currentRule: [DistrictRegression.ClassResiduals]

  /// Scores `cycle`'s seats with `fit` (made from the cycles before it).
  package static func score(_ cycle: CycleData, with fit: DistrictModelFit) -> OutOfSampleCheck? {
    let lean = fit.specification(.leanAndIncumbency)?.pooled
    let rows = cycle.seats.compactMap { s -> (SeatObservation, Double, Double)? in
      guard let f = fit.predict(s), let l = lean?.predict(s) else { return nil }
      return (s, f, l)
    }
    guard !rows.isEmpty else { return nil }
    return OutOfSampleCheck(
      cycle: cycle.cycle, fittedOn: fit.cycles, seats: rows.count,
      fitted: DistrictRegression.classResiduals(rows.map { ($0.0.seatClass, $0.0.relativeMargin - $0.1) }),
      leanAndIncumbency: DistrictRegression.classResiduals(rows.map { ($0.0.seatClass, $0.0.relativeMargin - $0.2) }),
      currentRule: DistrictRegression.classResiduals(rows.map { r in
        (r.0.seatClass, r.0.relativeMargin - r.0.lean - cycle.incumbencyAdvantage * r.0.seatClass.sign)
      }))
  }
}

/// The fit report (`fit.json`, schema `bellwether.fit/1`): one `PriorFit` per target and, when
/// every cycle was read, the out-of-sample checks.
package struct FitReport: Sendable, Codable, Equatable {
  package static let schemaName = "bellwether.fit/1"

  /// The national tables read, with their SHA-256.
  package struct NationalSource: Sendable, Codable, Equatable {
    package var genericBallot: String
    package var houseVote: String
    package var sha256: [String: String]
  }

  /// A past cycle read: its config and results paths, and the SHA-256 of the config (`config`) and
  /// of each table, by file name.
  package struct CycleSource: Sendable, Codable, Equatable {
    package var cycle: Int
    package var config: String
    package var results: String
    package var sha256: [String: String]
  }

  package var schema: String
  /// What made it: `bellwether fit` and its arguments.
  package var command: String
  package var horizons: [Int]
  package var national: NationalSource
  package var cycles: [CycleSource]
  package var fits: [PriorFit]
  package var outOfSample: [OutOfSampleCheck]

  /// Fits every target. A target `Y` sees only the cycles before it; `nil` is the pooled fit.
  /// - Parameter outOfSample: also score each cycle of `inputs` with the fit from the cycles before it.
  package static func make(inputs: FitInputs, sources: FitSources, targets: [Int?], horizons: [Int], command: String,
                           outOfSample: Bool, recencyHalfLifeYears: Double? = nil, elasticSwing: Bool = false) -> FitReport {
    let fits = targets.map {
      PriorFit.fit(inputs, forCycle: $0, horizons: horizons, recencyHalfLifeYears: recencyHalfLifeYears, elasticSwing: elasticSwing)
    }
    var checks: [OutOfSampleCheck] = []
    if outOfSample {
      for c in inputs.cycles {
        guard let district = PriorFit.fit(inputs, forCycle: c.cycle, horizons: [], recencyHalfLifeYears: recencyHalfLifeYears,
                                          elasticSwing: elasticSwing).district,
              let check = OutOfSampleCheck.score(c, with: district) else { continue }
        checks.append(check)
      }
    }
    return FitReport(schema: schemaName, command: command, horizons: horizons,
                     national: NationalSource(genericBallot: sources.genericBallot, houseVote: sources.houseVote,
                                              sha256: inputs.nationalHashes),
                     cycles: inputs.cycles.map { CycleSource(cycle: $0.cycle, config: $0.configPath, results: $0.resultsPath, sha256: $0.hashes) },
                     fits: fits, outOfSample: checks)
  }

  /// The JSON text: pretty, sorted keys.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
