/// One seat's forecast (docs/model.md §5.2).
package struct DistrictForecast: Sendable, Codable, Equatable {
  package var id: String
  package var state: String
  package var region: String
  /// `contested`, `fixed-D` or `fixed-R`.
  package var status: String
  package var incumbent: String
  package var lean: Double
  /// `lean + inc`.
  package var baseMargin: Double
  /// Chance of a Democratic win.
  package var democraticWinProbability: Double
  /// Mean simulated margin (nil for fixed seats).
  package var meanMargin: Double?
  /// 10% and 90% quantiles of the margin (the 80% interval), nil for fixed seats.
  package var margin10: Double?
  package var margin90: Double?
  /// Share of draws in which this seat was the tipping point.
  package var tippingProbability: Double
  package var note: String
}
