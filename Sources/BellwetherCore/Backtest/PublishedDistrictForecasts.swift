import Foundation

/// A published forecaster's daily district forecasts, for scoring beside Bellwether on the same date
/// and seats. Read from FiveThirtyEight's `house_district_forecast.csv` schema (one row per
/// candidate, model version and day):
///
/// | column | meaning |
/// |---|---|
/// | `forecastdate` | day of the forecast, YYYY-MM-DD |
/// | `state`, `district` | two-letter state and district number (at-large seats are 1) |
/// | `party` | candidate's party (`D`, `R`, other or empty) |
/// | `model` | model version, e.g. `lite`, `classic`, `deluxe` |
/// | `win_probability` | the candidate's chance of winning, 0...1 |
///
/// A seat's chance of a Democratic win is the sum over its `D` candidates (two Democrats can share a
/// top-two ballot). Seat ids are `ST-NN`, as in the district table.
///
/// A seat whose candidates' chances sum to more than 1 is an error. One whose chances sum to less
/// than 1 is missing a candidate's row (in the 2018 file, LA-06's Republican incumbent is absent
/// from August 1 to November 1): its Democratic chance is still the sum of its Democrats' rows, and
/// the seat is listed in `shortfalls` so that reports can say so.
public struct PublishedDistrictForecasts: Sendable {
  /// A seat whose candidates' win probabilities sum to less than 1 on one day.
  public struct Shortfall: Sendable, Codable, Equatable {
    public var model: String
    public var date: CalendarDate
    public var seat: String
    /// The sum of the candidates' win probabilities.
    public var sum: Double
    /// The line of the seat's first row.
    public var line: Int
  }

  /// P(D win) by model version, date and seat id.
  public var probabilities: [String: [CalendarDate: [String: Double]]]
  /// Seats missing a candidate's row, by model, date and seat.
  public var shortfalls: [Shortfall]

  /// Creates the forecasts directly.
  public init(probabilities: [String: [CalendarDate: [String: Double]]], shortfalls: [Shortfall] = []) {
    self.probabilities = probabilities
    self.shortfalls = shortfalls
  }

  /// Model versions, sorted.
  public var models: [String] { probabilities.keys.sorted() }

  /// A seat's chance of a Democratic win in one model version's forecast of `date`.
  public func probability(model: String, date: CalendarDate, seat: String) -> Double? {
    probabilities[model]?[date]?[seat]
  }

  /// The candidates' win probabilities in one seat may exceed 1 by at most this (the file rounds
  /// each to four decimals); a sum below `1 - sumTolerance` is a shortfall.
  public static let sumTolerance = 0.01

  /// Reads the table, keeping only `dates` when given (rows of other dates are not checked).
  /// - Throws: `InputError` with file, line and field for a bad row, or for a seat whose candidates'
  ///   probabilities sum to more than 1.
  /// - Complexity: O(rows).
  public static func read(_ table: CSVTable, dates: Set<CalendarDate>? = nil) throws -> PublishedDistrictForecasts {
    let c = try ["forecastdate", "state", "district", "party", "model", "win_probability"].map { try table.column($0) }
    var democratic: [String: [CalendarDate: [String: Double]]] = [:]
    var total: [String: [CalendarDate: [String: (sum: Double, line: Int)]]] = [:]
    // Rows of other dates are skipped unread (the daily file has 300,000 rows).
    let wanted = dates.map { Set($0.map(\.iso)) }
    for (index, fields) in table.rows.enumerated() {
      if let wanted, !wanted.contains(fields[c[0]].trimmingCharacters(in: .whitespaces)) { continue }
      let row = CSVTable.Row(table: table, index: index)
      let date = try row.date(c[0])
      let state = try row.requiredText(c[1])
      guard state.count == 2, state.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
        throw row.error(c[1], expected: "a two-letter state code", found: state)
      }
      let number = try row.integer(c[2])
      guard (1...99).contains(number) else { throw row.error(c[2], expected: "a district number in 1...99", found: row.text(c[2])) }
      let seat = state + "-" + (number < 10 ? "0" : "") + String(number)
      let model = try row.requiredText(c[4])
      let p = try row.number(c[5])
      guard (0...1).contains(p) else { throw row.error(c[5], expected: "a probability in 0...1", found: row.text(c[5])) }
      // Every seat gets an entry, 0 when no Democrat runs.
      democratic[model, default: [:]][date, default: [:]][seat, default: 0] += row.text(c[3]) == "D" ? p : 0
      let previous = total[model, default: [:]][date, default: [:]][seat] ?? (0, row.line)
      total[model, default: [:]][date, default: [:]][seat] = (previous.sum + p, previous.line)
    }
    var shortfalls: [Shortfall] = []
    for (model, byDate) in total {
      for (date, bySeat) in byDate {
        for (seat, t) in bySeat {
          if t.sum > 1 + sumTolerance {
            throw InputError(file: table.file, line: t.line, field: "win_probability",
                             expected: "candidates' win probabilities summing to at most 1 for \(seat) (\(model), \(date.iso))",
                             found: String(format: "a sum of %.4f", t.sum))
          }
          if t.sum < 1 - sumTolerance { shortfalls.append(Shortfall(model: model, date: date, seat: seat, sum: t.sum, line: t.line)) }
        }
      }
    }
    shortfalls.sort { ($0.line, $0.model) < ($1.line, $1.model) }
    return PublishedDistrictForecasts(probabilities: democratic.mapValues { $0.mapValues { $0.mapValues { min($0, 1) } } },
                                      shortfalls: shortfalls)
  }
}
