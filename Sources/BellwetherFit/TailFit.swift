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

  /// A profile likelihood over `nuGrid`.
  package struct Profile: Sendable, Codable, Equatable {
    /// One degrees of freedom tried.
    package struct Point: Sendable, Codable, Equatable {
      /// `.infinity`: the Gaussian.
      package var nu: Double
      package var logLikelihood: Double
    }

    package var points: [Point]
    /// The `nu` of the largest log-likelihood (the first of equal ones).
    package var best: Double
    /// The smallest and largest `nu` of the 95% likelihood-ratio interval (`upper` is `.infinity` when
    /// the Gaussian is inside).
    package var lower: Double
    package var upper: Double

    /// Whether the interval runs from the grid's first (3) to the Gaussian: `nu` is not identified.
    package var spansGrid: Bool { lower == TailFit.nuGrid.first && upper == .infinity }

    /// Whether `nu` lies inside the interval (between `lower` and `upper`).
    package func contains(_ nu: Double) -> Bool { nu >= lower && nu <= upper }

    /// The profile of `logLikelihood` over `grid`.
    package init(grid: [Double] = TailFit.nuGrid, _ logLikelihood: (Double) -> Double) {
      let points = grid.map { Point(nu: $0, logLikelihood: logLikelihood($0)) }
      // The first of equal maxima.
      var top = 0
      for k in points.indices where points[k].logLikelihood > points[top].logLikelihood { top = k }
      let maximum = points[top].logLikelihood
      let inside = points.filter { 2 * (maximum - $0.logLikelihood) <= TailFit.chiSquare95 }.map(\.nu)
      self.points = points
      best = points[top].nu
      lower = inside.min()!
      upper = inside.max()!
    }
  }

  /// The environment's t, from the generic-ballot misses at one horizon: each miss is a draw of a
  /// Student t with location `mu` and standard deviation `sd` (docs/model.md §2.4's parametrisation),
  /// both fitted at every `nu` (maximum likelihood).
  package struct EnvironmentTail: Sendable, Codable, Equatable {
    /// Days before the election of the misses (1: election eve).
    package var days: Int
    package var cycles: [Int]
    package var misses: [Double]
    package var profile: Profile
    /// The location and SD fitted at the best `nu`.
    package var location: Double
    package var sd: Double
  }

  /// One cycle's seats forecast by the district fit made from the cycles before it.
  package struct NoiseCycle: Sendable, Codable, Equatable {
    package var cycle: Int
    /// The cycles the district fit came from.
    package var fittedOn: [Int]
    package var seats: Int
    /// `e' Sigma^-1 e`, `e` the seats' results minus the fit's predictions given the cycle's House vote.
    package var mahalanobis: Double
    /// `mahalanobis / seats`: near 1 when the errors are as large as Sigma says, above 1 when larger.
    package var ratio: Double
    /// `log det Sigma`.
    package var logDeterminant: Double
  }

  /// The district noise's t: every earlier cycle's errors are one draw of a multivariate t with the
  /// noise covariance the forecast would have stated (Sigma: each seat's class `residualSD` from that
  /// fit, the target's fitted state, region and lean-kernel terms, docs/model.md §3.4), under each
  /// convention of §3.3: `scale` (Sigma the t's scale matrix) and `sd` (Sigma its covariance).
  package struct NoiseTail: Sendable, Codable, Equatable {
    package var cycles: [NoiseCycle]
    /// Cycles left out: first elections on new lines (fewer than half their seats have a previous race on
    /// the same lines, `isOnNewLines`), with their figures.
    package var excluded: [NoiseCycle]
    /// The shared terms' SDs (state, region, lean) and kernel length the covariance took.
    package var componentSD: [Double]
    package var kernelLength: Double
    /// The floor of a seat's own variance, a share of its class variance (`noise.shares.idiosyncratic`).
    package var idiosyncraticFloorShare: Double
    package var scale: Profile
    package var sd: Profile
    /// The t with Sigma's factor free (the scale matrix `k Sigma`): at each nu the `k` of largest
    /// likelihood, profiled over nu. Where its interval holds the Gaussian the tails are not needed once
    /// the scale is fitted.
    package var freeScale: Profile
    /// The `k` of `freeScale` at each nu of the grid (under "scale"; the covariance is `k nu/(nu − 2) Sigma`).
    package var freeScaleFactors: [Double]
    /// The Gaussian's factor, `sum q / sum seats` (the maximum of its likelihood in closed form): the
    /// value of `noise.varianceInflation` with `nu: null`.
    package var varianceInflation: Double
    /// Its SE over the cycles (cluster-robust: `sqrt(m/(m − 1) sum n_c^2 (ratio_c − k)^2) / sum n_c`, `m`
    /// cycles); nil below two.
    package var varianceInflationSE: Double?
  }

  package var environment: EnvironmentTail?
  package var noise: NoiseTail?

  // MARK: - Likelihoods

  /// The log-likelihood of `x` under a Student t with `nu` degrees of freedom (`.infinity`: the
  /// Gaussian), its location and scale at their maximum: for the Gaussian the mean and the root mean
  /// square deviation; for a t, the EM iteration of Lange, Little and Taylor (1989, JASA 84:881) from
  /// those, weights `(nu + 1) / (nu + d^2)`, `d` the standardised deviation, until the scale moves less
  /// than 1e-12 relative (at most 10,000 steps).
  /// - Returns: the log-likelihood, the location and the scale (`sigma`; the SD is `sigma sqrt(nu / (nu − 2))`).
  package static func studentT(_ x: [Double], nu: Double) -> (logLikelihood: Double, location: Double, scale: Double) {
    let n = Double(x.count)
    var mu = x.reduce(0, +) / n
    var s2 = x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
    if nu.isInfinite {
      return (-n / 2 * log(2 * Double.pi * s2) - n / 2, mu, s2.squareRoot())
    }
    for _ in 0..<10_000 {
      let w = x.map { (nu + 1) / (nu + ($0 - mu) * ($0 - mu) / s2) }
      let sw = w.reduce(0, +)
      mu = zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } / sw
      let next = zip(w, x).reduce(0) { $0 + $1.0 * ($1.1 - mu) * ($1.1 - mu) } / n
      let settled = abs(next - s2) <= 1e-12 * s2
      s2 = next
      if settled { break }
    }
    let logC = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi) - 0.5 * log(s2)
    let ll = x.reduce(0) { $0 + logC - (nu + 1) / 2 * log1p(($1 - mu) * ($1 - mu) / (s2 * nu)) }
    return (ll, mu, s2.squareRoot())
  }

  /// The log-density of an `n`-vector under a multivariate t with `nu` degrees of freedom and scale
  /// matrix `S` (Kotz and Nadarajah 2004, eq. 1.1), given `q = e' S^-1 e` and `log det S`; `.infinity`:
  /// the Gaussian with covariance `S`.
  package static func multivariateTLogDensity(mahalanobis q: Double, dimension n: Int, logDeterminant: Double, nu: Double) -> Double {
    let d = Double(n)
    if nu.isInfinite { return -d / 2 * log(2 * Double.pi) - logDeterminant / 2 - q / 2 }
    return lgamma((nu + d) / 2) - lgamma(nu / 2) - d / 2 * log(nu * Double.pi) - logDeterminant / 2
      - (nu + d) / 2 * log1p(q / nu)
  }

  /// The log-density of a cycle's errors at `nu` under a convention of docs/model.md §3.3: with `sd`,
  /// Sigma is the covariance, so the scale matrix is `(nu − 2)/nu Sigma`.
  package static func logDensity(_ c: NoiseCycle, nu: Double, convention: ModelPriors.NoiseTScale) -> Double {
    guard convention == .sd, nu.isFinite else {
      return multivariateTLogDensity(mahalanobis: c.mahalanobis, dimension: c.seats, logDeterminant: c.logDeterminant, nu: nu)
    }
    let k = (nu - 2) / nu
    return multivariateTLogDensity(mahalanobis: c.mahalanobis / k, dimension: c.seats,
                                   logDeterminant: c.logDeterminant + Double(c.seats) * log(k), nu: nu)
  }

  // MARK: - Fits

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
  /// cycles before it (weighted by recency toward that cycle, as the shipped tables are), with the
  /// covariance its config would state. Nil without such a cycle.
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
      let rows = inputs.allSeats.filter { $0.cycle == c }.compactMap { s -> (SeatObservation, Double, Double)? in
        let spec: DistrictSpecification = s.previousRelative != nil ? .withPrevious : .withoutPrevious
        guard let pooled = fit.specification(spec)?.pooled, let p = pooled.predict(s),
              let rms = pooled.byClass.first(where: { $0.seatClass == s.seatClass.rawValue })?.rms else { return nil }
        return (s, s.relativeMargin - p, rms * rms)
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
                     freeScaleFactors: factors.map(\.factor), varianceInflation: k, varianceInflationSE: se)
  }

  /// The Gaussian's factor on Sigma, `sum q / sum seats` (its likelihood's maximum), and its cluster-robust
  /// SE over the cycles, `sqrt(m/(m − 1) sum n_c^2 (ratio_c − k)^2) / sum n_c` (nil below two cycles).
  static func gaussianFactor(_ cycles: [NoiseCycle]) -> (factor: Double, standardError: Double?) {
    let q = cycles.reduce(0) { $0 + $1.mahalanobis }, n = Double(cycles.reduce(0) { $0 + $1.seats }), k = q / n
    let m = Double(cycles.count)
    guard cycles.count >= 2 else { return (k, nil) }
    return (k, (m / (m - 1) * cycles.reduce(0) { $0 + pow(Double($1.seats) * ($1.ratio - k), 2) }).squareRoot() / n)
  }

  /// The log-likelihood of the cycles with the scale matrix `k Sigma`: `q / k` and `log det + n log k`.
  static func logLikelihood(_ cycles: [NoiseCycle], nu: Double, factor k: Double) -> Double {
    cycles.reduce(0) { sum, c in
      sum + multivariateTLogDensity(mahalanobis: c.mahalanobis / k, dimension: c.seats, logDeterminant: c.logDeterminant + Double(c.seats) * log(k), nu: nu)
    }
  }

  /// The factor `k` in 0.25...4 of largest likelihood at `nu`, by golden-section search on `log k` (200
  /// steps; the likelihood is unimodal in `log k`, and flat at its maximum to the square root of machine
  /// precision, so `k` is found to about 1e-8 relative).
  static func bestFactor(_ cycles: [NoiseCycle], nu: Double) -> (factor: Double, logLikelihood: Double) {
    let ratio = (5.0.squareRoot() - 1) / 2
    var a = log(0.25), b = log(4.0)
    var c = b - ratio * (b - a), d = a + ratio * (b - a)
    var fc = logLikelihood(cycles, nu: nu, factor: exp(c)), fd = logLikelihood(cycles, nu: nu, factor: exp(d))
    for _ in 0..<200 {
      if fc >= fd {
        b = d; d = c; fd = fc
        c = b - ratio * (b - a); fc = logLikelihood(cycles, nu: nu, factor: exp(c))
      } else {
        a = c; c = d; fc = fd
        d = a + ratio * (b - a); fd = logLikelihood(cycles, nu: nu, factor: exp(d))
      }
    }
    let u = (a + b) / 2
    return (exp(u), logLikelihood(cycles, nu: nu, factor: exp(u)))
  }

  /// Whether a cycle's seats are mostly on new lines (fewer than half have a previous race on the same
  /// lines: the first election after a redistricting, as 2002). Such a cycle's seats are forecast by the
  /// without-previous equation, fitted before on a different kind of seat (one whose previous race was
  /// not a two-party contest), and its errors (2002's are three times the SD that equation states) say
  /// nothing about a forecast cycle, none of which is on new lines.
  package static func isOnNewLines(_ seats: [SeatObservation]) -> Bool {
    2 * seats.filter { $0.previousRelative != nil }.count < seats.count
  }

  /// One cycle's Mahalanobis distance and log-determinant. `Sigma_ij = v_state [same state] + v_region
  /// [same region or state] + v_lean exp(−(lean_i − lean_j)^2 / (2 l^2))`, and on the diagonal each seat's
  /// own variance `max(classVariance − shared, floor × classVariance)` on top (docs/model.md §3.4).
  /// Nil when Sigma is not positive definite.
  static func noiseCycle(_ cycle: Int, fittedOn: [Int], rows: [(SeatObservation, Double, Double)], components: [Double],
                         length: Double, floorShare: Double) -> NoiseCycle? {
    let n = rows.count
    let v = components.map { $0 * $0 }, shared = v.reduce(0, +), denominator = 2 * length * length
    let sigma = Matrix(rows: n, columns: n) { i, j in
      let a = rows[i].0, b = rows[j].0
      let sameState = a.state == b.state
      let sameRegion = sameState || (a.region != nil && a.region == b.region)
      let d = a.lean - b.lean
      var x = (sameState ? v[0] : 0) + (sameRegion ? v[1] : 0) + v[2] * exp(-d * d / denominator)
      if i == j { x += max(rows[i].2 - shared, floorShare * rows[i].2) }
      return x
    }
    guard let l = try? sigma.choleskyLower() else { return nil }
    let z = l.forwardSubstitution(rows.map(\.1))
    let q = z.reduce(0) { $0 + $1 * $1 }
    let logDet = 2 * (0..<n).reduce(0) { $0 + log(l[$1, $1]) }
    return NoiseCycle(cycle: cycle, fittedOn: fittedOn, seats: n, mahalanobis: q, ratio: q / Double(n), logDeterminant: logDet)
  }
}
