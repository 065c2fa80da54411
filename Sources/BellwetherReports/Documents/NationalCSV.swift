import BellwetherEngine
import Foundation

/// `national.csv`: the national figures of a run in one row, in the manner of FiveThirtyEight's
/// `house_national_forecast.csv`: the run fields of `districts.csv` (`forecast_date, cycle, config,
/// engine_version`), then `forecast.json`'s `headline` fields in snake_case (`majorityProbability`
/// as `majority_probability`, `interval80` as `interval80_low`, `interval80_high`), and fields of
/// other objects with their object's name in front (`environment.posteriorMean` as
/// `environment_posterior_mean`). Table in docs/forecast-schema.md, "CSV columns".
enum NationalCSV {
  /// The columns, in order.
  static let header = ["forecast_date", "cycle", "config", "engine_version", "majority", "majority_probability", "mean_seats",
                       "median_seats", "mode_seats", "interval80_low", "interval80_high", "interval95_low", "interval95_high",
                       "democratic_seats_before", "expected_net_change", "fixed_democratic_seats", "fixed_republican_seats",
                       "environment_posterior_mean", "environment_posterior_sd", "monte_carlo_errors_majority_probability",
                       "monte_carlo_errors_mean_seats"]

  /// Renders the header and the one row.
  static func render(_ result: ForecastResult) -> String {
    let s = result.seats, q = s.quantiles, plan = result.model.plan
    let fixedR = result.model.inputs.districts.filter { $0.status == .fixed(.republican) }.count
    let fields = DistrictsCSV.runFields(result) + [
      String(plan.majority), CSVNumber.probability(s.majorityProbability), CSVNumber.margin(s.mean), String(s.median),
      String(s.mode), String(q.p10), String(q.p90), String(q.p2_5), String(q.p97_5), String(result.democraticSeatsBefore),
      CSVNumber.margin(result.expectedNetChange), String(plan.fixedDemocratic), String(fixedR),
      CSVNumber.margin(plan.environmentMean), CSVNumber.margin(plan.environmentSD),
      CSVNumber.standardError(result.errors.majorityProbability), CSVNumber.standardError(result.errors.meanSeats),
    ]
    return header.joined(separator: ",") + "\n" + fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
  }
}
