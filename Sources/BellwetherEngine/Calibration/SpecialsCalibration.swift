import Foundation

/// The random-effects reading of the national environment from special elections (docs/model.md §2.2).
///
/// Each special says `x[i] = margin - lean`. The model is `x[i] ~ N(E_s, tau^2 + v[i])` with
/// `v[i] = samplingSD^2`. `tau^2` is the DerSimonian-Laird moment estimate ("Meta-analysis in clinical
/// trials", Controlled Clinical Trials 7(3), 1986, doi:10.1016/0197-2456(86)90046-2): with fixed-effect
/// weights `a = 1 / v`, `Q = sum a (x - xbar_a)^2` and
/// `tau^2 = max(0, (Q - (k - 1)) / (sum a - sum a^2 / sum a))`.
///
/// The estimate weights each special by `w[i] = r[i] * level[i] / (tau^2 + v[i])`, where recency
/// `r[i] = 2^(-(T - t[i]) / halfLife)` and `level[i]` is the config's factor for its level:
/// `E_s = sum(w x) / sum(w)`. Because these weights are not the inverse variances, the standard
/// error is the exact variance of that weighted mean under the model,
/// `SE^2 = sum(w^2 (tau^2 + v)) / (sum w)^2`, which is `1 / sum(w)` when all `r * level = 1`. With
/// `specials.standardError: "hartung-knapp"` that variance is multiplied by
/// `q = sum((x - E_s)^2 / (tau^2 + v)) / (k - 1)` (Hartung and Knapp 2001, doi:10.1002/sim.791), so the
/// SE reflects the specials' own scatter about E_s, not only the model's variances (k >= 2).
package struct SpecialsCalibration: Sendable, Codable, Equatable {
  /// One special's part in the estimate.
  package struct Row: Sendable, Codable, Equatable {
    package var special: SpecialElection
    /// Recency factor r.
    package var recency: Double
    /// Level factor.
    package var levelWeight: Double
    /// Random-effects weight w (unnormalised).
    package var weight: Double
    /// Share of the total weight.
    package var weightShare: Double
    /// x - E_s.
    package var residual: Double
  }

  /// The specials used (held before the as-of date, with positive weight), oldest first.
  package var rows: [Row]
  /// The random-effects estimate E_s (nil without specials).
  package var estimate: Double?
  /// Its standard error.
  package var standardError: Double?
  /// Between-special SD tau.
  package var tau: Double
  /// Cochran's Q under the fixed-effect weights.
  package var q: Double

  /// Fits the random-effects model to the specials held before `asOf`.
  /// - Complexity: O(k) in the number of specials.
  package static func fit(specials: [SpecialElection], asOf: CalendarDate, priors: ModelPriors) -> SpecialsCalibration {
    let v = priors.specialSamplingSD * priors.specialSamplingSD
    var used: [(SpecialElection, Double, Double)] = []
    for s in specials.sorted(by: { $0.date < $1.date }) where s.date < asOf {
      let recency = pow(2, -Double(asOf.dayNumber - s.date.dayNumber) / priors.recencyHalfLifeDays)
      let level = priors.levelWeights[s.level] ?? 0
      if recency * level > 0 { used.append((s, recency, level)) }
    }
    guard !used.isEmpty else { return SpecialsCalibration(rows: [], estimate: nil, standardError: nil, tau: 0, q: 0) }
    let x = used.map(\.0.shift)
    let variances = [Double](repeating: v, count: x.count)
    let tau2 = derSimonianLairdTau2(x: x, v: variances)
    let q = cochranQ(x: x, a: variances.map { 1 / $0 })
    // Each special's variance; with an information half-life it grows by 2^(age / h) (docs/model.md §2.2).
    let sigma2 = used.map { u -> Double in
      guard let h = priors.informationHalfLifeDays else { return tau2 + v }
      return (tau2 + v) * pow(2, Double(asOf.dayNumber - u.0.date.dayNumber) / h)
    }
    let w = used.indices.map { used[$0].1 * used[$0].2 / sigma2[$0] }
    let sumW = w.reduce(0, +)
    let estimate = zip(w, x).map(*).reduce(0, +) / sumW
    var variance = zip(w, sigma2).map { $0 * $0 * $1 }.reduce(0, +) / (sumW * sumW)
    if priors.specialsStandardError == .hartungKnapp, x.count >= 2 {
      // Hartung-Knapp: the residuals' mean square on the model's scale (docs/model.md §2.2).
      variance *= zip(x, sigma2).map { ($0 - estimate) * ($0 - estimate) / $1 }.reduce(0, +) / Double(x.count - 1)
    }
    let rows = used.indices.map { i in
      Row(special: used[i].0, recency: used[i].1, levelWeight: used[i].2, weight: w[i], weightShare: w[i] / sumW,
          residual: x[i] - estimate)
    }
    return SpecialsCalibration(rows: rows, estimate: estimate, standardError: variance.squareRoot(),
                               tau: tau2.squareRoot(), q: q)
  }

  /// Cochran's Q with weights a.
  static func cochranQ(x: [Double], a: [Double]) -> Double {
    let sa = a.reduce(0, +)
    let mean = zip(a, x).map(*).reduce(0, +) / sa
    return zip(a, x).map { $0 * ($1 - mean) * ($1 - mean) }.reduce(0, +)
  }

  /// The DerSimonian-Laird moment estimate of tau^2 for values `x` with within-study variances `v`.
  /// - Complexity: O(k).
  static func derSimonianLairdTau2(x: [Double], v: [Double]) -> Double {
    guard x.count >= 2 else { return 0 }
    let a = v.map { 1 / $0 }
    let s1 = a.reduce(0, +)
    let s2 = a.map { $0 * $0 }.reduce(0, +)
    let q = cochranQ(x: x, a: a)
    return max(0, (q - Double(x.count - 1)) / (s1 - s2 / s1))
  }
}
