import Foundation

/// How the national environment turns into seats: for each environment on a grid, the chance of a
/// Democratic majority and the seat distribution given that environment.
///
/// **Method.** In a draw, `margin[d] = base[d] + E + eps[d]` with the district noise `eps`
/// independent of `E` (docs/model.md §4.1). So the draws whose environment falls in a narrow bin
/// `[e, e + w)` are exactly draws of the seat distribution conditional on `E` in that bin: the run's
/// joint histogram of (environment bin, seats) (`Tallies.environmentSeats`, w = 0.5 points) gives the
/// curve from the same draws, with no second simulation. Each such point is placed at `E[E | bin]`,
/// computed from the known draw distribution (`EnvironmentDrawDistribution.interval`), which removes
/// the first-order bias of using the bin; what remains is `P''(e) Var(E | bin) / 2` with
/// `Var(E | bin) <= w^2 / 12 = 0.021`, far below the Monte Carlo error. A bin is used only when it
/// holds at least `pointDraws` of the run's draws (binomial SE of the chance at most
/// `0.5 / sqrt(pointDraws)`). Bins in the tails with fewer draws are instead simulated again with the
/// environment fixed at the bin's midpoint (`pointDraws` draws, stream keyed by the run's seed and the
/// bin), so every point has the same precision floor and says which way it was computed (`source`).
package struct SeatsCurve: Sendable, Codable, Equatable {
  /// One environment on the grid.
  /// Where a point's draws came from (written `joint` or `fixed` in seats-curve.json).
  package enum Source: String, Sendable, Codable {
    /// The forecast's own draws whose environment fell in the bin.
    case joint
    /// Draws simulated again with the environment fixed at the bin's middle.
    case fixed
  }

  package struct Point: Sendable, Codable, Equatable {
    /// The environment the figures are conditional on (points, D positive).
    package var environment: Double
    /// The histogram bin `[binLow, binHigh)` it stands for.
    package var binLow: Double
    package var binHigh: Double
    /// Where its draws came from.
    package var source: Source
    /// Draws behind the point.
    package var draws: Int
    /// Chance of a Democratic majority given the environment, and its binomial standard error.
    package var majorityProbability: Double
    package var majorityStandardError: Double
    /// Mean Democratic seats.
    package var meanSeats: Double
    /// Seat quantiles: 2.5%, 10%, 50%, 90%, 97.5%.
    package var seats025: Int
    package var seats10: Int
    package var median: Int
    package var seats90: Int
    package var seats975: Int
  }

  /// Schema name of the JSON form.
  package var schema = "bellwether.seats-curve/1"
  /// Seats and majority of the chamber.
  package var seats: Int
  package var majority: Int
  /// The run behind the joint points.
  package var seed: UInt64
  package var runDraws: Int
  /// The environment posterior of the run (`mean`, `sd`, `nu`; nil nu for normal).
  package var environmentMean: Double
  package var environmentSD: Double
  package var environmentNu: Double?
  /// The precision floor: draws each point is built from, at least.
  package var pointDraws: Int
  /// The points, by increasing environment.
  package var points: [Point]
  /// The environment at which the chance of a Democratic majority crosses one half, by linear
  /// interpolation between the two grid points around the last upward crossing: Republicans are
  /// favoured below it, Democrats above. Nil when the curve stays on one side on the grid.
  package var evenOddsEnvironment: Double?

  /// Builds the curve from a finished run, re-simulating sparse bins.
  /// - Parameters:
  ///   - plan: the run's plan (not a fixed-environment scenario).
  ///   - tallies: the run's tallies.
  ///   - range: environments to cover (points); nil: the bins holding at least `pointDraws` draws
  ///     (no re-simulation at all).
  ///   - pointDraws: minimum draws per point (and draws of each re-simulated point).
  ///   - threads: workers for re-simulations.
  /// - Complexity: O(bins x seats) plus `pointDraws` draws per re-simulated bin.
  package static func compute(plan: SimulationPlan, tallies: Tallies, range: ClosedRange<Double>? = nil,
                             pointDraws: Int = 10_000, threads: Int = 1) -> SeatsCurve {
    precondition(pointDraws >= 1)
    let width = SimulationPlan.environmentBinWidth
    let origin = -SimulationPlan.environmentRange
    let bins = SimulationPlan.environmentBins
    let distribution = EnvironmentDrawDistribution(plan: plan)
    // The first and last bins also hold the clamped tails: never used as joint points.
    let usable = 1..<(bins - 1)
    let wanted: [Int]
    if let range {
      let lo = max(usable.lowerBound, Int(((range.lowerBound - origin) / width).rounded(.down)))
      let hi = min(usable.upperBound - 1, Int(((range.upperBound - origin) / width).rounded(.up)) - 1)
      wanted = lo <= hi ? Array(lo...hi) : []
    } else {
      wanted = usable.filter { tallies.draws(inEnvironmentBin: $0) >= pointDraws }
    }
    var points: [Point] = []
    for b in wanted {
      let low = origin + Double(b) * width, high = low + width
      let counts = Array(tallies.seatCounts(inEnvironmentBin: b))
      if counts.reduce(0, +) >= pointDraws {
        points.append(point(counts: counts, majority: plan.majority, environment: distribution.interval(low, high).mean,
                            low: low, high: high, source: .joint))
      } else {
        let fixed = plan.replacing(environment: (low + high) / 2, draws: pointDraws,
                                           seed: StreamKey(seed: plan.seed, block: UInt64(b), purpose: SeatsCurve.streamPurpose).mixed)
        let rerun = Simulator.run(plan: fixed, threads: threads)!
        points.append(point(counts: rerun.seatCounts, majority: plan.majority, environment: fixed.environmentMean,
                            low: low, high: high, source: .fixed))
      }
    }
    return SeatsCurve(seats: plan.seats, majority: plan.majority, seed: plan.seed, runDraws: tallies.draws,
                      environmentMean: plan.environmentMean, environmentSD: plan.environmentSD,
                      environmentNu: plan.environmentNu.isFinite ? plan.environmentNu : nil, pointDraws: pointDraws,
                      points: points, evenOddsEnvironment: crossing(points, level: 0.5))
  }

  /// The purpose tag of re-simulation streams (distinct from the run's own streams, purpose 0).
  static let streamPurpose: UInt64 = 0x5EA7_5C0F

  static func point(counts: [Int], majority: Int, environment: Double, low: Double, high: Double, source: Source) -> Point {
    let d = SeatDistribution(counts: counts, majority: majority)
    let p = d.majorityProbability
    return Point(environment: environment, binLow: low, binHigh: high, source: source, draws: d.draws,
                 majorityProbability: p, majorityStandardError: (p * (1 - p) / Double(d.draws)).squareRoot(),
                 meanSeats: d.mean, seats025: d.quantiles.p2_5, seats10: d.quantiles.p10, median: d.median,
                 seats90: d.quantiles.p90, seats975: d.quantiles.p97_5)
  }

  /// The environment where the chance crosses `level` going up, interpolated linearly between the
  /// last point below it and the next point (which is at or above it); nil without a crossing.
  static func crossing(_ points: [Point], level: Double) -> Double? {
    guard let last = points.lastIndex(where: { $0.majorityProbability < level }), last + 1 < points.count else { return nil }
    let a = points[last], b = points[last + 1]
    let t = (level - a.majorityProbability) / (b.majorityProbability - a.majorityProbability)
    return a.environment + t * (b.environment - a.environment)
  }

  /// The curve as pretty-printed JSON with sorted keys (stable bytes).
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
