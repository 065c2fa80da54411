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
/// SE reflects the specials' own scatter about E_s, not only the model's variances (k >= 2); with
/// `specials.hartungKnappFloor: true` the factor is `max(1, q)` (Röver, Knapp and Friede, "Hartung-Knapp-
/// Sidik-Jonkman approach and its modification for random-effects meta-analysis with few studies", BMC
/// Medical Research Methodology 15:99, 2015, doi:10.1186/s12874-015-0091-1), so it never narrows the SE.
///
/// With `specials.clusters: "same-day-state"` the specials of one date and state form a cluster that
/// shares one effect: `x[i] = E_s + u[c] + e[i]`, `u[c] ~ N(0, tau^2)`, `e[i] ~ N(0, v)`. The fit above
/// is then made on the clusters: a cluster's value is its members' level-weighted mean
/// `xbar[c] = sum(l x) / sum(l)`, with sampling variance `v[c] = v sum(l^2) / (sum l)^2` (that mean's
/// variance given the members' `v`), so `xbar[c] ~ N(E_s, tau^2 + v[c])`; tau^2 is DerSimonian-Laird's
/// over the clusters with weights `1 / v[c]`, the recency of a cluster is its date's, and its level
/// factor is `L[c] = sum(l^2) / sum(l)`, so that with tau^2 = 0 a cluster weighs exactly what its
/// members weighed on their own. A special's row weight is its share `l / sum(l)` of its cluster's.
/// A cluster of one special is that special, so `"none"` is the fit without clusters.
///
/// With `specials.levelVariances: "per-level"` each level `l` has its own between-special variance:
/// `x[i] ~ N(E_s, tau_l^2 + v)`, `tau_l^2` DerSimonian-Laird's on level `l`'s specials alone (a level with
/// fewer than `minimumPerLevel` takes the pooled `tau^2` of all), and the weights are the inverse variances
/// with recency, `w[i] = r[i] / (tau_l^2 + v)`: the level weights then only select. `tau` stays the pooled
/// one (it sets the noise scale of docs/model.md §3.1), and `levelTaus` gives each level's.
package struct SpecialsCalibration: Sendable, Codable, Equatable {
  /// The fewest specials of a level for its own `tau_l^2` with `"per-level"`; fewer take the pooled one.
  package static let minimumPerLevel = 3

  /// One special's part in the estimate.
  package struct Row: Sendable, Codable, Equatable {
    package var special: SpecialElection
    /// Recency factor r.
    package var recency: Double
    /// Level factor applied (1 with `specials.levelVariances: "per-level"`, whose weights follow from each
    /// level's variance).
    package var levelWeight: Double
    /// Random-effects weight w (unnormalised).
    package var weight: Double
    /// Share of the total weight.
    package var weightShare: Double
    /// x - E_s.
    package var residual: Double
    /// The special's cluster, numbered from 1 in date order, with `specials.clusters` other than
    /// `"none"`; nil without clusters.
    package var cluster: Int? = nil
  }

  /// The specials used (held before the as-of date, with positive weight), oldest first.
  package var rows: [Row]
  /// The random-effects estimate E_s (nil without specials).
  package var estimate: Double?
  /// Its standard error.
  package var standardError: Double?
  /// Between-special SD tau.
  package var tau: Double
  /// Cochran's Q under the fixed-effect weights (over the clusters when there are clusters).
  package var q: Double
  /// The number of clusters the fit pooled, with `specials.clusters` other than `"none"`; nil without
  /// clusters (then every special is its own).
  package var clusters: Int? = nil
  /// With `specials.levelVariances: "per-level"`, each level's between-special SD `tau_l` (the pooled
  /// `tau` for a level with fewer than `minimumPerLevel` specials); nil otherwise.
  package var levelTaus: [String: Double]? = nil

  /// Fits the random-effects model to the specials held before `asOf` (docs/model.md §2.2).
  /// - Complexity: O(k log k) in the number of specials k (the sort by date).
  package static func fit(specials: [SpecialElection], asOf: CalendarDate, priors: ModelPriors) -> SpecialsCalibration {
    let v = priors.specialSamplingSD * priors.specialSamplingSD
    var used: [(SpecialElection, Double, Double)] = []
    for s in specials.sorted(by: { $0.date < $1.date }) where s.date < asOf {
      let recency = pow(2, -Double(asOf.dayNumber - s.date.dayNumber) / priors.recencyHalfLifeDays)
      let level = priors.levelWeights[s.level] ?? 0
      if recency * level > 0 { used.append((s, recency, level)) }
    }
    guard !used.isEmpty else { return SpecialsCalibration(rows: [], estimate: nil, standardError: nil, tau: 0, q: 0) }
    let clustered = priors.resolvedSpecialsClusters != .none
    let groups = clustered ? Self.sameDayStateClusters(used.map(\.0)) : used.indices.map { [$0] }
    // Each cluster's value, sampling variance, recency and level factor; a cluster of one special is
    // that special (x, v, r, level) exactly, so the fit without clusters is unchanged to the bit.
    var x: [Double] = [], variances: [Double] = [], recency: [Double] = [], level: [Double] = [], levelSum: [Double] = []
    for g in groups {
      let first = used[g[0]]
      recency.append(first.1)
      guard g.count > 1 else {
        x.append(first.0.shift); variances.append(v); level.append(first.2); levelSum.append(first.2)
        continue
      }
      let sumL = g.reduce(0) { $0 + used[$1].2 }
      levelSum.append(sumL)
      let sumL2 = g.reduce(0) { $0 + used[$1].2 * used[$1].2 }
      x.append(g.reduce(0) { $0 + used[$1].2 * used[$1].0.shift } / sumL)
      variances.append(v * sumL2 / (sumL * sumL))
      level.append(sumL2 / sumL)
    }
    let tau2 = derSimonianLairdTau2(x: x, v: variances)
    let q = cochranQ(x: x, a: variances.map { 1 / $0 })
    // Per level (no clusters: the config refuses both): each level's own tau_l^2, or the pooled one.
    let perLevel = priors.specialsLevelVariances == .perLevel && !clustered
    var levelTau2: [String: Double] = [:]
    if perLevel {
      for name in Set(used.map(\.0.level)) {
        let members = used.indices.filter { used[$0].0.level == name }
        levelTau2[name] = members.count < minimumPerLevel ? tau2
          : derSimonianLairdTau2(x: members.map { x[$0] }, v: members.map { variances[$0] })
      }
    }
    // Each cluster's variance; with an information half-life it grows by 2^(age / h) (docs/model.md §2.2).
    let sigma2 = groups.indices.map { c -> Double in
      let between = perLevel ? levelTau2[used[groups[c][0]].0.level]! : tau2
      guard let h = priors.informationHalfLifeDays else { return between + variances[c] }
      return (between + variances[c]) * pow(2, Double(asOf.dayNumber - used[groups[c][0]].0.date.dayNumber) / h)
    }
    let w = groups.indices.map { recency[$0] * (perLevel ? 1 : level[$0]) / sigma2[$0] }
    let sumW = w.reduce(0, +)
    let estimate = zip(w, x).map(*).reduce(0, +) / sumW
    var variance = zip(w, sigma2).map { $0 * $0 * $1 }.reduce(0, +) / (sumW * sumW)
    if priors.specialsStandardError == .hartungKnapp, x.count >= 2 {
      // Hartung-Knapp: the residuals' mean square on the model's scale (docs/model.md §2.2), floored
      // at 1 with specials.hartungKnappFloor (Röver, Knapp and Friede 2015).
      let factor = zip(x, sigma2).map { ($0 - estimate) * ($0 - estimate) / $1 }.reduce(0, +) / Double(x.count - 1)
      variance *= priors.hartungKnappFloor == true ? max(1, factor) : factor
    }
    var cluster = [Int](repeating: 0, count: used.count)
    for (c, g) in groups.enumerated() { for i in g { cluster[i] = c } }
    let rows = used.indices.map { i -> Row in
      let c = cluster[i]
      // A member's share l / sum(l) of its cluster's weight (the whole weight for a cluster of one).
      let weight = groups[c].count > 1 ? w[c] * used[i].2 / levelSum[c] : w[c]
      return Row(special: used[i].0, recency: used[i].1, levelWeight: perLevel ? 1 : used[i].2, weight: weight, weightShare: weight / sumW,
                 residual: used[i].0.shift - estimate, cluster: clustered ? c + 1 : nil)
    }
    return SpecialsCalibration(rows: rows, estimate: estimate, standardError: variance.squareRoot(),
                               tau: tau2.squareRoot(), q: q, clusters: clustered ? groups.count : nil,
                               levelTaus: perLevel ? levelTau2.mapValues { $0.squareRoot() } : nil)
  }

  /// The specials' clusters of one date and state (docs/model.md §2.2), as indices into `specials`,
  /// in the order of each cluster's first special; `specials` is sorted by date.
  /// - Complexity: O(k).
  static func sameDayStateClusters(_ specials: [SpecialElection]) -> [[Int]] {
    var index: [String: Int] = [:]
    var groups: [[Int]] = []
    for (i, s) in specials.enumerated() {
      let key = s.date.iso + " " + s.state
      if let c = index[key] {
        groups[c].append(i)
      } else {
        index[key] = groups.count
        groups.append([i])
      }
    }
    return groups
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
