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
public struct PublishedDistrictForecasts: Sendable {
  /// P(D win) by model version, date and seat id.
  public var probabilities: [String: [CalendarDate: [String: Double]]]

  /// Creates the forecasts directly.
  public init(probabilities: [String: [CalendarDate: [String: Double]]]) {
    self.probabilities = probabilities
  }

  /// Model versions, sorted.
  public var models: [String] { probabilities.keys.sorted() }

  /// A seat's chance of a Democratic win in one model version's forecast of `date`.
  public func probability(model: String, date: CalendarDate, seat: String) -> Double? {
    probabilities[model]?[date]?[seat]
  }

  /// The candidates' win probabilities in one seat must sum to 1 within this tolerance (the file
  /// rounds each to four decimals).
  public static let sumTolerance = 0.01

  /// Reads the table, keeping only `dates` when given.
  /// - Throws: `InputError` with file, line and field for a bad row, or for a seat whose candidates'
  ///   probabilities do not sum to 1.
  /// - Complexity: O(rows).
  public static func read(_ table: CSVTable, dates: Set<CalendarDate>? = nil) throws -> PublishedDistrictForecasts {
    let c = try ["forecastdate", "state", "district", "party", "model", "win_probability"].map { try table.column($0) }
    var democratic: [String: [CalendarDate: [String: Double]]] = [:]
    var total: [String: [CalendarDate: [String: (sum: Double, line: Int)]]] = [:]
    for row in table.typedRows {
      let date = try row.date(c[0])
      if let dates, !dates.contains(date) { continue }
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
    for (model, byDate) in total {
      for (date, bySeat) in byDate {
        for (seat, t) in bySeat where abs(t.sum - 1) > sumTolerance {
          throw InputError(file: table.file, line: t.line, field: "win_probability",
                           expected: "candidates' win probabilities summing to 1 for \(seat) (\(model), \(date.iso))",
                           found: String(format: "a sum of %.4f", t.sum))
        }
      }
    }
    return PublishedDistrictForecasts(probabilities: democratic.mapValues { $0.mapValues { $0.mapValues { min($0, 1) } } })
  }
}
