/// One seat's forecast (MODEL.md section 5).
public struct DistrictForecast: Sendable, Codable, Equatable {
  public var id: String
  public var state: String
  public var region: String
  /// `contested`, `fixed-D` or `fixed-R`.
  public var status: String
  public var incumbent: String
  public var lean: Double
  /// `lean + inc`.
  public var baseMargin: Double
  /// Chance of a Democratic win.
  public var democraticWinProbability: Double
  /// Mean simulated margin (nil for fixed seats).
  public var meanMargin: Double?
  /// 10% and 90% quantiles of the margin (the 80% interval), nil for fixed seats.
  public var margin10: Double?
  public var margin90: Double?
  /// Share of draws in which this seat was the tipping point.
  public var tippingProbability: Double
  public var note: String
}
