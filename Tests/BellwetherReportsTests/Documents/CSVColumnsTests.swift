import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// One naming scheme for forecast.json and every CSV (docs/forecast-schema.md, "CSV columns"): the
/// table of that section is read from the doc itself, and a run's files written to disk are read back
/// with the engine's CSV reader and `JSONSerialization` (neither is the writers' code).
struct CSVColumnsTests {
  /// One row of the documented table.
  struct Documented: Equatable {
    var file: String
    var column: String
    /// The JSON path, e.g. `districts[].margin10`, `headline.interval80[0]`; nil for a run field.
    var path: String?
    /// Decimals a figure is written with; nil for text and integers.
    var decimals: Int?
  }

  /// The table rows of docs/forecast-schema.md's "CSV columns" section.
  static func documented() throws -> [Documented] {
    let text = try String(contentsOfFile: TestSupport.repositoryRoot + "/docs/forecast-schema.md", encoding: .utf8)
    var rows: [Documented] = []
    for line in text.split(separator: "\n") where line.hasPrefix("| districts.csv |") || line.hasPrefix("| national.csv |") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(cells.count == 4, "\(line)")
      let column = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      let isRunField = cells[2].hasPrefix("run field")
      let path = isRunField ? nil : cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      let decimals = cells[3].hasSuffix(" decimals") ? Int(cells[3].split(separator: " ")[0]) : nil
      rows.append(Documented(file: cells[0], column: column, path: path, decimals: decimals))
    }
    return rows
  }

  /// The rule of the doc, written independently of the writers: camelCase to snake_case, dots to
  /// `_`, `[0]`/`[1]` to `_low`/`_high`, the file's row object left out.
  static func snakeCase(_ path: String, rowObject: String) -> String {
    var p = path
    if p.hasPrefix(rowObject) { p.removeFirst(rowObject.count) }
    p = p.replacingOccurrences(of: "[0]", with: "_low").replacingOccurrences(of: "[1]", with: "_high")
    let chars = Array(p)
    var out = ""
    for (i, c) in chars.enumerated() {
      if c == "." { out += "_"; continue }
      if c.isUppercase, i > 0 {
        let previous = chars[i - 1]
        let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
        if previous.isLowercase || previous.isNumber || (previous.isUppercase && (next?.isLowercase ?? false)) { out += "_" }
      }
      out += c.lowercased()
    }
    return out
  }

  @Test func theRuleGivesTheDocumentedExamples() {
    #expect(Self.snakeCase("districts[].democraticWinProbability", rowObject: "districts[].") == "democratic_win_probability")
    #expect(Self.snakeCase("environment.posteriorSD", rowObject: "headline.") == "environment_posterior_sd")
    #expect(Self.snakeCase("headline.interval80[1]", rowObject: "headline.") == "interval80_high")
    #expect(Self.snakeCase("districts[].margin10", rowObject: "districts[].") == "margin10")
  }

  /// A value of a JSON object at a dotted path with `[k]` array indices.
  static func value(_ object: Any?, at path: String) -> Any? {
    var current = object
    for part in path.split(separator: ".") {
      var name = String(part)
      var index: Int?
      if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
        index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
        name = String(name[..<open])
      }
      current = (current as? [String: Any])?[name]
      if let index { current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
    }
    return current
  }

  /// Checks one CSV cell against its JSON value, within half a unit of the documented last decimal.
  static func check(_ cell: String, _ json: Any?, decimals: Int?, _ what: String) {
    switch json {
    case nil, is NSNull:
      #expect(cell.isEmpty, "\(what): forecast.json has no value, the CSV has '\(cell)'")
    case let text as String:
      #expect(cell == text, "\(what)")
    case let number as NSNumber:
      guard let decimals else {
        #expect(Int(cell) == number.intValue && Double(number.intValue) == number.doubleValue, "\(what): '\(cell)' against \(number)")
        return
      }
      guard let parsed = Double(cell) else { Issue.record("\(what): '\(cell)' is not a number"); return }
      // The CSV rounds to `decimals` places: within half a unit of the last place (plus the
      // binary rounding of the decimal text, far below 1e-9 at these magnitudes).
      let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
      #expect(abs(parsed - number.doubleValue) <= tolerance, "\(what): '\(cell)' against \(number)")
      #expect(cell.split(separator: ".").last?.count == decimals, "\(what): '\(cell)' should have \(decimals) decimals")
    default:
      Issue.record("\(what): unexpected JSON value \(String(describing: json))")
    }
  }

  @Test func everyColumnIsTheSnakeCaseOfTheForecastJSONFieldItCarriesWithItsValue() throws {
    let table = try Self.documented()
    let folder = try ScratchFolder()
    let result = try SyntheticChamber.smallResult(draws: 3_000)
    _ = try ReportBundle.write(result, to: folder.path)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/forecast.json")))
      as? [String: Any])
    let run = try #require(document["run"] as? [String: Any])
    let districts = try #require(document["districts"] as? [[String: Any]])
    for (file, rowObject) in [("districts.csv", "districts[]."), ("national.csv", "headline.")] {
      let columns = table.filter { $0.file == file }
      let csv = try CSVTable(contentsOf: folder.path + "/" + file)
      // The header is the table's columns, in order: no column lacks a documented counterpart.
      #expect(csv.header == columns.map(\.column), "\(file)")
      let objects: [Any] = file == "districts.csv" ? districts : [document]
      #expect(csv.rows.count == objects.count)
      for column in columns {
        let k = try #require(csv.header.firstIndex(of: column.column))
        guard let path = column.path else {
          // The run fields.
          for (row, object) in zip(csv.rows, objects) {
            let cell = row[k]
            switch column.column {
            case "forecast_date": #expect(cell == run["asOf"] as? String)
            case "cycle": #expect(cell == String(((run["chamber"] as? [String: Any])?["electionDate"] as? String ?? "").prefix(4)))
            case "config": #expect(cell == run["config"] as? String)
            case "engine_version": #expect(cell == run["engineVersion"] as? String)
            case "district":
              // The synthetic ids are XX-NN: the number without its leading zero.
              let id = try #require((object as? [String: Any])?["id"] as? String)
              #expect(cell == String(Int(id.split(separator: "-").last!)!), "\(id)")
            default: Issue.record("\(file): \(column.column) is documented as a run field but not checked")
            }
          }
          continue
        }
        #expect(column.column == Self.snakeCase(path, rowObject: rowObject), "\(file): \(column.column) for \(path)")
        let relative = path.hasPrefix(rowObject) && rowObject == "districts[]." ? String(path.dropFirst(rowObject.count)) : path
        var present = 0
        for (row, object) in zip(csv.rows, objects) {
          let json = Self.value(object, at: relative)
          if json != nil && !(json is NSNull) { present += 1 }
          Self.check(row[k], json, decimals: column.decimals, "\(file) \(column.column)")
        }
        #expect(present > 0, "\(file): \(path) is in no row of forecast.json")
      }
    }
    // The run fields listed in the doc are exactly these.
    #expect(Set(table.filter { $0.path == nil }.map(\.column)) == ["forecast_date", "cycle", "config", "engine_version", "district"])
  }
}
