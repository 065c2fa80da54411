import BellwetherEngine
import Foundation

/// `summary.md`: the forecast for people.
package enum SummaryMarkdown {
  /// Renders the summary.
  package static func render(_ result: ForecastResult) -> String {
    let model = result.model
    let fixedEnvironment = model.fixedEnvironment
    let config = model.inputs.config
    let plan = model.plan
    let s = result.seats
    func pct(_ p: Double) -> String { String(format: "%.1f%%", 100 * p) }
    func pts(_ v: Double) -> String { (v >= 0 ? "D+" : "R+") + String(format: "%.1f", abs(v)) }
    var out = "# \(config.chamber.name): forecast as of \(model.asOf.iso)\n\n"
    out += "| | |\n|---|---|\n"
    out += "| Chance of a Democratic majority (\(plan.majority)+ of \(plan.seats)) | **\(pct(s.majorityProbability))** |\n"
    out += "| Democratic seats: mean / median / mode | \(String(format: "%.1f", s.mean)) / \(s.median) / \(s.mode) |\n"
    out += "| 80% interval | \(s.quantiles[0.1]!)–\(s.quantiles[0.9]!) |\n"
    out += "| 95% interval | \(s.quantiles[0.025]!)–\(s.quantiles[0.975]!) |\n"
    out += "| Expected net change (from \(result.democraticSeatsBefore) D seats held before) | \(String(format: "%+.1f", result.expectedNetChange)) |\n"
    out += "| Seats fixed without a two-party contest | D \(plan.fixedDemocratic), R \(plan.seats - plan.contested - plan.fixedDemocratic) |\n\n"

    out += "## National environment\n\n"
    if let fixedEnvironment {
      out += "Scenario: the national environment is fixed at \(pts(fixedEnvironment)).\n\n"
    } else {
      let p = model.prior
      out += "- Prior: \(pts(p.mean)) ± \(String(format: "%.1f", p.sd)) (\(p.method)"
      if let avg = p.ballotAverage { out += "; average \(pts(avg)) two-party" }
      out += ")\n"
      if let es = model.calibration.estimate, let se = model.calibration.standardError,
         let tm = model.posterior.specialsMean, let tsd = model.posterior.specialsSD {
        out += "- Specials: \(model.calibration.rows.count) held before \(model.asOf.iso); random-effects estimate "
        out += "E_s = \(pts(es)) ± \(String(format: "%.1f", se)), tau = \(String(format: "%.1f", model.calibration.tau)); "
        out += "translated to \(pts(tm)) ± \(String(format: "%.1f", tsd))\n"
      } else {
        out += "- Specials: none held before \(model.asOf.iso)\n"
      }
      out += "- Posterior: **\(pts(plan.environmentMean)) ± \(String(format: "%.1f", plan.environmentSD))**"
      out += plan.environmentNu.isFinite ? " (Student t, nu = \(NumberText.plain(plan.environmentNu)))\n" : " (normal)\n"
    }
    out += "- District noise SD \(String(format: "%.1f", model.scales.total)) points (state \(String(format: "%.1f", model.scales.state)), "
    out += "region \(String(format: "%.1f", model.scales.region)), lean \(String(format: "%.1f", model.scales.lean)), "
    out += "idiosyncratic \(String(format: "%.1f", model.scales.idiosyncratic)))\n\n"

    out += "## Most competitive seats\n\n| Seat | Incumbent | Lean | Chance D | Mean margin | 80% interval |\n|---|---|---|---|---|---|\n"
    for d in result.mostCompetitive(limit: 20) {
      out += "| \(d.id) | \(d.incumbent) | \(pts(d.lean)) | \(pct(d.democraticWinProbability)) | \(pts(d.meanMargin ?? 0)) | "
      out += "\(pts(d.margin10 ?? 0)) to \(pts(d.margin90 ?? 0)) |\n"
    }
    out += "\n## Tipping-point seats\n\nThe seat that supplies the \(plan.majority)th Democratic seat when seats are ordered by margin.\n\n"
    out += "| Seat | Share of draws | Chance D |\n|---|---|---|\n"
    for d in result.tippingPointSeats(limit: 10) {
      out += "| \(d.id) | \(pct(d.tippingProbability)) | \(pct(d.democraticWinProbability)) |\n"
    }
    out += "\n## Run\n\n- Config `\((config.path as NSString).lastPathComponent)`, seed \(plan.seed), \(plan.draws) draws "
    out += "in blocks of \(SimulationPlan.blockSize), noise factor \(plan.factor.method.rawValue) (rank \(plan.factor.rank))\n"
    return out
  }
}
