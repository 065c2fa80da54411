import BellwetherEngine
import Foundation

/// `districts.csv`: one row per seat. Columns:
/// `id, state, region, status, incumbent, lean, base_margin, p_dem_win, mean_margin, margin_p10,
/// margin_p90, p_tipping, note` (margins in points, D positive; empty margins for fixed seats).
enum DistrictsCSV {
  static let header = ["id", "state", "region", "status", "incumbent", "lean", "base_margin", "p_dem_win",
                              "mean_margin", "margin_p10", "margin_p90", "p_tipping", "note"]

  /// A text field from an input, safe to open in a spreadsheet: one that starts with `=`, `+`, `-`,
  /// `@`, a tab or a carriage return (which a spreadsheet runs as a formula) gets a leading `'`.
  static func text(_ value: String) -> String {
    guard let first = value.first, "=+-@\t\r".contains(first) else { return value }
    return "'" + value
  }

  /// Renders the rows.
  static func render(_ districts: [DistrictForecast]) -> String {
    func f(_ v: Double?, _ digits: Int = 3) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "" }
    var out = header.joined(separator: ",") + "\n"
    for d in districts {
      let fields = [text(d.id), text(d.state), text(d.region), d.status.code, Party.incumbentCode(d.incumbent), f(d.lean, 2),
                    f(d.baseMargin, 2), f(d.democraticWinProbability, 4), f(d.meanMargin, 2), f(d.margin10, 2), f(d.margin90, 2),
                    f(d.tippingProbability, 4), text(d.note)]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
