import BellwetherEngine
import Foundation

/// How fat the tails of the two Student t's of the model are, as far as the past cycles can say
/// (docs/fit.md, "Tails"): the national environment's (`environment.nu`, docs/model.md §2.4) from the
/// generic-ballot misses, and the district noise's (`noise.nu`, §3.3) from each earlier cycle's seats
/// forecast by the district fit made without them.
///
/// Each is a profile likelihood over `nuGrid` (the Gaussian last) with a likelihood-ratio interval: the
/// degrees of freedom whose log-likelihood is within `chiSquare95 / 2` of the best (Wilks's theorem,
/// one parameter, 95%). A handful of cycles carry little information about a tail, so the interval is
/// the point: where it holds both the smallest and the Gaussian, the data do not identify `nu` and a
/// config's value rests on judgment.
package struct TailFit: Sendable, Codable, Equatable {
  /// The degrees of freedom tried; `.infinity` is the Gaussian.
  package static let nuGrid: [Double] = [3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100, .infinity]
  /// The 0.95 quantile of chi-square with one degree of freedom.
  package static let chiSquare95 = 3.841458820694124

  /// The environment's t, from the generic-ballot misses at one horizon: each miss is a draw of a
  /// Student t with location `mu` and standard deviation `sd` (docs/model.md §2.4's parametrisation),
  /// both fitted at every `nu` (maximum likelihood).
  package struct EnvironmentTail: Sendable, Codable, Equatable {
    /// Days before the election of the misses (1: election eve).
    package var days: Int
    /// The cycles of the misses, in order.
    package var cycles: [Int]
    /// Each cycle's miss (average minus House vote, points).
    package var misses: [Double]
    /// The profile over nu, location and scale fitted at each.
    package var profile: Profile
    /// The location and SD fitted at the best `nu`.
    package var location: Double
    package var sd: Double
  }

  /// One cycle's seats forecast by the district fit made from the cycles before it.
  package struct NoiseCycle: Sendable, Codable, Equatable {
    /// The cycle forecast.
    package var cycle: Int
    /// The cycles the district fit came from.
    package var fittedOn: [Int]
    /// Its seats the fit predicts (the dimension of `e`).
    package var seats: Int
    /// `e' Sigma^-1 e`, `e` the seats' results minus the fit's predictions given the cycle's House vote.
    package var mahalanobis: Double
    /// `mahalanobis / seats`: near 1 when the errors are as large as Sigma says, above 1 when larger.
    package var ratio: Double
    /// `log det Sigma`.
    package var logDeterminant: Double
  }

  /// The district noise's t: every earlier cycle's errors are one draw of a multivariate t with the
  /// model's noise covariance Sigma (docs/model.md §3.4): each seat's class `residualSD` from the district
  /// fit made without that cycle, and this fit's state, region and lean-kernel terms (fitted on cycles that
  /// include that cycle: in-sample for those three terms, out of sample for the coefficients and class
  /// SDs). Profiled under each convention of §3.3, `scale` (Sigma the t's scale matrix) and `sd` (Sigma its
  /// covariance), and with Sigma's factor free.
  package struct NoiseTail: Sendable, Codable, Equatable {
    /// The cycles scored, in order.
    package var cycles: [NoiseCycle]
    /// Cycles left out: first elections on new lines (fewer than half their seats have a previous race on
    /// the same lines, `isOnNewLines`), with their figures.
    package var excluded: [NoiseCycle]
    /// The shared terms' SDs (state, region, lean; 0 without a noise structure) and kernel length the
    /// covariance took.
    package var componentSD: [Double]
    package var kernelLength: Double
    /// The floor of a seat's own variance, a share of its class variance (`noise.shares.idiosyncratic`).
    package var idiosyncraticFloorShare: Double
    /// The profile over nu with Sigma the t's scale matrix (`tScale: "scale"`).
    package var scale: Profile
    /// The profile over nu with Sigma the t's covariance (`tScale: "sd"`).
    package var sd: Profile
    /// The t with Sigma's factor free (the scale matrix `k Sigma`): at each nu the `k` of largest
    /// likelihood, profiled over nu. Where its interval holds the Gaussian the tails are not needed once
    /// the scale is fitted.
    package var freeScale: Profile
    /// The `k` of `freeScale` at each nu of the grid (under "scale"; the covariance is `k nu/(nu − 2) Sigma`).
    package var freeScaleFactors: [Double]
    /// Whether each of `freeScaleFactors` ended at an end of the searched range 0.25...4 (the config's): the
    /// likelihood's maximum then lies beyond it, and the factor is only that end.
    package var freeScaleFactorsAtBound: [Bool]
    /// The Gaussian's factor, `sum q / sum seats` (the maximum of its likelihood in closed form): the
    /// value of `noise.varianceInflation` with `nu: null`.
    package var varianceInflation: Double
    /// Its SE: the larger of the cluster-robust one over the cycles and the model's `k sqrt(2 / sum n)`
    /// (`gaussianFactor`); nil below two cycles.
    package var varianceInflationSE: Double?

    /// Whether the Gaussian's factor lies outside the values `noise.varianceInflation` takes (0.25...4).
    package var varianceInflationOutsideRange: Bool { !ModelPriors.noiseVarianceInflationRange.contains(varianceInflation) }
  }

  /// Nil below three generic-ballot misses.
  package var environment: EnvironmentTail?
  /// Nil without an earlier cycle, off new lines, that has a seat cycle before it (and a config to take the
  /// floor share from).
  package var noise: NoiseTail?

  /// One seat of a cycle forecast: its error against the district fit made without the cycle, and its
  /// class's variance in that fit.
  struct SeatError {
    var seat: SeatObservation
    var error: Double
    var classVariance: Double
  }

  /// The environment's tail from the misses of one horizon; nil below three misses.
  package static func environment(_ horizon: GenericBallotMissFit.Horizon) -> EnvironmentTail? {
    let x = horizon.misses.map(\.miss)
    guard x.count >= 3 else { return nil }
    let profile = Profile { studentT(x, nu: $0).logLikelihood }
    let best = studentT(x, nu: profile.best)
    let sd = profile.best.isInfinite ? best.scale : best.scale * (profile.best / (profile.best - 2)).squareRoot()
    return EnvironmentTail(days: horizon.days, cycles: horizon.misses.map(\.cycle), misses: x, profile: profile,
                           location: best.location, sd: sd)
  }

  /// The district noise's tail for a fit that reads `inputs` (already restricted to the cycles before
  /// its target): every seat cycle with an earlier one is forecast by the district fit from the seat
  /// cycles before it (weighted by recency toward that cycle, as the shipped tables are), and its errors
  /// scored against the model's covariance (`NoiseTail`). Nil without such a cycle off new lines.
  /// - Parameters:
  ///   - structure: the target's noise structure (its shared terms go into every cycle's Sigma; none: 0).
  ///   - floorShare: `noise.shares.idiosyncratic`, the floor of a seat's own variance (docs/model.md §3.4).
  package static func noise(_ inputs: FitInputs, structure: NoiseStructureFit?, recencyHalfLifeYears: Double?,
                            elasticSwing: Bool, floorShare: Double) -> NoiseTail? {
    let components = ["state", "region", "lean"].map { structure?.component($0)?.sd ?? 0 }
    let length = structure?.kernelLength ?? NoiseStructureFit.lengthGrid[0]
    let seatCycles = inputs.seatCycles
    var cycles: [NoiseCycle] = [], excluded: [NoiseCycle] = []
    for c in seatCycles {
      let before = seatCycles.filter { $0 < c }
      guard !before.isEmpty,
            let fit = DistrictModelFit.fit(observations: inputs.allSeats, cycles: before, advantage: [:],
                                           minimumPerCycleSeats: DistrictModelFit.perCycleSeatsPerColumn,
                                           recency: recencyHalfLifeYears.map { ($0, c) }, elasticSwing: elasticSwing)
      else { continue }
      let rows = inputs.allSeats.filter { $0.cycle == c }.compactMap { s -> SeatError? in
        let spec: DistrictSpecification = s.previousRelative != nil ? .withPrevious : .withoutPrevious
        guard let pooled = fit.specification(spec)?.pooled, let p = pooled.predict(s),
              let rms = pooled.byClass.first(where: { $0.seatClass == s.seatClass.rawValue })?.rms else { return nil }
        return SeatError(seat: s, error: s.relativeMargin - p, classVariance: rms * rms)
      }
      guard rows.count >= 2, let cycle = noiseCycle(c, fittedOn: fit.cycles, rows: rows, components: components,
                                                   length: length, floorShare: floorShare) else { continue }
      if isOnNewLines(inputs.allSeats.filter { $0.cycle == c }) { excluded.append(cycle) } else { cycles.append(cycle) }
    }
    guard !cycles.isEmpty else { return nil }
    let factors = nuGrid.map { bestFactor(cycles, nu: $0) }
    let (k, se) = gaussianFactor(cycles)
    return NoiseTail(cycles: cycles, excluded: excluded, componentSD: components, kernelLength: length, idiosyncraticFloorShare: floorShare,
                     scale: Profile { nu in cycles.reduce(0) { $0 + logDensity($1, nu: nu, convention: .scale) } },
                     sd: Profile { nu in cycles.reduce(0) { $0 + logDensity($1, nu: nu, convention: .sd) } },
                     freeScale: Profile { nu in factors[nuGrid.firstIndex(of: nu)!].logLikelihood },
                     freeScaleFactors: factors.map(\.factor), freeScaleFactorsAtBound: factors.map(\.atBound),
                     varianceInflation: k, varianceInflationSE: se)
  }

  /// Whether a cycle's seats are mostly on new lines (fewer than half have a previous race on the same
  /// lines: the first election after a redistricting, as 2002). Such a cycle's seats are forecast by the
  /// without-previous equation, fitted before on a different kind of seat (one whose previous race was
  /// not a two-party contest), and its errors (2002's are three times the SD that equation states) say
  /// nothing about a forecast cycle, none of which is on new lines.
  package static func isOnNewLines(_ seats: [SeatObservation]) -> Bool {
    2 * seats.filter { $0.previousRelative != nil }.count < seats.count
  }

  /// One cycle's Mahalanobis distance and log-determinant, with the engine's covariance (`NoiseCovariance`:
  /// the state, region and lean-kernel terms of `components`, and each seat's own variance from its class
  /// variance as `SeatBaselines.idiosyncraticVariance` gives it, docs/model.md §3.4). A seat without a region
  /// shares the region term with its own state's seats only. Nil when Sigma is not positive definite.
  static func noiseCycle(_ cycle: Int, fittedOn: [Int], rows: [SeatError], components: [Double],
                         length: Double, floorShare: Double) -> NoiseCycle? {
    let n = rows.count
    let shared = components.reduce(0) { $0 + $1 * $1 }
    var covariance = NoiseCovariance(
      states: rows.map(\.seat.state), regions: rows.map { $0.seat.region ?? "no region: " + $0.seat.state },
      leans: rows.map(\.seat.lean), scales: NoiseScales(state: components[0], region: components[1], lean: components[2], idiosyncratic: 0),
      kernelLength: length)
    covariance.idiosyncraticVariances = rows.map {
      SeatBaselines.idiosyncraticVariance(classVariance: $0.classVariance, shared: shared, floorShare: floorShare)
    }
    guard let l = try? covariance.matrix().choleskyLower() else { return nil }
    let z = l.forwardSubstitution(rows.map(\.error))
    let q = z.reduce(0) { $0 + $1 * $1 }
    let logDet = 2 * (0..<n).reduce(0) { $0 + log(l[$1, $1]) }
    return NoiseCycle(cycle: cycle, fittedOn: fittedOn, seats: n, mahalanobis: q, ratio: q / Double(n), logDeterminant: logDet)
  }
}
