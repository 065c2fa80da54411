import BellwetherEngine
import Foundation

/// The district-noise line of summary.md and report.html (docs/model.md §3.1, §3.4).
///
/// Without a district table every seat's noise has the §3.1 scales, so the line gives them. With noise
/// by seat class (§3.4) each seat's total SD is its class's `residualSD` (or more, where the
/// idiosyncratic floor binds; both times `sqrt(noise.varianceInflation)`), so the line gives each class's median total SD over its contested
/// seats, taken from the covariance itself (`NoiseCovariance.totalVariance`), and the shared parts:
/// the §3.1 scales of state, region and lean that every seat keeps.
package enum NoiseSummaryText {
  /// The line's value, e.g. `D incumbents 7.8, R incumbents 7.9, open 11.2 points (median total SD of the seat class, docs/model.md §3.4); of it shared: state 3.7, region 2.3, lean 2.8`.
  package static func value(_ model: ForecastModel) -> String {
    func f(_ x: Double) -> String { String(format: "%.1f", x) }
    let c = model.covariance, scales = model.scales
    let shared = "state \(f(c.scales.state)), region \(f(c.scales.region)), lean \(f(c.scales.lean))"
    guard c.idiosyncraticVariances != nil || !c.sharedColumns.isEmpty else {
      return "\(f(scales.total)) points (\(shared), idiosyncratic \(f(scales.idiosyncratic)))"
    }
    var byClass: [SeatClass: [Double]] = [:]
    for (k, index) in model.plan.contestedIndices.enumerated() {
      byClass[SeatClass(incumbent: model.inputs.districts[index].incumbent), default: []].append(c.totalVariance(k).squareRoot())
    }
    let names: [(SeatClass, String)] = [(.democraticIncumbent, "D incumbents"), (.republicanIncumbent, "R incumbents"), (.open, "open")]
    let classes = names.compactMap { cls, name in byClass[cls].map { "\(name) \(f(median($0)))" } }
    return classes.joined(separator: ", ") + " points (median total SD of the seat class, docs/model.md §3.4); of it shared: "
      + shared + (c.sharedColumns.isEmpty ? "" : ", and the class-level shared errors (§3.5)")
  }

  /// The median of a non-empty list (the mean of the middle two for an even count).
  static func median(_ x: [Double]) -> Double {
    let s = x.sorted(), n = s.count
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
  }
}
