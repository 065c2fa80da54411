import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherReports

/// `history-national.csv` and `history-seats.csv` against `history.json`: every column is the
/// snake_case name of a field of the JSON document (`interval80_low`/`_high` the two ends of
/// `interval80`; `chamber` and `engine_version` the document's own), and every row holds the JSON's
/// values. The check reads the JSON back with JSONSerialization and the CSV by splitting text, so it
/// does not go through the code that wrote either.
struct HistoryExportColumnsTests {
  static func document() -> HistoryDocument {
    let start = CalendarDate(iso: "2018-10-01")!
    var trend: [HistoryPoint] = []
    for k in 0..<3 {
      let x = Double(k)
      let republican: Double? = k == 1 ? nil : 0.59 - 0.05 * x
      trend.append(HistoryPoint(asOf: start.adding(days: 2 * k), majorityProbability: 0.4 + 0.05 * x, meanSeats: 214.25 + x,
                                medianSeats: 214 + k, seats10: 203 + k, seats90: 226 + k, environmentMean: 5.5 + x,
                                environmentSD: 2.125, draws: 20_000, kind: k == 0 ? .backfill : .run,
                                republicanMajorityProbability: republican))
    }
    var seats: [HistorySeatPoint] = []
    for k in 0..<3 {
      let day = start.adding(days: 2 * k)
      let kind: RunKind = k == 0 ? .backfill : .run
      seats.append(HistorySeatPoint(asOf: day, kind: kind, id: "PA-07", democraticWinProbability: 0.6125, meanMargin: 2.5,
                                    margin10: -6.25, margin90: 11.5, tippingProbability: 0.03125))
      seats.append(HistorySeatPoint(asOf: day, kind: kind, id: "AK-01", democraticWinProbability: 0.25, meanMargin: nil,
                                    margin10: nil, margin90: nil, tippingProbability: 0))
    }
    return HistoryDocument(trend: trend, seats: seats, chamber: Chamber(name: "Test chamber", seats: 435, majority: 218, cycleStart: CalendarDate(iso: "2017-01-03")!, electionDate: CalendarDate(iso: "2018-11-06")!))
  }

  static func snake(_ camel: String) -> String {
    // A run of capitals is one word: environmentSD -> environment_sd.
    var out = "", previous: Character = " "
    for c in camel {
      if c.isUppercase, previous.isLowercase || previous.isNumber { out += "_" }
      out += c.lowercased()
      previous = c
    }
    return out
  }

  /// The JSON value a column names, as comparable text ("" for null).
  static func value(of column: String, in row: [String: Any], document: [String: Any]) -> String? {
    if column == "interval80_low" || column == "interval80_high" {
      let pair = row["interval80"] as! [Any]
      return "\(pair[column.hasSuffix("low") ? 0 : 1])"
    }
    for (key, v) in row where snake(key) == column { return v is NSNull ? "" : "\(v)" }
    for (key, v) in document where snake(key) == column { return "\(v)" }
    return nil
  }

  static func check(csv: String, rows: [[String: Any]], document: [String: Any]) {
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    #expect(lines.count - 1 == rows.count)
    for (line, row) in zip(lines.dropFirst(), rows) {
      for (column, text) in zip(header, line) {
        guard let expected = value(of: column, in: row, document: document) else {
          Issue.record("column \(column) names no field of history.json (\(row.keys.sorted()))")
          continue
        }
        if let a = Double(text), let b = Double(expected) {
          // The CSV rounds: within half a unit of its last printed digit.
          let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
          #expect(abs(a - b) <= 0.5 * pow(10, -Double(decimals)) + 1e-12, "\(column): \(text) vs \(expected)")
        } else {
          #expect(text == expected, "\(column): \(text) vs \(expected)")
        }
      }
    }
    // Every row has the same keys (an unknown figure is null, not left out), and every field has its
    // column (interval80 as its two ends).
    #expect(Set(rows.map { $0.keys.sorted() }.map { $0.joined(separator: ",") }).count == 1)
    for key in rows[0].keys {
      let wanted = key == "interval80" ? ["interval80_low", "interval80_high"] : [snake(key)]
      #expect(wanted.allSatisfy(header.contains), "field \(key) has no column")
    }
  }

  @Test func everyColumnIsAJSONFieldWithTheSameValues() throws {
    let document = Self.document()
    let json = try #require(try JSONSerialization.jsonObject(with: document.encoded()) as? [String: Any])
    let national = try #require(json["national"] as? [[String: Any]])
    let seats = try #require(json["seats"] as? [[String: Any]])
    #expect(national.count == 3 && seats.count == 6)
    Self.check(csv: HistoryCSV.national(document), rows: national, document: json)
    Self.check(csv: HistoryCSV.seats(document), rows: seats, document: json)
    // The null Republican chance and the fixed seat's margins stay empty, not 0.
    #expect(HistoryCSV.national(document).split(separator: "\n")[2].split(separator: ",", omittingEmptySubsequences: false)[6] == "")
  }
}
