import BellwetherEngine
import Foundation

/// `districts.csv`: one row per seat of `forecast.json`'s `districts[]`, led by the run fields of
/// FiveThirtyEight's `house_district_forecast.csv` convention (`forecast_date, cycle, config,
/// engine_version, state, district`). Every other column is its `districts[]` field in snake_case
/// (`democraticWinProbability` as `democratic_win_probability`, `margin10` as `margin10`), the one
/// naming scheme of every CSV a run writes; the table of columns and JSON paths is in
/// docs/forecast-schema.md, "CSV columns". Margins in points, D positive; empty for fixed seats.
enum DistrictsCSV {
  /// The columns, in order.
  static let header = ["forecast_date", "cycle", "config", "engine_version", "state", "district", "id", "region", "status",
                       "incumbent", "lean", "base_margin", "democratic_win_probability",
                       "democratic_win_probability_standard_error", "mean_margin", "margin10", "margin90", "tipping_probability",
                       "tipping_probability_standard_error", "note"]

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

  /// The leading run columns: `forecast_date` (`run.asOf`), `cycle` (the year of
  /// `run.chamber.electionDate`), `config` (`run.config`), `engine_version` (`run.engineVersion`).
  static func runFields(_ result: ForecastResult) -> [String] {
    let config = result.model.inputs.config
    return [result.model.asOf.iso, String(config.chamber.cycle), text((config.path as NSString).lastPathComponent),
            EngineVersion.text]
  }

  /// Renders the rows.
  static func render(_ result: ForecastResult) -> String {
    let run = runFields(result)
    var out = header.joined(separator: ",") + "\n"
    for d in result.districts {
      let fields = run + [text(d.state), text(district(d.id)), text(d.id), text(d.region), d.status.code,
                          Party.incumbentCode(d.incumbent), CSVNumber.margin(d.lean), CSVNumber.margin(d.baseMargin),
                          CSVNumber.probability(d.democraticWinProbability),
                          CSVNumber.standardError(d.democraticWinProbabilityStandardError), CSVNumber.margin(d.meanMargin),
                          CSVNumber.margin(d.margin10), CSVNumber.margin(d.margin90), CSVNumber.probability(d.tippingProbability),
                          CSVNumber.standardError(d.tippingProbabilityStandardError), text(d.note)]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
