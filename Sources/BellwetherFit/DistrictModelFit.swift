import BellwetherEngine
import Foundation

/// One contested seat of a past cycle, as the district fit reads it.
package struct SeatObservation: Sendable, Codable, Equatable {
  package var cycle: Int
  package var id: String
  /// The seat's state: the district table's, or for a history seat the part of its id before `-`.
  package var state: String
  /// The seat's region (Census division; the district table's, or for a history seat its state's region
  /// in the shipped cycles' tables); nil when unknown (the noise-structure fit then gives it no region pair).
  package var region: String?
  package var seatClass: SeatClass
  /// The seat's presidential lean (docs/model.md §1.2).
  package var lean: Double
  /// The previous House margin relative to the nation: `prev_margin` minus the previous cycle's
  /// two-party House margin, where the previous race was a D-vs-R contest on the same lines; else nil.
  package var previousRelative: Double?
  /// The seat's two-party result margin.
  package var margin: Double
  /// The cycle's two-party House margin.
  package var houseVote: Double

  /// The response: `margin − houseVote`.
  package var relativeMargin: Double { margin - houseVote }

  package init(cycle: Int, id: String, seatClass: SeatClass, lean: Double, previousRelative: Double?, margin: Double,
               houseVote: Double, state: String? = nil, region: String? = nil) {
    self.cycle = cycle
    self.id = id
    self.state = state ?? String(id.prefix { $0 != "-" })
    self.region = region
    self.seatClass = seatClass
    self.lean = lean
    self.previousRelative = previousRelative
    self.margin = margin
    self.houseVote = houseVote
  }
}

/// Which regression of `margin − houseVote` is fitted, on which seats. Every specification has one
/// intercept per seat class (D incumbent, R incumbent, open) and no common intercept.
package enum DistrictSpecification: String, Sendable, Codable, CaseIterable {
  /// Every contested seat: lean and the class intercepts (the current rule's form with the lean
  /// slope and the incumbency terms free).
  case leanAndIncumbency = "lean-incumbency"
  /// Seats with a previous two-party race on the same lines: lean, the previous margin relative to
  /// the nation, and the class intercepts.
  case withPrevious = "with-previous"
  /// The other seats (redrawn, or no two-party race last time): lean and the class intercepts.
  case withoutPrevious = "without-previous"

  /// In words, for the reports.
  package var summary: String {
    switch self {
    case .leanAndIncumbency: return "all contested seats: lean + class intercepts"
    case .withPrevious: return "seats with a previous D-vs-R race on the same lines: lean + previous + class intercepts"
    case .withoutPrevious: return "seats without one: lean + class intercepts"
    }
  }

  /// Whether a seat belongs to this specification's sample.
  package func includes(_ s: SeatObservation) -> Bool {
    switch self {
    case .leanAndIncumbency: return true
    case .withPrevious: return s.previousRelative != nil
    case .withoutPrevious: return s.previousRelative == nil
    }
  }

  /// The slope columns before the class intercepts; with `elastic`, elastic swing's two (docs/model.md
  /// §1.6): `absLean` = |lean| and `elasticity` = |lean| x the cycle's House vote, whose coefficient is
  /// the change in a seat's loading on the environment per point of |lean| (identified only across
  /// cycles with different House votes, so only pooled fits take it).
  func slopes(elastic: Bool = false) -> [String] {
    (self == .withPrevious ? ["lean", "previous"] : ["lean"]) + (elastic && self != .leanAndIncumbency ? ["absLean", "elasticity"] : [])
  }

  /// A seat's value of a named column.
  static func value(_ name: String, _ s: SeatObservation) -> Double {
    switch name {
    case "lean": return s.lean
    case "previous": return s.previousRelative ?? 0
    case "absLean": return abs(s.lean)
    case "elasticity": return abs(s.lean) * s.houseVote
    default: return s.seatClass.rawValue == name ? 1 : 0
    }
  }
}

