import Foundation

extension SeatsCurve {
  /// The widths tried for the adaptive curve, in 0.5-point histogram bins: 0.5, 1, 1.5 and 2 points.
  package static let adaptiveBinMultiples = 1...4

  /// The points the adaptive curve tries to reach with its narrowest width.
  package static let adaptiveTargetPoints = 5

  /// The fewest points an adaptive curve is drawn with.
  package static let adaptiveMinimumPoints = 3

  /// The seats curve from the run's own draws alone, with bins whose width adapts to the draws
  /// (the curve `report.html` embeds; docs/reports.md, "The seats curve on the page").
  ///
  /// **Rule.** The 0.5-point bins of the joint (environment, seats) histogram are pooled into
  /// groups of `k` adjacent bins, aligned so that a group boundary falls on every multiple of its
  /// width `w = k/2` points (EVEN is always a boundary). A group is a point when all its bins are
  /// inside the histogram's range (the two clamped end bins never are) and it holds at least
  /// `minimumDraws` draws, so every point's binomial SE of the chance is at most
  /// `0.5 / sqrt(minimumDraws)` (1.6 points for the default 1,000). The width is the smallest
  /// `k` in `adaptiveBinMultiples` giving at least `adaptiveTargetPoints` points; when none does,
  /// the `k` giving the most points (the narrowest among ties); the curve has no points when even
  /// that gives fewer than `adaptiveMinimumPoints`. Each point is placed at `E[E | group]`
  /// (`EnvironmentDrawDistribution.interval`), as in `compute`; what remains of the binning is
  /// `f''(e) Var(E | group) / 2` with `Var(E | group) <= w^2 / 12`, at most 0.33 points^2 at the
  /// widest (2 points), which `SeatsCurveAdaptiveTests` bounds against re-simulations.
  ///
  /// Nothing is simulated again: unlike `compute` (the `seats-curve` command), the points are
  /// only where the run's own draws are dense, with the precision of their draws.
  /// - Parameters:
  ///   - plan: the run's plan (not a fixed-environment scenario).
  ///   - tallies: the run's tallies.
  ///   - minimumDraws: the fewest draws a point is built from (`pointDraws` of the result).
  /// - Complexity: O(bins x seats x widths tried).
  package static func adaptive(plan: SimulationPlan, tallies: Tallies, minimumDraws: Int = 1_000) -> SeatsCurve {
    precondition(minimumDraws >= 1)
    let distribution = EnvironmentDrawDistribution(plan: plan)
    var best: (k: Int, groups: [ClosedRange<Int>])?
    for k in adaptiveBinMultiples {
      let groups = adaptiveGroups(binsPerGroup: k, tallies: tallies, minimumDraws: minimumDraws)
      if best == nil || groups.count > best!.groups.count { best = (k, groups) }
      if groups.count >= adaptiveTargetPoints { best = (k, groups); break }
    }
    var points: [Point] = []
    if let best, best.groups.count >= adaptiveMinimumPoints {
      let width = SimulationPlan.environmentBinWidth
      let origin = -SimulationPlan.environmentRange
      for g in best.groups {
        var counts = [Int](repeating: 0, count: plan.seats + 1)
        for b in g {
          for (s, c) in tallies.seatCounts(inEnvironmentBin: b).enumerated() { counts[s] += c }
        }
        let low = origin + Double(g.lowerBound) * width, high = origin + Double(g.upperBound + 1) * width
        points.append(point(counts: counts, majority: plan.majority, environment: distribution.interval(low, high).mean,
                            low: low, high: high, source: .joint))
      }
    }
    return SeatsCurve(seats: plan.seats, majority: plan.majority, seed: plan.seed, runDraws: tallies.draws,
                      environmentMean: plan.environmentMean, environmentSD: plan.environmentSD,
                      environmentNu: plan.environmentNu.isFinite ? plan.environmentNu : nil, pointDraws: minimumDraws,
                      points: points, evenOddsEnvironment: crossing(points, level: 0.5))
  }

  /// The groups of `binsPerGroup` histogram bins (inclusive bin ranges, by increasing environment)
  /// that are wholly inside the usable bins and hold at least `minimumDraws` draws.
  static func adaptiveGroups(binsPerGroup k: Int, tallies: Tallies, minimumDraws: Int) -> [ClosedRange<Int>] {
    let bins = SimulationPlan.environmentBins
    // The bin whose low edge is EVEN: group boundaries fall at EVEN +- multiples of k bins.
    let zero = Int((SimulationPlan.environmentRange / SimulationPlan.environmentBinWidth).rounded())
    var groups: [ClosedRange<Int>] = []
    // The first group start at or after bin 1 (bin 0 holds the clamped lower tail).
    var start = zero - ((zero - 1) / k) * k
    while start + k - 1 <= bins - 2 {
      let group = start...(start + k - 1)
      if group.reduce(0, { $0 + tallies.draws(inEnvironmentBin: $1) }) >= minimumDraws { groups.append(group) }
      start += k
    }
    return groups
  }
}
