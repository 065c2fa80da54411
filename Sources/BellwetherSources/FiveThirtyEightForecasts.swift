import BellwetherBacktest
import BellwetherEngine
import Foundation

// FiveThirtyEight's published House forecasts, read from its public CSV schemas into the
// publisher-neutral types a backtest scores.

extension PublishedDistrictForecasts {
  /// Reads FiveThirtyEight's `house_district_forecast.csv` schema (one row per candidate, model
  /// version and day):
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
  /// top-two ballot). Seat ids are `ST-NN`, as in the district table. A seat whose candidates'
  /// chances sum to more than 1 is an error; one whose chances sum to less than 1 is missing a
  /// candidate's row (in the 2018 file, LA-06's Republican incumbent is absent from August 1 to
  /// November 1) and is listed in `shortfalls`.
  ///
  /// Keeps only `dates` when given only `dates` when given (rows of other dates are not checked).
  /// - Throws: `InputError` with file, line and field for a bad row, or for a seat whose candidates'
  ///   probabilities sum to more than 1.
  /// - Complexity: O(rows).
  static func readFiveThirtyEight(_ table: CSVTable, dates: Set<CalendarDate>? = nil) throws -> PublishedDistrictForecasts {
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
      democratic[model, default: [:]][date, default: [:]][seat, default: 0] += Party(code: row.text(c[3])) == .democratic ? p : 0
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

extension PublishedNationalForecasts {
  /// Reads FiveThirtyEight's `house_national_forecast.csv` schema: `forecastdate`, `party`, `model`,
  /// `win_probability` (chance of a majority), `mean_seats`, `median_seats`, `p10_seats`, `p90_seats`,
  /// `margin`, `p10_margin`, `p90_margin` (popular-vote margin in points, from that party's side).
  /// Only the Democratic rows are kept.
  /// - Throws: `InputError` with file, line and field for a bad or repeated row.
  static func readFiveThirtyEight(_ table: CSVTable) throws -> PublishedNationalForecasts {
    let c = try ["forecastdate", "party", "model", "win_probability", "mean_seats", "median_seats", "p10_seats",
                 "p90_seats", "margin", "p10_margin", "p90_margin"].map { try table.column($0) }
    var forecasts: [String: [CalendarDate: Forecast]] = [:]
    for row in table.typedRows where Party(code: row.text(c[1])) == .democratic {
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