/// One least-squares fit of a specification on some cycles' seats.
package struct DistrictRegression: Sendable, Codable, Equatable {
  /// An estimated coefficient.
  package struct Coefficient: Sendable, Codable, Equatable {
    package var name: String
    package var estimate: Double
    /// Classical OLS standard error; nil without residual degrees of freedom.
    package var standardError: Double?
  }

  /// Residuals of one seat class.
  package struct ClassResiduals: Sendable, Codable, Equatable {
    /// A seat class, or `all`.
    package var seatClass: String
    package var seats: Int
    /// Mean residual (0 in-sample for a class with its own intercept).
    package var mean: Double
    /// Root mean square residual (divisor: the class's seats): the residual SD of the class about
    /// zero, what a prediction misses by.
    package var rms: Double
    /// SD about the class's mean residual (divisor: the class's seats): `rms^2 = mean^2 + sd^2`.
    package var sd: Double
  }

  package var specification: DistrictSpecification
  package var cycles: [Int]
  package var seats: Int
  /// In column order: the slopes, then the intercepts of the classes present (a class with no seat
  /// in the sample has no column).
  package var coefficients: [Coefficient]
  /// `sqrt(RSS / (n − p))`.
  package var residualSD: Double?
  package var degreesOfFreedom: Int
  /// Residuals by class, then `all`.
  package var byClass: [ClassResiduals]
  /// Why there is no fit (too few seats, a collinear design); nil when fitted.
  package var failure: String?

  /// The estimate of a named coefficient.
  package func estimate(_ name: String) -> Double? { coefficients.first { $0.name == name }?.estimate }

  /// The fit's prediction of `margin − houseVote` for a seat (with elastic swing's columns, given the
  /// seat's cycle's House vote); nil when the seat's class has no intercept (no seat of that class in
  /// the fit's sample) or there is no fit.
  package func predict(_ s: SeatObservation) -> Double? {
    guard failure == nil, let intercept = estimate(s.seatClass.rawValue) else { return nil }
    let classes = Set(SeatClass.allCases.map(\.rawValue))
    return coefficients.filter { !classes.contains($0.name) }.reduce(intercept) {
      $0 + $1.estimate * DistrictSpecification.value($1.name, s)
    }
  }

  /// Fits a specification on the seats of `observations` it includes.
  /// - Parameters:
  ///   - minimumSeatsPerColumn: with fewer seats than this per coefficient there is no fit
  ///     (the result's `failure` says so).
  ///   - cycleWeights: optional weight of each cycle's seats (every cycle of `cycles` must have one):
  ///     weighted least squares (`LeastSquares`), and the class residuals weighted alike. Nil: every
  ///     seat counts once.
  ///   - elastic: add elastic swing's columns `absLean` and `elasticity` (not to `leanAndIncumbency`), when
  ///     the sample holds at least three distinct House votes (the elasticity is identified only across
  ///     cycles; with two it would rest on one contrast).
  package static func fit(_ specification: DistrictSpecification, observations: [SeatObservation], cycles: [Int],
                          minimumSeatsPerColumn: Int = 0, cycleWeights: [Int: Double]? = nil, elastic: Bool = false) -> DistrictRegression {
    let sample = observations.filter { cycles.contains($0.cycle) && specification.includes($0) }
    let classes = SeatClass.allCases.filter { c in sample.contains { $0.seatClass == c } }
    let names = specification.slopes(elastic: elastic && Set(sample.map(\.houseVote)).count >= 3) + classes.map(\.rawValue)
    var result = DistrictRegression(specification: specification, cycles: cycles, seats: sample.count, coefficients: [],
                                    residualSD: nil, degreesOfFreedom: 0, byClass: [], failure: nil)
    guard sample.count >= minimumSeatsPerColumn * names.count else {
      result.failure = "too few seats: \(sample.count) for \(names.count) coefficients (at least \(minimumSeatsPerColumn) a coefficient)"
      return result
    }
    do {
      let weights = cycleWeights.map { w in sample.map { w[$0.cycle] ?? .nan } }
      let fit = try LeastSquares.fit(design: sample.map { s in names.map { DistrictSpecification.value($0, s) } },
                                     response: sample.map(\.relativeMargin), names: names, weights: weights)
      result.coefficients = names.indices.map {
        Coefficient(name: names[$0], estimate: fit.coefficients[$0], standardError: fit.standardErrors?[$0])
      }
      result.residualSD = fit.residualSD
      result.degreesOfFreedom = fit.degreesOfFreedom
      result.byClass = classResiduals(zip(sample, fit.residuals).map { ($0.seatClass, $1) }, weights: weights)
    } catch {
      result.failure = "\(error)"
    }
    return result
  }

  /// Mean and RMS residual of each class present, then of all; with `weights` (one per residual),
  /// weighted means (`sum w r / sum w`, `sqrt(sum w r^2 / sum w)`).
  package static func classResiduals(_ residuals: [(SeatClass, Double)], weights: [Double]? = nil) -> [ClassResiduals] {
    func summary(_ name: String, _ r: [(Double, Double)]) -> ClassResiduals {
      let total = r.reduce(0) { $0 + $1.1 }, mean = r.reduce(0) { $0 + $1.0 * $1.1 } / total
      return ClassResiduals(seatClass: name, seats: r.count, mean: mean,
                            rms: (r.reduce(0) { $0 + $1.0 * $1.0 * $1.1 } / total).squareRoot(),
                            sd: (r.reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) * $1.1 } / total).squareRoot())
    }
    let weighted = residuals.indices.map { (residuals[$0].0, residuals[$0].1, weights?[$0] ?? 1) }
    var out = SeatClass.allCases.compactMap { c -> ClassResiduals? in
      let r = weighted.filter { $0.0 == c }.map { ($0.1, $0.2) }
      return r.isEmpty ? nil : summary(c.rawValue, r)
    }
    if !residuals.isEmpty { out.append(summary("all", weighted.map { ($0.1, $0.2) })) }
    return out
  }
}

