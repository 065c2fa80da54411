import BellwetherEngine
import BellwetherReports
import Foundation

/// `backtest-cycles.md`: the cross-cycle backtest as a table for people.
package enum CrossCycleMarkdown {
  package static func render(_ b: CrossCycleBacktest) -> String {
    var out = "# Backtest across cycles\n\n"
    out += "Each cycle is forecast as of the day before its election from what was known then (its specials, its "
    out += "generic-ballot average, its district polls when its config names them; the priors its config holds, "
    out += "whose comments say where each comes from) by the default model, and scored against its own results "
    out += "(docs/model.md §7). Brier and log loss over the seats with a certified winner; log loss in nats.\n\n"
    out += "| Cycle | As of | Environment | House vote | Mean seats | 80% interval | Actual | Inside 80% | Percentile | P(D majority) | Brier | Log loss | Wrong favourites | Published Brier |\n"
    out += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    for c in b.cycles {
      let s = c.seats
      let d = c.districts[.decided]
      out += "| \(c.cycle) | \(c.asOf.iso) | \(Formats.margin(c.environmentMean))"
      out += c.environmentSD.map { " ± \(String(format: "%.1f", $0))" } ?? ""
      out += " | \(Formats.margin(c.houseVoteMargin)) | \(String(format: "%.1f", s.mean)) | "
      out += "\(String(format: "%.0f", s.lower80))–\(String(format: "%.0f", s.upper80)) | \(s.actual) | \(s.inside80 ? "yes" : "**no**") | "
      out += "\(s.percentile.map { Formats.percent($0, digits: 0) } ?? "—") | \(Formats.percent(s.majorityProbability)) | "
      out += "\(d.map { String(format: "%.4f", $0.brier) } ?? "—") | \(d.map { String(format: "%.3f", $0.logLoss) } ?? "—") | "
      out += "\(d.map { String(format: "%g", $0.wrongFavourites.count) } ?? "—") | "
      out += c.publishedBrier.isEmpty ? "— |\n" : c.publishedBrier.keys.sorted().map { "\($0) \(String(format: "%.4f", c.publishedBrier[$0]!))" }.joined(separator: "; ") + " |\n"
    }
    let p = b.pooled
    out += "\nPooled over \(p.races) decided seats of \(b.cycles.count) cycles: Brier \(String(format: "%.4f", p.brier)), "
    out += "log loss \(String(format: "%.3f", p.logLoss)).\n\n"
    let h = b.honesty
    out += "## Stated uncertainty against the errors\n\n"
    if let rms = h.environmentRMSZ, let range = h.environmentRMSZRange90 {
      out += "Environment error (forecast minus House vote) in units of its stated SD: "
      out += h.environment.map { "\($0.cycle) \(String(format: "%+.1f", $0.error)) (\(String(format: "%+.2f", $0.z)) SD)" }.joined(separator: ", ")
      out += ". Root mean square \(String(format: "%.2f", rms)); for calibrated normal forecasts of \(h.environment.count) cycles it lies "
      out += "between \(String(format: "%.2f", range[0])) and \(String(format: "%.2f", range[1])) nine times in ten "
      out += "(a Student-t environment, as the shipped configs draw, widens that range).\n\n"
    }
    out += "Actual seat count inside the 80% interval in \(h.inside80) of \(h.cycles) cycles; with calibrated intervals, "
    out += "at most \(h.inside80) of \(h.cycles) happens with probability \(String(format: "%.2f", h.inside80Probability)).\n\n"
    out += "## Reliability, every cycle pooled\n\n"
    out += "The binomial SE takes the seats as independent. The joint columns judge each bin under the forecasts' own "
    out += "dependence between seats (docs/model.md §7.3): the draws give the distribution of how many of the bin's seats "
    out += "the Democrats win (the cycles' convolved), hence its SE and the one-sided chance of a count as far out as the "
    out += "one observed, or further. That is the right null only if the forecasts' joint distribution is right: a forecast "
    out += "with too much shared uncertainty widens its own band.\n\n"
    out += "| Forecast bin | Seats | Mean forecast | Share won by Democrats | ± 1 SE if calibrated (binomial) | Off by (SEs) "
    out += "| ± 1 SE (joint) | Off by (joint SEs) | Chance this far out (joint) |\n|---|---|---|---|---|---|---|---|---|\n"
    func off(_ bin: ReliabilityTable.Bin, _ se: Double?) -> String {
      guard let m = bin.meanProbability, let o = bin.observedFrequency, let se, se > 0 else { return "—" }
      return String(format: "%+.1f", (o - m) / se)
    }
    for bin in p.reliability.bins where bin.count > 0 {
      out += "| \(String(format: "%.1f–%.1f", bin.lower, bin.upper)) | \(bin.count) | "
      out += "\(bin.meanProbability.map { String(format: "%.3f", $0) } ?? "—") | \(bin.observedFrequency.map { String(format: "%.3f", $0) } ?? "—") | "
      out += "\(bin.standardError.map { String(format: "%.3f", $0) } ?? "—") | \(off(bin, bin.standardError)) | "
      out += "\(bin.jointStandardError.map { String(format: "%.3f", $0) } ?? "—") | \(off(bin, bin.jointStandardError)) | "
      out += "\(bin.jointTailProbability.map { String(format: "%.3f", $0) } ?? "—") |\n"
    }
    return out
  }
}
