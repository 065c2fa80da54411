import Foundation
@testable import BellwetherEngine

/// A frozen copy of `SpecialsCalibration.fit` as it was before `specials.clusters` and
/// `specials.hartungKnappFloor` (commit 5da698f), kept only so that a test can check that the
/// defaults still give that fit to the bit (docs/model.md §2.2). Never edit it to follow the engine.
enum ReferenceSpecialsFit {
  static func fit(specials: [SpecialElection], asOf: CalendarDate, priors: ModelPriors) -> SpecialsCalibration {
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
    let sigma2 = used.map { u -> Double in
      guard let h = priors.informationHalfLifeDays else { return tau2 + v }
      return (tau2 + v) * pow(2, Double(asOf.dayNumber - u.0.date.dayNumber) / h)
    }
    let w = used.indices.map { used[$0].1 * used[$0].2 / sigma2[$0] }
    let sumW = w.reduce(0, +)
    let estimate = zip(w, x).map(*).reduce(0, +) / sumW
    var variance = zip(w, sigma2).map { $0 * $0 * $1 }.reduce(0, +) / (sumW * sumW)
    if priors.specialsStandardError == .hartungKnapp, x.count >= 2 {
      variance *= zip(x, sigma2).map { ($0 - estimate) * ($0 - estimate) / $1 }.reduce(0, +) / Double(x.count - 1)
    }
    let rows = used.indices.map { i in
      SpecialsCalibration.Row(special: used[i].0, recency: used[i].1, levelWeight: used[i].2, weight: w[i],
                              weightShare: w[i] / sumW, residual: x[i] - estimate)
    }
    return SpecialsCalibration(rows: rows, estimate: estimate, standardError: variance.squareRoot(),
                               tau: tau2.squareRoot(), q: q)
  }

  static func cochranQ(x: [Double], a: [Double]) -> Double {
    let sa = a.reduce(0, +)
    let mean = zip(a, x).map(*).reduce(0, +) / sa
    return zip(a, x).map { $0 * ($1 - mean) * ($1 - mean) }.reduce(0, +)
  }

  static func derSimonianLairdTau2(x: [Double], v: [Double]) -> Double {
    guard x.count >= 2 else { return 0 }
    let a = v.map { 1 / $0 }
    let s1 = a.reduce(0, +)
    let s2 = a.map { $0 * $0 }.reduce(0, +)
    let q = cochranQ(x: x, a: a)
    return max(0, (q - Double(x.count - 1)) / (s1 - s2 / s1))
  }
}
