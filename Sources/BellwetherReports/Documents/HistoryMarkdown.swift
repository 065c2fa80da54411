import Foundation

/// `history.md`, and what `bellwether history` prints: the forecast over time as a table.
enum HistoryMarkdown {
  /// Renders the trend, newest last, with the day-to-day change of the chance of a majority.
  static func render(_ points: [HistoryPoint], chamber: String, majority: Int) -> String {
    var out = "# \(chamber): the forecast over time\n\n"
    guard !points.isEmpty else { return out + "No runs recorded yet.\n" }
    out += "One row per as-of date (the latest nightly run, else the latest backfill). "
    out += "Chance of a Democratic majority (\(majority)+ seats), Democratic seats and the national environment.\n\n"
    out += "| As of | Chance of D majority | Change | Median seats | 80% interval | Environment | Draws | Kind |\n"
    out += "|---|---|---|---|---|---|---|---|\n"
    var previous: Double?
    for p in points.sorted(by: { $0.asOf < $1.asOf }) {
      let change = previous.map { String(format: "%+.1f", 100 * (p.majorityProbability - $0)) } ?? ""
      out += "| \(p.asOf.iso) | \(Formats.percent(p.majorityProbability)) | \(change) | \(p.medianSeats) | "
      out += "\(p.seats10)–\(p.seats90) | \(Formats.margin(p.environmentMean)) ± \(String(format: "%.1f", p.environmentSD)) | "
      out += "\(p.draws) | \(p.kind.rawValue) |\n"
      previous = p.majorityProbability
    }
    return out
  }
}
