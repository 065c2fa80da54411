import BellwetherEngine
import Foundation

/// `districts.csv`: one row per seat, led by the columns of FiveThirtyEight's
/// `house_district_forecast.csv` convention. Columns:
/// `forecast_date, cycle, config, engine_version, state, district, id, region, status, incumbent,
/// lean, base_margin, p_dem_win, mean_margin, margin_p10, margin_p90, p_tipping, note` (margins in
/// points, D positive; empty margins for fixed seats). Documented in docs/forecast-schema.md.
enum DistrictsCSV {
  static let header = ["forecast_date", "cycle", "config", "engine_version", "state", "district", "id", "region", "status",
                       "incumbent", "lean", "base_margin", "p_dem_win", "mean_margin", "margin_p10", "margin_p90",
                       "p_tipping", "note"]

  /// A text field from an input, safe to open in a spreadsheet: one that starts with `=`, `+`, `-`,
  /// `@`, a tab or a carriage return (which a spreadsheet runs as a formula) gets a leading `'`.
  static func text(_ value: String) -> String {
    guard let first = value.first, "=+-@\t\r".contains(first) else { return value }
    return "'" + value
  }

  /// The district number of a seat id: the part after its last `-`, as an integer when it is
  /// digits (`PA-07` gives `7`; at-large seats, spelled `AK-01` in the shipped tables, give `1`),
  /// otherwise as written (`AK-AL` gives `AL`); empty for an id without `-`.
  static func district(_ id: String) -> String {
    guard let dash = id.lastIndex(of: "-") else { return "" }
    let suffix = String(id[id.index(after: dash)...])
    if !suffix.isEmpty, suffix.allSatisfy(\.isASCII), suffix.allSatisfy(\.isNumber), let n = Int(suffix) { return String(n) }
    return suffix
  }

  /// The leading run columns: `forecast_date` (the as-of date), `cycle` (the election year),
  /// `config` (the config file name), `engine_version`.
  static func runFields(_ result: ForecastResult) -> [String] {
    let config = result.model.inputs.config
    return [result.model.asOf.iso, String(config.chamber.cycle), text((config.path as NSString).lastPathComponent),
            EngineVersion.text]
  }

  /// Renders the rows.
  static func render(_ result: ForecastResult) -> String {
    func f(_ v: Double?, _ digits: Int = 3) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "" }
    let run = runFields(result)
    var out = header.joined(separator: ",") + "\n"
    for d in result.districts {
      let fields = run + [text(d.state), text(district(d.id)), text(d.id), text(d.region), d.status.code,
                          Party.incumbentCode(d.incumbent), f(d.lean, 2), f(d.baseMargin, 2), f(d.democraticWinProbability, 4),
                          f(d.meanMargin, 2), f(d.margin10, 2), f(d.margin90, 2), f(d.tippingProbability, 4), text(d.note)]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
