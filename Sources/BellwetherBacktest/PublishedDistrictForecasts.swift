import BellwetherEngine
import Foundation

/// A published forecaster's daily district forecasts, for scoring beside Bellwether on the same date
/// and seats: each seat's chance of a Democratic win, by model version and day. An adapter in
/// `BellwetherSources` reads a publisher's files into it.
///
/// A seat whose candidates' chances sum to less than 1 (a candidate's row missing from the source)
/// is listed in `shortfalls` so that reports can say so.
package struct PublishedDistrictForecasts: Sendable {
  /// A seat whose candidates' win probabilities sum to less than 1 on one day.
  package struct Shortfall: Sendable, Codable, Equatable {
    package var model: String
    package var date: CalendarDate
    package var seat: String
    /// The sum of the candidates' win probabilities.
    package var sum: Double
    /// The line of the seat's first row.
    package var line: Int

    package init(model: String, date: CalendarDate, seat: String, sum: Double, line: Int) {
      self.model = model
      self.date = date
      self.seat = seat
      self.sum = sum
      self.line = line
    }
  }

  /// P(D win) by model version, date and seat id.
  package var probabilities: [String: [CalendarDate: [String: Double]]]
  /// Seats missing a candidate's row, by model, date and seat.
  package var shortfalls: [Shortfall]

  /// Creates the forecasts directly.
  package init(probabilities: [String: [CalendarDate: [String: Double]]], shortfalls: [Shortfall] = []) {
    self.probabilities = probabilities
    self.shortfalls = shortfalls
  }

  /// Model versions, sorted.
  package var models: [String] { probabilities.keys.sorted() }

  /// A seat's chance of a Democratic win in one model version's forecast of `date`.
  package func probability(model: String, date: CalendarDate, seat: String) -> Double? {
    probabilities[model]?[date]?[seat]
  }

  /// The candidates' win probabilities in one seat may exceed 1 by at most this (the file rounds
  /// each to four decimals); a sum below `1 - sumTolerance` is a shortfall.
  package static let sumTolerance = 0.01
}