/// A coefficient's spread over per-cycle fits.
package struct CoefficientSpread: Sendable, Codable, Equatable {
  package var name: String
  /// The cycles whose fit has the coefficient.
  package var cycles: [Int]
  package var mean: Double
  /// Sample SD of the per-cycle estimates (n − 1 divisor); nil below two cycles.
  package var sd: Double?
  package var minimum: Double
  package var maximum: Double

  /// The spread of each coefficient named in `fits`, in first-seen order.
  package static func of(_ fits: [DistrictRegression]) -> [CoefficientSpread] {
    var names: [String] = []
    for f in fits where f.failure == nil { for c in f.coefficients where !names.contains(c.name) { names.append(c.name) } }
    return names.map { name in
      let pairs = fits.compactMap { f in f.estimate(name).map { (f.cycles.first ?? 0, $0) } }
      let x = pairs.map(\.1), n = Double(x.count), mean = x.reduce(0, +) / n
      let sd = x.count >= 2 ? (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : nil
      return CoefficientSpread(name: name, cycles: pairs.map(\.0), mean: mean, sd: sd, minimum: x.min()!, maximum: x.max()!)
    }
  }
}

/// The district model fitted on a set of past cycles (docs/fit.md, "District model").
package struct DistrictModelFit: Sendable, Codable, Equatable {
  /// One specification: pooled over the cycles, each cycle alone, and the spread of the latter.
  package struct Specification: Sendable, Codable, Equatable {
    package var specification: DistrictSpecification
    package var summary: String
    /// One fit on every cycle's seats together (the same coefficients for every cycle).
    package var pooled: DistrictRegression
    package var perCycle: [DistrictRegression]
    /// Each coefficient's spread over `perCycle`.
    package var spread: [CoefficientSpread]
  }

  /// The incumbency advantage in the current rule's form: the lean slope fixed at 1, no intercept,
  /// `margin − houseVote − lean = a × sign` (+1 D incumbent, −1 R incumbent), on incumbents' seats.
  package struct IncumbencyAdvantage: Sendable, Codable, Equatable {
    package var cycles: [Int]
    package var seats: Int
    package var estimate: Double
    package var standardError: Double?
  }

  /// The current rule's residuals (`margin − houseVote − lean − a × sign`, with each cycle's own
  /// configured `a`) by class, on the seats of `leanAndIncumbency`.
  package struct CurrentRule: Sendable, Codable, Equatable {
    package var cycles: [Int]
    /// The lean slope of the rule (1) and each cycle's incumbency advantage, in `cycles` order.
    package var leanSlope: Double
    package var incumbencyAdvantage: [Double]
    package var byClass: [DistrictRegression.ClassResiduals]
  }

  /// The cycles whose seats were used.
  package var cycles: [Int]
  /// The weight of each cycle's seats in the pooled fits and their class residuals (docs/fit.md,
  /// "Recency"); nil: every seat counts once.
  package var cycleWeights: [Int: Double]? = nil
  /// The recency half-life (years) the weights came from; nil without weights.
  package var recencyHalfLifeYears: Double? = nil
  /// The seats used, by cycle (contested seats with a certified winner and a two-party margin).
  package var seatsByCycle: [Int: Int]
  package var specifications: [Specification]
  /// The fitted model's residuals by class: each seat's residual from its own specification
  /// (`withPrevious` or `withoutPrevious`), pooled fits.
  package var fittedByClass: [DistrictRegression.ClassResiduals]
  /// The same, each cycle's seats from that cycle's own fits.
  package var fittedByClassPerCycle: [Int: [DistrictRegression.ClassResiduals]]
  /// The current rule on the same seats, all cycles together and each alone.
  package var currentRule: CurrentRule
  package var currentRulePerCycle: [CurrentRule]
  /// The incumbency advantage in the current rule's form: pooled, per cycle, and its spread.
  package var incumbency: IncumbencyAdvantage?
  package var incumbencyPerCycle: [IncumbencyAdvantage]
  package var incumbencySpread: CoefficientSpread?

  /// A specification's fits.
  package func specification(_ s: DistrictSpecification) -> Specification? { specifications.first { $0.specification == s } }

  /// The fitted model's prediction of `margin − houseVote` for a seat, from the pooled fit of its
  /// specification (`withPrevious` when it has a previous race, else `withoutPrevious`).
  package func predict(_ s: SeatObservation) -> Double? {
    specification(s.previousRelative != nil ? .withPrevious : .withoutPrevious)?.pooled.predict(s)
  }

  /// The fewest seats per coefficient of a per-cycle fit in `PriorFit` (a judgment: ten residual degrees
  /// of freedom for two coefficients, so a per-cycle estimate is not mostly noise).
  package static let perCycleSeatsPerColumn = 5

  /// Fits every specification on the seats of `cycles`.
  /// - Parameters:
  ///   - observations: contested seats (any cycles; only those of `cycles` are read).
  ///   - advantage: each cycle's configured incumbency advantage (for the current rule).
  /// - Returns: nil when no seat of `cycles` is given.
  ///   - minimumPerCycleSeats: a per-cycle fit with fewer seats than this per coefficient is no fit, so it
  ///     sets no cycle-to-cycle spread (`PriorFit` passes `perCycleSeatsPerColumn`: 2002 has 6 seats with a
  ///     previous race on the same lines, for 5 coefficients). The pooled fit takes any number.
  ///   - recency: optional `(halfLifeYears, target)`: the pooled fits weight a cycle c's seats by
  ///     `0.5^((target − c) / halfLifeYears)` (docs/fit.md, "Recency"); the per-cycle fits and their
  ///     spread are unchanged.
  ///   - elasticSwing: the pooled withPrevious and withoutPrevious fits add `absLean` and `elasticity`
  ///     (docs/model.md §1.6); the per-cycle fits cannot identify the elasticity (one House vote) and
  ///     keep their columns; a specification whose seats hold fewer than three House votes gets none.
  package static func fit(observations: [SeatObservation], cycles: [Int], advantage: [Int: Double],
                          minimumPerCycleSeats: Int = 0, recency: (halfLifeYears: Double, target: Int)? = nil,
                          elasticSwing: Bool = false) -> DistrictModelFit? {
    let seats = observations.filter { cycles.contains($0.cycle) }
    let used = cycles.filter { c in seats.contains { $0.cycle == c } }
    guard !used.isEmpty else { return nil }
    let weights = recency.map { r in
      Dictionary(uniqueKeysWithValues: used.map { ($0, pow(0.5, Double(r.target - $0) / r.halfLifeYears)) })
    }
    let specifications = DistrictSpecification.allCases.map { spec -> Specification in
      let perCycle = used.map { DistrictRegression.fit(spec, observations: seats, cycles: [$0], minimumSeatsPerColumn: minimumPerCycleSeats) }
      return Specification(specification: spec, summary: spec.summary,
                           pooled: DistrictRegression.fit(spec, observations: seats, cycles: used, cycleWeights: weights,
                                                          elastic: elasticSwing),
                           perCycle: perCycle, spread: CoefficientSpread.of(perCycle))
    }
    func fitted(_ sample: [SeatObservation], with: (DistrictSpecification) -> DistrictRegression?) -> [DistrictRegression.ClassResiduals] {
      let residuals = sample.compactMap { s -> (SeatClass, Double, Double)? in
        let spec: DistrictSpecification = s.previousRelative != nil ? .withPrevious : .withoutPrevious
        return with(spec)?.predict(s).map { (s.seatClass, s.relativeMargin - $0, weights?[s.cycle] ?? 1) }
      }
      return DistrictRegression.classResiduals(residuals.map { ($0.0, $0.1) }, weights: residuals.map(\.2))
    }
    let pooledBySpec = { (s: DistrictSpecification) in specifications.first { $0.specification == s }?.pooled }
    var perCycleFitted: [Int: [DistrictRegression.ClassResiduals]] = [:]
    for (i, c) in used.enumerated() {
      perCycleFitted[c] = fitted(seats.filter { $0.cycle == c }) { s in specifications.first { $0.specification == s }?.perCycle[i] }
    }
    func rule(_ cs: [Int]) -> CurrentRule {
      let sample = seats.filter { cs.contains($0.cycle) }
      return CurrentRule(cycles: cs, leanSlope: 1, incumbencyAdvantage: cs.map { advantage[$0] ?? .nan },
                         byClass: DistrictRegression.classResiduals(sample.map { s in
                           (s.seatClass, s.relativeMargin - s.lean - (advantage[s.cycle] ?? .nan) * s.seatClass.sign)
                         }))
    }
    func incumbency(_ cs: [Int]) -> IncumbencyAdvantage? {
      let sample = seats.filter { cs.contains($0.cycle) && $0.seatClass != .open }
      guard let fit = try? LeastSquares.fit(design: sample.map { [$0.seatClass.sign] },
                                            response: sample.map { $0.relativeMargin - $0.lean }, names: ["advantage"]) else {
        return nil
      }
      return IncumbencyAdvantage(cycles: cs, seats: sample.count, estimate: fit.coefficients[0],
                                 standardError: fit.standardErrors?[0])
    }
    let incumbencyPerCycle = used.compactMap { incumbency([$0]) }
    let spread = CoefficientSpread.of(incumbencyPerCycle.map {
      DistrictRegression(specification: .leanAndIncumbency, cycles: $0.cycles, seats: $0.seats,
                         coefficients: [.init(name: "advantage", estimate: $0.estimate, standardError: $0.standardError)],
                         residualSD: nil, degreesOfFreedom: 0, byClass: [], failure: nil)
    }).first
    return DistrictModelFit(
      cycles: used, cycleWeights: weights, recencyHalfLifeYears: recency?.halfLifeYears,
      seatsByCycle: Dictionary(uniqueKeysWithValues: used.map { c in (c, seats.filter { $0.cycle == c }.count) }),
      specifications: specifications, fittedByClass: fitted(seats, with: pooledBySpec), fittedByClassPerCycle: perCycleFitted,
      currentRule: rule(used), currentRulePerCycle: used.map { rule([$0]) }, incumbency: incumbency(used),
      incumbencyPerCycle: incumbencyPerCycle, incumbencySpread: spread)
  }
}
