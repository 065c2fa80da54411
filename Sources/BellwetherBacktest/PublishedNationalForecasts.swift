import BellwetherEngine
/// A published forecaster's daily national House forecasts (seats and popular vote), Democratic
/// side, by model version and day. An adapter in `BellwetherSources` reads a publisher's files into it.
package struct PublishedNationalForecasts: Sendable {
  /// One day's Democratic national forecast.
  package struct Forecast: Sendable, Codable, Equatable {
    package var majorityProbability: Double
    package var meanSeats: Double
    package var medianSeats: Double
    /// The 80% interval of seats (10% and 90% quantiles).
    package var seats10: Double
    package var seats90: Double
    /// Popular-vote margin, D minus R, points, and its 80% interval.
    package var voteMargin: Double
    package var voteMargin10: Double
    package var voteMargin90: Double

    package init(majorityProbability: Double, meanSeats: Double, medianSeats: Double, seats10: Double, seats90: Double,
                 voteMargin: Double, voteMargin10: Double, voteMargin90: Double) {
      self.majorityProbability = majorityProbability
      self.meanSeats = meanSeats
      self.medianSeats = medianSeats
      self.seats10 = seats10
      self.seats90 = seats90
      self.voteMargin = voteMargin
      self.voteMargin10 = voteMargin10
      self.voteMargin90 = voteMargin90
    }
  }

  /// Forecasts by model version and date.
  package var forecasts: [String: [CalendarDate: Forecast]]

  /// Creates the forecasts directly.
  package init(forecasts: [String: [CalendarDate: Forecast]]) {
    self.forecasts = forecasts
  }

  /// One model version's forecast of `date`.
  package func forecast(model: String, date: CalendarDate) -> Forecast? { forecasts[model]?[date] }
}
