import BellwetherEngine
import Foundation

/// The text `bellwether calibrate` prints: the specials table, the random-effects fit, the prior
/// with its misses, the posterior and the district-noise scales.
package enum CalibrationText {
  package static func render(_ calibration: EnvironmentCalibration) -> String {
    let prior = calibration.prior, fit = calibration.specials, posterior = calibration.posterior
    let scales = calibration.scales, asOf = calibration.asOf
    func f(_ v: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", v) }
    var out = "Specials held before \(asOf.iso): \(fit.rows.count)"
    // With specials.clusters, the number of clusters and each special's cluster (docs/model.md §2.2).
    out += fit.clusters.map { ", in \($0) same-day same-state clusters\n\n" } ?? "\n\n"
    out += "date        level              state seat                          x   recency  weight%  residual"
    out += fit.clusters == nil ? "\n" : "  cluster\n"
    for r in fit.rows {
      let seat = r.special.seat.count > 28 ? String(r.special.seat.prefix(28)) : r.special.seat
      out += r.special.date.iso + "  " + r.special.level.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
      out += r.special.state.padding(toLength: 5, withPad: " ", startingAt: 0) + " " + seat.padding(toLength: 28, withPad: " ", startingAt: 0)
      out += String(format: " %7.2f  %7.3f  %6.2f  %8.2f", r.special.shift, r.recency, 100 * r.weightShare, r.residual)
      out += r.cluster.map { String(format: "  %7d\n", $0) } ?? "\n"
    }
    // The ordinary DerSimonian-Laird moment estimate of tau^2 (weights 1/v, v equal for every
    // special), then a weighted mean with recency x level weights and its exact SE (docs/model.md §2.2):
    // not the generalized estimator (DerSimonian and Kacker 2007), whose tau^2 would use those weights.
    if let k = fit.clusters {
      out += "\nRandom effects over \(k) clusters (cluster means weighted by level, variance v_c; DerSimonian-Laird tau^2 with weights 1/v_c; "
      out += "E_s weighted by recency x cluster level / (tau^2 + v_c), docs/model.md §2.2): "
    } else if fit.levelTaus != nil {
      out += "\nRandom effects by level (DerSimonian-Laird tau_l^2 on each level's specials with weights 1/v, the pooled tau^2 for a level "
      out += "of fewer than \(SpecialsCalibration.minimumPerLevel); E_s weighted by recency / (tau_l^2 + v), docs/model.md §2.2): "
    } else {
      out += "\nRandom effects (DerSimonian-Laird tau^2 with weights 1/v; E_s weighted by recency x level / (tau^2 + v), docs/model.md §2.2): "
    }
    if let es = fit.estimate, let se = fit.standardError {
      out += "E_s = \(f(es)), SE = \(f(se)), tau = \(f(fit.tau)), Q = \(f(fit.q))\n"
      if let taus = fit.levelTaus {
        out += "  tau by level: " + taus.keys.sorted().map { "\($0) \(f(taus[$0]!))" }.joined(separator: ", ") + "\n"
      }
    } else {
      out += "no specials\n"
    }
    out += "Prior: \(f(prior.mean)) ± \(f(prior.sd)) (\(prior.method))\n"
    for m in prior.misses { out += "  \(m.cycle): final average \(f(m.finalAverage)), House vote \(f(m.houseVote)), miss \(f(m.miss))\n" }
    if let m = posterior.specialsMean, let s = posterior.specialsSD { out += "Specials, translated: \(f(m)) ± \(f(s))\n" }
    out += "Posterior environment: muE = \(f(posterior.mean)), sigmaE = \(f(posterior.sd))\n"
    out += "District noise SD: \(f(scales.total)) (state \(f(scales.state)), region \(f(scales.region)), lean \(f(scales.lean)), idiosyncratic \(f(scales.idiosyncratic)))"
    return out
  }
}
