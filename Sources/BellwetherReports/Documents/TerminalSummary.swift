import BellwetherEngine
import Foundation

/// The few lines `run` prints when it finishes.
package enum TerminalSummary {
  package static func render(_ result: ForecastResult, files: [String]) -> String {
    let s = result.seats
    let plan = result.model.plan
    // A scenario is conditional on its fixed environment, and says so first.
    let scenario = result.model.fixedEnvironment.map { "Scenario (national environment fixed at \(Formats.margin($0))): " } ?? ""
    var lines = [
      "\(scenario)\(result.model.inputs.config.chamber.name), as of \(result.model.asOf.iso) (\(Formats.count(plan.draws)) draws, seed \(plan.seed))",
      "  Democratic majority (\(plan.majority)+): \(Formats.percent(s.majorityProbability, standardError: result.errors.majorityProbability))",
      "  Democratic seats: mean \(String(format: "%.1f", s.mean)) ± \(Formats.error(result.errors.meanSeats)), median \(s.median), 80% \(s.quantiles.p10)-\(s.quantiles.p90), 95% \(s.quantiles.p2_5)-\(s.quantiles.p97_5)",
      "  Environment\(scenario.isEmpty ? "" : " (scenario)"): \(Formats.margin(plan.environmentMean)) ± \(String(format: "%.1f", plan.environmentSD))",
      "  Tipping point: " + result.tippingPointSeats(limit: 3).map { "\($0.id) \(Formats.percent($0.tippingProbability))" }.joined(separator: ", "),
    ]
    lines.append("  wrote " + files.joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}
