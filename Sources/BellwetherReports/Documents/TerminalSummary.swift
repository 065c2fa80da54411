import BellwetherEngine
import Foundation

/// The few lines `run` prints when it finishes.
package enum TerminalSummary {
  package static func render(_ result: ForecastResult, files: [String]) -> String {
    let s = result.seats
    let plan = result.model.plan
    func pts(_ v: Double) -> String { (v >= 0 ? "D+" : "R+") + String(format: "%.1f", abs(v)) }
    var lines = [
      "\(result.model.inputs.config.chamber.name), as of \(result.model.asOf.iso) (\(plan.draws) draws, seed \(plan.seed))",
      "  Democratic majority (\(plan.majority)+): \(String(format: "%.1f%%", 100 * s.majorityProbability))",
      "  Democratic seats: mean \(String(format: "%.1f", s.mean)), median \(s.median), 80% \(s.quantiles[0.1]!)-\(s.quantiles[0.9]!), 95% \(s.quantiles[0.025]!)-\(s.quantiles[0.975]!)",
      "  Environment: \(pts(plan.environmentMean)) ± \(String(format: "%.1f", plan.environmentSD))",
      "  Tipping point: " + result.tippingPointSeats(limit: 3).map { "\($0.id) \(String(format: "%.1f%%", 100 * $0.tippingProbability))" }.joined(separator: ", "),
    ]
    lines.append("  wrote " + files.joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}
