import BellwetherEngine
import Foundation

/// `seats-curve.md`: the seats curve as a table for people.
enum SeatsCurveMarkdown {
  /// Renders the table.
  static func render(_ curve: SeatsCurve, chamber: String, asOf: CalendarDate) -> String {
    var out = "# Seats by national environment: \(chamber), as of \(asOf.iso)\n\n"
    out += "Each row is the forecast given the national environment (two-party margin, D minus R): the chance of a "
    out += "Democratic majority (\(curve.majority)+ of \(curve.seats) seats) and the Democratic seats. Rows marked `joint` "
    out += "come from the \(curve.runDraws) draws of the forecast itself (seed \(curve.seed)) whose environment fell in the "
    out += "row's 0.5-point bin; rows marked `fixed` were simulated again with the environment fixed, because the forecast "
    out += "had fewer than \(curve.pointDraws) draws there. The forecast's own environment is "
    out += "\(Formats.margin(curve.environmentMean)) ± \(String(format: "%.1f", curve.environmentSD)).\n\n"
    if let e = curve.evenOddsEnvironment {
      out += "**Republicans are favoured below \(Formats.margin(e, digits: 2)); Democrats are favoured above it.**\n\n"
    } else if let first = curve.points.first {
      let party = first.majorityProbability >= 0.5 ? "Democrats" : "Republicans"
      out += "**\(party) are favoured over the whole range shown.**\n\n"
    }
    out += "| Environment | Chance of D majority | ± SE | Mean seats | Median | 80% interval | 95% interval | Draws | Source |\n"
    out += "|---|---|---|---|---|---|---|---|---|\n"
    for p in curve.points {
      out += "| \(Formats.margin(p.environment, digits: 2)) | \(Formats.percent(p.majorityProbability)) | "
      out += "\(Formats.percent(p.majorityStandardError, digits: 2)) | \(String(format: "%.1f", p.meanSeats)) | \(p.median) | "
      out += "\(p.seats10)–\(p.seats90) | \(p.seats025)–\(p.seats975) | \(p.draws) | \(p.source.rawValue) |\n"
    }
    return out
  }
}
