import Foundation

/// District polls as evidence (docs/model.md §2.5): the environment conditioned on the polls' mean
/// residual, then each polled seat's baseline moved toward its sponsor-adjusted polling average by
/// precision. Seats without a poll keep the fundamentals.
package struct PollEvidence: Sendable, Equatable {
  /// One polled contested seat.
  package struct Seat: Sendable, Equatable {
    /// Seat id.
    package var id: String
    /// Position among the contested seats (kernel order).
    package var index: Int
    /// Polls used.
    package var count: Int
    /// Mean of the polls' margins after removing `bias` and each sponsored poll's `sponsorLean`.
    package var average: Double
    /// `districtSD^2 + pollSD^2 / count`: the average's own error variance (the shared error apart).
    package var errorVariance: Double
    /// The precision weight of the poll average in the seat's baseline.
    package var gain: Double
    /// How far the seat's baseline moved, points.
    package var shift: Double
  }

  /// The polled seats, in kernel order.
  package var seats: [Seat]
  /// Polls used (dated in the window before the as-of date, of contested seats).
  package var pollsUsed: Int
  /// The environment before the polls: mean and SD.
  package var priorMean: Double
  package var priorSD: Double
  /// `z`: the mean over polled seats of (poll average − baseline).
  package var meanResidual: Double
  /// `Var(z | E)`: shared poll error + the mean of the seats' noise and poll errors.
  package var meanResidualVariance: Double
  /// The environment after the polls.
  package var mean: Double
  package var sd: Double

  /// The polled contested seats' adjusted averages (docs/model.md §2.5, step 1), in kernel order,
  /// and the number of polls used; nil when no poll falls in the window.
  package static func averages(polls: [DistrictPoll], asOf: CalendarDate, priors p: PollPriors,
                               contestedIDs: [String]) -> (seats: [Seat], used: Int)? {
    let position = Dictionary(uniqueKeysWithValues: contestedIDs.enumerated().map { ($1, $0) })
    var sums: [Int: (Double, Int)] = [:]
    var used = 0
    for poll in polls where poll.date < asOf && poll.date >= asOf.adding(days: -p.maxAgeDays) {
      guard let k = position[poll.seat] else { continue }
      let adjusted = poll.margin - p.bias - (poll.sponsor?.sign ?? 0) * p.sponsorLean - p.houseEffect(of: poll.pollster)
      let s = sums[k] ?? (0, 0)
      sums[k] = (s.0 + adjusted, s.1 + 1)
      used += 1
    }
    guard !sums.isEmpty else { return nil }
    let seats = sums.keys.sorted().map { k -> Seat in
      let (total, n) = sums[k]!
      return Seat(id: contestedIDs[k], index: k, count: n, average: total / Double(n),
                  errorVariance: p.districtSD * p.districtSD + p.pollSD * p.pollSD / Double(n), gain: 0, shift: 0)
    }
    return (seats, used)
  }

  /// Selection (docs/model.md §2.5, `polls.selectionSlope`), the seat-by-seat form: the baselines with
  /// each polled seat's lowered so that its prior mean margin is `(1 - slope) (base + environmentMean)`.
  package static func selectionAdjusted(base: [Double], polled: [Seat], slope: Double, environmentMean: Double) -> [Double] {
    var adjusted = base
    for s in polled { adjusted[s.index] -= slope * (base[s.index] + environmentMean) }
    return adjusted
  }

  /// Selection in the joint form (docs/model.md §2.5): a polled seat's margin before its polls is
  /// `(1 - slope) (base + lambda E) + eps`, so both its base and its loading on E shrink by `1 - slope`,
  /// whatever E is drawn (with E at its mean, `selectionAdjusted`'s prior mean); `lambda` is the
  /// seat's loading (elastic swing, §1.6; nil: 1). Returns the bases and loadings of every seat.
  package static func selected(base: [Double], loadings: [Double]?, polled: [Seat], slope: Double)
    -> (base: [Double], loadings: [Double]) {
    var b = base, l = loadings ?? [Double](repeating: 1, count: base.count)
    for s in polled {
      b[s.index] *= 1 - slope
      l[s.index] *= 1 - slope
    }
    return (b, l)
  }

  /// The evidence of `polls` for a forecast as of `asOf`.
  /// - Parameters:
  ///   - contestedIDs, base: the contested seats (kernel order) and their fundamentals baselines.
  ///   - sigma: the district-noise covariance over the contested seats (§3.1).
  ///   - environmentMean, environmentSD: the environment before the polls (§2.3); an SD of 0 (a
  ///     fixed environment) is not updated.
  /// - Returns: nil when no poll falls in the window.
  package static func combine(polls: [DistrictPoll], asOf: CalendarDate, priors p: PollPriors, contestedIDs: [String],
                              base: [Double], sigma: Matrix, environmentMean: Double, environmentSD: Double) -> PollEvidence? {
    guard let (found, used) = averages(polls: polls, asOf: asOf, priors: p, contestedIDs: contestedIDs) else { return nil }
    var seats = found
    let fundamentals = base
    let base = selectionAdjusted(base: base, polled: seats, slope: p.selectionSlope, environmentMean: environmentMean)
    // The environment: z = mean(average - base) = E + mean(eps) + u + mean(w).
    let m = Double(seats.count)
    var z = 0.0, noise = 0.0
    for s in seats {
      z += s.average - base[s.index]
      noise += s.errorVariance
      for t in seats { noise += sigma[s.index, t.index] }
    }
    z /= m
    let vz = p.sharedSD * p.sharedSD + noise / (m * m)
    var mean = environmentMean, sd = environmentSD
    if environmentSD > 0 {
      let precision = 1 / (environmentSD * environmentSD) + 1 / vz
      mean = (environmentMean / (environmentSD * environmentSD) + z / vz) / precision
      sd = (1 / precision).squareRoot()
    }
    // Each seat: the residual o = average - base - mean (after the environment's update) is moved
    // into the baseline with the weight of the seat's noise against the poll's own and shared
    // errors, s^2 / (s^2 + sharedSD^2 + errorVariance): with one seat, exactly the Gaussian
    // conditional mean of its margin given its poll average (§2.5).
    for i in seats.indices {
      let k = seats[i].index
      let noiseVariance = sigma[k, k]
      let gain = noiseVariance / (noiseVariance + p.sharedSD * p.sharedSD + seats[i].errorVariance)
      seats[i].gain = gain
      seats[i].shift = base[k] - fundamentals[k] + gain * (seats[i].average - base[k] - mean)
    }
    return PollEvidence(seats: seats, pollsUsed: used, priorMean: environmentMean, priorSD: environmentSD, meanResidual: z,
                        meanResidualVariance: vz, mean: mean, sd: sd)
  }

  /// The evidence of `polls` conditioned jointly (`polls.conditioning: "joint"`, docs/model.md §2.5):
  /// the summary of `JointPollPosterior`, whose draws replace the plan's. Each seat's `gain` is the
  /// weight of its own average in its expected margin, its `shift` how far its expected margin moved
  /// beyond the environment's move (`expected - base - lambda mean`, `lambda` the seat's elastic loading, 1
  /// without); `meanResidual` is the first version's
  /// z, with a variance that counts only the seats' own noise variances (not their covariances).
  /// - Returns: nil when no poll falls in the window.
  /// - Throws: `FactorizationError` from the conditioning (rounding only).
  package static func joint(polls: [DistrictPoll], asOf: CalendarDate, priors p: PollPriors, contestedIDs: [String],
                            base: [Double], loadings: [Double]? = nil, prior: NoiseFactor, environmentMean: Double,
                            environmentSD: Double) throws -> (evidence: PollEvidence, posterior: JointPollPosterior)? {
    guard let (found, used) = averages(polls: polls, asOf: asOf, priors: p, contestedIDs: contestedIDs) else { return nil }
    let selected = selected(base: base, loadings: loadings, polled: found, slope: p.selectionSlope)
    let posterior = try JointPollPosterior.condition(polled: found, sharedSD: p.sharedSD, base: selected.base,
                                                     loadings: selected.loadings, environmentMean: environmentMean,
                                                     environmentSD: environmentSD, prior: prior)
    let variances = prior.seatVariances
    var seats = found
    let expected = posterior.expectedMargins
    var z = 0.0, noise = 0.0
    for (i, s) in seats.enumerated() {
      seats[i].gain = posterior.ownWeights[i]
      let lambda = loadings?[s.index] ?? 1
      seats[i].shift = expected[s.index] - base[s.index] - lambda * posterior.environmentMean
      // The first version's z, as `combine` computes it (with elastic loadings, relative to the prior
      // expected margin at muE): average - (1 - slope)(base + lambda muE) + muE.
      z += s.average - selected.base[s.index] - selected.loadings[s.index] * environmentMean + environmentMean
      noise += s.errorVariance + variances[s.index]
    }
    let m = Double(seats.count)
    return (PollEvidence(seats: seats, pollsUsed: used, priorMean: environmentMean, priorSD: environmentSD, meanResidual: z / m,
                         meanResidualVariance: p.sharedSD * p.sharedSD + noise / (m * m), mean: posterior.environmentMean,
                         sd: posterior.environmentSD), posterior)
  }
}
