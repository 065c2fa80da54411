import BellwetherEngine
import Foundation

/// `national.csv`: the national figures of a run in one row, in the manner of FiveThirtyEight's
/// `house_national_forecast.csv`. Columns: `forecast_date, cycle, config, engine_version`
/// (as in `districts.csv`), then `p_dem_majority, mean_dem_seats, median_dem_seats, dem_seats_p10,
/// dem_seats_p90, dem_seats_p2_5, dem_seats_p97_5, environment_mean, environment_sd` (docs/model.md
/// §5; the environment is the posterior of §2, D positive, in points). Documented in
/// docs/forecast-schema.md.
enum NationalCSV {
  static let header = ["forecast_date", "cycle", "config", "engine_version", "p_dem_majority", "mean_dem_seats",
                       "median_dem_seats", "dem_seats_p10", "dem_seats_p90", "dem_seats_p2_5", "dem_seats_p97_5",
                       "environment_mean", "environment_sd"]

  /// Renders the header and the one row.
  static func render(_ result: ForecastResult) -> String {
    let s = result.seats, q = s.quantiles, plan = result.model.plan
    let fields = DistrictsCSV.runFields(result) + [
      String(format: "%.6f", s.majorityProbability), String(format: "%.4f", s.mean), String(s.median),
      String(q.p10), String(q.p90), String(q.p2_5), String(q.p97_5),
      String(format: "%.4f", plan.environmentMean), String(format: "%.4f", plan.environmentSD),
    ]
    return header.joined(separator: ",") + "\n" + fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
  }
}
