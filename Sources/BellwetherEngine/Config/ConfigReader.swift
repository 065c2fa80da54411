import Foundation

/// Walks a JSON5 config tree, reading typed values by dotted key and collecting every problem
/// instead of stopping at the first, so `check-config` can report them all at once.
///
/// Each problem names the dotted key and, when the parser recorded one, the line and column where
/// the key was written (for a missing key: where the table that should hold it was written).
package struct ConfigReader {
  package let file: String
  package let positions: [String: JSON5Parser.Position]
  package private(set) var errors: [InputError] = []
  /// Tables already reported missing or of the wrong type: problems inside them are not repeated.
  private var absent: Set<String> = []

  package init(file: String, positions: [String: JSON5Parser.Position] = [:]) {
    self.file = file
    self.positions = positions
  }

  /// Where a key was written: the key itself, else its nearest enclosing table.
  package func position(of key: String) -> JSON5Parser.Position? {
    var path = key
    while true {
      if let position = positions[path] { return position }
      if path.isEmpty { return nil }
      path = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? ""
    }
  }

  /// Whether the key lies inside a table already reported missing or of the wrong type.
  private func isInsideAbsentTable(_ key: String) -> Bool {
    absent.contains { $0.isEmpty || key.hasPrefix($0 + ".") }
  }

  /// Records a problem whose `found` is a value from the file (shown in quotes).
  package mutating func fail(_ key: String, expected: String, found: String?) {
    if isInsideAbsentTable(key) { return }
    let at = position(of: key)
    errors.append(InputError(file: file, line: at?.line, column: at?.column, field: key.isEmpty ? nil : key,
                             expected: expected, found: found))
  }

  /// Records a problem whose `found` is described in words.
  package mutating func fail(_ key: String, expected: String, foundDescription: String) {
    if isInsideAbsentTable(key) { return }
    let at = position(of: key)
    errors.append(InputError(file: file, line: at?.line, column: at?.column, field: key.isEmpty ? nil : key,
                             expected: expected, foundDescription: foundDescription))
  }

  static let missing = "no value (the key is missing)"

  /// Reads a table, flagging keys not in `allowed` (with the closest valid key as a suggestion).
  package mutating func table(_ value: JSONValue?, key: String, allowed: [String], required: Bool = true) -> [String: JSONValue] {
    guard let value else {
      if required {
        fail(key, expected: "a table with the keys \(allowed.joined(separator: ", "))", foundDescription: ConfigReader.missing)
        absent.insert(key)
      }
      return [:]
    }
    guard case .object(let dict) = value else {
      fail(key, expected: "a table with the keys \(allowed.joined(separator: ", "))", foundDescription: value.summary)
      absent.insert(key)
      return [:]
    }
    for name in dict.keys.sorted() where !allowed.contains(name) {
      let path = key.isEmpty ? name : "\(key).\(name)"
      let suggestion = ClosestName.find(name, in: allowed).map { "did you mean '\($0)'? " } ?? ""
      fail(path, expected: "a known key (\(suggestion)the keys here are \(allowed.joined(separator: ", ")))",
           foundDescription: "an unknown key")
    }
    return dict
  }

  package mutating func number(_ dict: [String: JSONValue], _ name: String, in key: String,
                       range: ClosedRange<Double>? = nil, rangeText: String? = nil, default fallback: Double? = nil) -> Double {
    let path = key.isEmpty ? name : "\(key).\(name)"
    guard let value = dict[name] else {
      if let fallback { return fallback }
      fail(path, expected: rangeText ?? "a number", foundDescription: ConfigReader.missing)
      return .nan
    }
    guard case .number(let number) = value else {
      fail(path, expected: rangeText ?? "a number", foundDescription: value.summary)
      return .nan
    }
    guard number.isFinite else {
      fail(path, expected: rangeText ?? "a finite number", found: NumberText.plain(number))
      return .nan
    }
    if let range, !range.contains(number) {
      fail(path, expected: rangeText ?? "a number in \(range.lowerBound)...\(range.upperBound)", found: NumberText.plain(number))
      return .nan
    }
    return number
  }

  package mutating func integer(_ dict: [String: JSONValue], _ name: String, in key: String,
                        range: ClosedRange<Double>, rangeText: String) -> Double {
    let value = number(dict, name, in: key, range: range, rangeText: rangeText)
    if value.isFinite, value.rounded() != value {
      fail(key.isEmpty ? name : "\(key).\(name)", expected: rangeText, found: NumberText.plain(value))
      return .nan
    }
    return value
  }

  package mutating func string(_ dict: [String: JSONValue], _ name: String, in key: String, default fallback: String? = nil) -> String {
    let path = key.isEmpty ? name : "\(key).\(name)"
    guard let value = dict[name] else {
      if let fallback { return fallback }
      fail(path, expected: "a string", foundDescription: ConfigReader.missing)
      return ""
    }
    guard case .string(let text) = value else {
      fail(path, expected: "a string", foundDescription: value.summary)
      return ""
    }
    return text
  }

  package mutating func date(_ dict: [String: JSONValue], _ name: String, in key: String) -> CalendarDate? {
    let path = key.isEmpty ? name : "\(key).\(name)"
    guard let value = dict[name] else {
      fail(path, expected: "a date as \"YYYY-MM-DD\"", foundDescription: ConfigReader.missing)
      return nil
    }
    guard case .string(let text) = value else {
      fail(path, expected: "a date as \"YYYY-MM-DD\"", foundDescription: value.summary)
      return nil
    }
    guard let date = CalendarDate(iso: text) else {
      fail(path, expected: "a date as \"YYYY-MM-DD\"", found: text)
      return nil
    }
    return date
  }
}
