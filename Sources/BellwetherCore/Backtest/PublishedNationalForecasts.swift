/// A published forecaster's daily national House forecasts (seats and popular vote), read from
/// FiveThirtyEight's `house_national_forecast.csv` schema: `forecastdate`, `party`, `model`,
/// `win_probability` (chance of a majority), `mean_seats`, `median_seats`, `p10_seats`, `p90_seats`,
/// `margin`, `p10_margin`, `p90_margin` (popular-vote margin in points, from that party's side).
/// Only the Democratic rows are kept.
public struct PublishedNationalForecasts: Sendable {
  /// One day's Democratic national forecast.
  public struct Forecast: Sendable, Codable, Equatable {
    public var majorityProbability: Double
    public var meanSeats: Double
    public var medianSeats: Double
    /// The 80% interval of seats (10% and 90% quantiles).
    public var seats10: Double
    public var seats90: Double
    /// Popular-vote margin, D minus R, points, and its 80% interval.
    public var voteMargin: Double
    public var voteMargin10: Double
    public var voteMargin90: Double
  }

  /// Forecasts by model version and date.
  public var forecasts: [String: [CalendarDate: Forecast]]

  /// Creates the forecasts directly.
  public init(forecasts: [String: [CalendarDate: Forecast]]) {
    self.forecasts = forecasts
  }

  /// One model version's forecast of `date`.
  public func forecast(model: String, date: CalendarDate) -> Forecast? { forecasts[model]?[date] }

  /// Reads the table.
  /// - Throws: `InputError` with file, line and field for a bad or repeated row.
  public static func read(_ table: CSVTable) throws -> PublishedNationalForecasts {
    let c = try ["forecastdate", "party", "model", "win_probability", "mean_seats", "median_seats", "p10_seats",
                 "p90_seats", "margin", "p10_margin", "p90_margin"].map { try table.column($0) }
    var forecasts: [String: [CalendarDate: Forecast]] = [:]
    for row in table.typedRows where row.text(c[1]) == "D" {
      let date = try row.date(c[0])
      let model = try row.requiredText(c[2])
      let p = try row.number(c[3])
      guard (0...1).contains(p) else { throw row.error(c[3], expected: "a probability in 0...1", found: row.text(c[3])) }
      guard forecasts[model]?[date] == nil else {
        throw row.error(c[0], expected: "one Democratic row per model and date", found: "a second row for \(model) on \(date.iso)")
      }
      let f = Forecast(majorityProbability: p, meanSeats: try row.number(c[4]), medianSeats: try row.number(c[5]),
                       seats10: try row.number(c[6]), seats90: try row.number(c[7]), voteMargin: try row.number(c[8]),
                       voteMargin10: try row.number(c[9]), voteMargin90: try row.number(c[10]))
      guard f.seats10 <= f.seats90 else {
        throw row.error(c[6], expected: "p10_seats at most p90_seats", found: "\(row.text(c[6])) > \(row.text(c[7]))")
      }
      forecasts[model, default: [:]][date] = f
    }
    return PublishedNationalForecasts(forecasts: forecasts)
  }
}
