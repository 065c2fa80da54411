import BellwetherEngine
import Foundation

/// `summary.md`: the forecast for people.
enum SummaryMarkdown {
  /// Renders the summary.
  static func render(_ result: ForecastResult) -> String {
    let model = result.model
    let fixedEnvironment = model.fixedEnvironment
    let config = model.inputs.config
    let plan = model.plan
    let s = result.seats
    var out = "# \(MarkdownText.escape(config.chamber.name)): forecast as of \(model.asOf.iso)\n\n"
    out += "| | |\n|---|---|\n"
    out += "| Chance of a Democratic majority (\(plan.majority)+ of \(plan.seats)) | **\(Formats.percent(s.majorityProbability))** \(Formats.percentError(result.errors.majorityProbability)) |\n"
    out += "| Democratic seats: mean / median / mode | \(String(format: "%.1f", s.mean)) ± \(Formats.error(result.errors.meanSeats)) / \(s.median) / \(s.mode) |\n"
    out += "| 80% interval | \(s.quantiles.p10)–\(s.quantiles.p90) |\n"
    out += "| 95% interval | \(s.quantiles.p2_5)–\(s.quantiles.p97_5) |\n"
    out += "| Expected net change (from \(result.democraticSeatsBefore) D seats held before) | \(String(format: "%+.1f", result.expectedNetChange)) |\n"
    out += "| Seats fixed without a two-party contest | D \(plan.fixedDemocratic), R \(plan.seats - plan.contested - plan.fixedDemocratic) |\n\n"
    out += "\(MonteCarloText.standardErrors(result))\n\n\(MonteCarloText.quantileRanges(result))\n\n"

    out += "## National environment\n\n"
    if let fixedEnvironment {
      out += "Scenario: the national environment is fixed at \(Formats.margin(fixedEnvironment)).\n\n"
    } else {
      let p = model.prior
      out += "- Prior: \(Formats.margin(p.mean)) ± \(String(format: "%.1f", p.sd)) (\(p.method)"
      if let avg = p.ballotAverage { out += "; average \(Formats.margin(avg)) two-party" }
      out += ")\n"
      if let es = model.specials.estimate, let se = model.specials.standardError,
         let tm = model.posterior.specialsMean, let tsd = model.posterior.specialsSD {
        out += "- Specials: \(model.specials.rows.count) held before \(model.asOf.iso)"
        out += model.specials.clusters.map { " (\($0) same-day same-state clusters)" } ?? ""
        out += "; random-effects estimate "
        out += "E_s = \(Formats.margin(es)) ± \(String(format: "%.1f", se)), tau = \(String(format: "%.1f", model.specials.tau)); "
        out += "translated to \(Formats.margin(tm)) ± \(String(format: "%.1f", tsd))\n"
      } else {
        out += "- Specials: none held before \(model.asOf.iso)\n"
      }
      out += "- Posterior: **\(Formats.margin(plan.environmentMean)) ± \(String(format: "%.1f", plan.environmentSD))**"
      out += plan.environmentNu.isFinite ? " (Student t, nu = \(NumberText.plain(plan.environmentNu)))\n" : " (normal)\n"
    }
    out += "- District noise SD: \(NoiseSummaryText.value(model))\n\n"

    out += "## Most competitive seats\n\n| Seat | Incumbent | Lean | Chance D | Mean margin | 80% interval |\n|---|---|---|---|---|---|\n"
    for d in result.mostCompetitive(limit: 20) {
      out += "| \(MarkdownText.escape(d.id)) | \(Party.incumbentCode(d.incumbent)) | \(Formats.margin(d.lean)) | \(Formats.percent(d.democraticWinProbability, standardError: d.democraticWinProbabilityStandardError)) | \(Formats.margin(d.meanMargin ?? 0)) | "
      out += "\(Formats.margin(d.margin10 ?? 0)) to \(Formats.margin(d.margin90 ?? 0)) |\n"
    }
    out += "\n## Tipping-point seats\n\nThe seat that supplies the \(Formats.ordinal(plan.majority)) Democratic seat when seats are ordered by margin.\n\n"
    out += "| Seat | Share of draws | Chance D |\n|---|---|---|\n"
    for d in result.tippingPointSeats(limit: 10) {
      out += "| \(MarkdownText.escape(d.id)) | \(Formats.percent(d.tippingProbability, standardError: d.tippingProbabilityStandardError)) | \(Formats.percent(d.democraticWinProbability)) |\n"
    }
    out += "\n## Run\n\n- Config `\((config.path as NSString).lastPathComponent)`, seed \(plan.seed), \(Formats.count(plan.draws)) draws "
    out += "in blocks of \(SimulationPlan.blockSize), noise factor \(plan.factor.method.rawValue) (rank \(plan.factor.rank))\n"
    return out
  }
}

/// Text from an input (a chamber's name, a district id) as Markdown shows it literally: HTML's
/// `&`, `<`, `>` as entities (a renderer passes raw HTML through), and Markdown's punctuation and a
/// table's `|` escaped with a backslash, so no input can inject markup, links or table cells.
enum MarkdownText {
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\\", "`", "*", "_", "[", "]", "|", "#", "!": out += "\\" + String(c)
      case "\n", "\r": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
