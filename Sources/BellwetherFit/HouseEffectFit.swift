import Foundation

/// Pollster house effects for the district-poll error model (docs/model.md §2.5, "House effects";
/// docs/fit.md, "House effects"), a one-way random-effects model fitted by the method of moments
/// and shrunk by empirical Bayes.
///
/// Each poll's residual is `error − bias − s sponsorLean − m_c` (`PollErrorFit`'s values, `m_c`
/// the poll's cycle mean `PollErrorFit.cycleMeans`, so the cycle's shared error is taken out).
/// A pollster's polls of one seat in one cycle share that seat's district error, so they are
/// averaged into one **unit**; the units of pollster `p` are `x_pj = h_p + e_pj`, `h_p ~ N(0, tau^2)`,
/// `e_pj` with variance `sigma^2`. With `P` pollsters, `n_p` units each, `N = Σ n_p`:
/// - `sigma^2 = MSW = Σ_p Σ_j (x_pj − x̄_p)^2 / (N − P)`;
/// - `MSB = Σ_p n_p (x̄_p − x̄)^2 / (P − 1)`, `n_0 = (N − Σ n_p^2 / N) / (P − 1)`;
/// - `tau^2 = max(0, (MSB − MSW) / n_0)`, the ANOVA estimator of the unbalanced one-way model
///   (Searle, Casella and McCulloch 1992, *Variance Components*, §3.5-3.6): `E[MSB] = sigma^2 + n_0 tau^2`;
/// - `h_p = B_p x̄_p`, `B_p = n_p tau^2 / (n_p tau^2 + sigma^2)`: the posterior mean of `h_p` under
///   the normal prior of mean 0 (bias already holds the polls' mean error).
///
/// Whether `tau^2` differs from 0: `F = MSB / MSW` on `(P − 1, N − P)` degrees of freedom, which
/// is F-distributed when `tau = 0` and the units are normal with one variance. The SE of `tau` is
/// the normal-theory approximation `SE(tau^2) = sqrt(2 (MSB^2/(P − 1) + MSW^2/(N − P))) / n_0`,
/// then the delta method's `SE(tau^2) / (2 tau)`; nil when `tau` is 0.
package struct HouseEffectFit: Sendable, Codable, Equatable {
  /// One pollster's units and effect.
  package struct Pollster: Sendable, Codable, Equatable {
    /// As the polls tables spell it (the `houseEffects` key).
    package var name: String
    /// Polls, and units (distinct cycle and seat) `n_p`.
    package var polls: Int
    package var seats: Int
    /// `x̄_p`: the mean of its units, points toward D.
    package var rawMean: Double
    /// `B_p`, in 0...1.
    package var shrinkage: Double
    /// `h_p = B_p x̄_p`, points toward D.
    package var effect: Double
  }

  /// Fewest units (`n_p`) for a pollster's effect to go into a config (`houseEffects`).
  package static let minimumSeats = 3

  /// Every pollster with a named poll, by name.
  package var pollsters: [Pollster]
  /// Polls used (with a pollster's name) and units `N`.
  package var polls: Int
  package var units: Int
  /// `x̄`, the mean of all units.
  package var grandMean: Double
  /// `sigma^2` (MSW) on `N − P` degrees of freedom; `MSB` on `P − 1`; `n_0`.
  package var withinVariance: Double
  package var betweenMeanSquare: Double
  package var effectiveSeats: Double
  /// `tau`, the between-pollster SD, points, and its approximate SE (nil when `tau` is 0).
  package var tau: Double
  package var tauSE: Double?
  /// `MSB / MSW` and `P(F > it)` under `tau = 0`.
  package var fStatistic: Double
  package var pValue: Double

  /// Degrees of freedom of the F test: `P − 1` and `N − P`.
  package var betweenDOF: Int { pollsters.count - 1 }
  package var withinDOF: Int { units - pollsters.count }

  /// Whether `tau^2 > 0` at the 5% level.
  package var isDistinguishableFromZero: Bool { pValue < 0.05 }

  /// The config table `polls.houseEffects`: the pollsters with at least `minimumSeats` units,
  /// when `tau > 0` (empty otherwise).
  package var configEffects: [Pollster] {
    tau > 0 ? pollsters.filter { $0.seats >= Self.minimumSeats } : []
  }

  /// Fits the model to the polls' residuals after `errors` (the fit from the same polls).
  /// - Returns: nil with fewer than two pollsters or no pollster with two units.
  /// - Complexity: O(n log n) in the polls (sorting).
  package static func fit(_ observations: [PollObservation], errors: PollErrorFit) -> HouseEffectFit? {
    // Units: (pollster, cycle, seat) → residuals; sums in sorted order, so hashing never matters.
    var byUnit: [String: [String: [Double]]] = [:]
    var polls: [String: Int] = [:]
    var used = 0
    for o in observations where !o.pollster.isEmpty {
      guard let m = errors.cycleMeans[o.cycle] else { continue }
      byUnit[o.pollster, default: [:]]["\(o.cycle) \(o.seat)", default: []].append(o.error - errors.bias - o.sponsor * errors.sponsorLean - m)
      polls[o.pollster, default: 0] += 1
      used += 1
    }
    let names = byUnit.keys.sorted()
    let units = names.map { p in byUnit[p]!.keys.sorted().map { mean(byUnit[p]![$0]!) } }
    let counts = units.map { Double($0.count) }
    let big = counts.reduce(0, +), pollsterCount = Double(names.count)
    guard names.count >= 2, big > pollsterCount else { return nil }
    let means = units.map(mean)
    let grand = units.joined().reduce(0, +) / big
    var within = 0.0, between = 0.0
    for (p, xs) in units.enumerated() {
      within += xs.reduce(0) { $0 + ($1 - means[p]) * ($1 - means[p]) }
      between += counts[p] * (means[p] - grand) * (means[p] - grand)
    }
    let msw = within / (big - pollsterCount), msb = between / (pollsterCount - 1)
    let n0 = (big - counts.reduce(0) { $0 + $1 * $1 } / big) / (pollsterCount - 1)
    let tau2 = max(0, (msb - msw) / n0)
    let tau = tau2.squareRoot()
    let tau2SE = (2 * (msb * msb / (pollsterCount - 1) + msw * msw / (big - pollsterCount))).squareRoot() / n0
    let f = msw > 0 ? msb / msw : .infinity
    let pollsters = names.indices.map { p -> Pollster in
      let b = tau2 > 0 ? counts[p] * tau2 / (counts[p] * tau2 + msw) : 0
      return Pollster(name: names[p], polls: polls[names[p]]!, seats: units[p].count, rawMean: means[p], shrinkage: b, effect: b * means[p])
    }
    return HouseEffectFit(pollsters: pollsters, polls: used, units: Int(big), grandMean: grand, withinVariance: msw,
                          betweenMeanSquare: msb, effectiveSeats: n0, tau: tau, tauSE: tau > 0 ? tau2SE / (2 * tau) : nil,
                          fStatistic: f, pValue: FDistribution.survival(f, pollsterCount - 1, big - pollsterCount))
  }

  private static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
}
