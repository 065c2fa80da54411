import Foundation

/// Walks a JSON5 config tree, reading typed values by dotted key and collecting every problem
/// instead of stopping at the first, so `check-config` can report them all at once.
struct ConfigReader {
  let file: String
  private(set) var errors: [InputError] = []

  init(file: String) { self.file = file }

  mutating func fail(_ key: String, expected: String, found: String?) {
    errors.append(InputError(file: file, field: key, expected: expected, found: found))
  }

  /// Reads a table, flagging keys not in `allowed` (with the closest valid key as a suggestion).
  mutating func table(_ value: JSONValue?, key: String, allowed: [String], required: Bool = true) -> [String: JSONValue] {
    guard let value else {
      if required { fail(key, expected: "a table with keys \(allowed.joined(separator: ", "))", found: "nothing (missing key)") }
      return [:]
    }
    guard case .object(let dict) = value else {
      fail(key, expected: "a table", found: value.typeName)
      return [:]
    }
    for name in dict.keys.sorted() where !allowed.contains(name) {
      let path = key.isEmpty ? name : "\(key).\(name)"
      let suggestion = ConfigReader.closest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
      fail(path, expected: "a known key\(suggestion)", found: "unknown key '\(name)'")
    }
    return dict
  }

  mutating func number(_ dict: [String: JSONValue], _ name: String, in key: String,
                       range: ClosedRange<Double>? = nil, rangeText: String? = nil, default fallback: Double? = nil) -> Double {
    let path = key.isEmpty ? name : "\(key).\(name)"
    guard let value = dict[name] else {
      if let fallback { return fallback }
      fail(path, expected: "a number", found: "nothing (missing key)")
      return .nan
    }
    guard case .number(let number) = value else {
      fail(path, expected: "a number", found: value.typeName)
      return .nan
    }
    guard number.isFinite else {
      fail(path, expected: "a finite number", found: "\(number)")
      return .nan
    }
    if let range, !range.contains(number) {
      fail(path, expected: rangeText ?? "a number in \(range.lowerBound)...\(range.upperBound)", found: ConfigReader.format(number))
    }
    return number
  }

  mutating func optionalNumber(_ dict: [String: JSONValue], _ name: String, in key: String) -> Double?? {
    guard let value = dict[name] else { return .none }
    if case .null = value { return .some(nil) }
    return .some(number(dict, name, in: key))
  }

  mutating func integer(_ dict: [String: JSONValue], _ name: String, in key: String,
                        range: ClosedRange<Double>, rangeText: String) -> Double {
    let value = number(dict, name, in: key, range: range, rangeText: rangeText)
    if value.isFinite, value.rounded() != value {
      fail(key.isEmpty ? name : "\(key).\(name)", expected: "a whole number", found: ConfigReader.format(value))
    }
    return value
  }

  mutating func string(_ dict: [String: JSONValue], _ name: String, in key: String, default fallback: String? = nil) -> String {
    let path = key.isEmpty ? name : "\(key).\(name)"
    guard let value = dict[name] else {
      if let fallback { return fallback }
      fail(path, expected: "a string", found: "nothing (missing key)")
      return ""
    }
    guard case .string(let text) = value else {
      fail(path, expected: "a string", found: value.typeName)
      return ""
    }
    return text
  }

  mutating func date(_ dict: [String: JSONValue], _ name: String, in key: String) -> CalendarDate? {
    let text = string(dict, name, in: key)
    guard !text.isEmpty else { return nil }
    guard let date = CalendarDate(iso: text) else {
      fail(key.isEmpty ? name : "\(key).\(name)", expected: "a date as YYYY-MM-DD", found: text)
      return nil
    }
    return date
  }

  static func format(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  /// The allowed key with the smallest edit distance, if it is close enough to be a plausible typo.
  static func closest(to name: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, name.count / 3) ? best.0 : nil
  }

  /// Levenshtein distance (Wagner and Fischer, "The String-to-String Correction Problem", JACM 1974).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      if !b.isEmpty {
        for j in 1...b.count {
          current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
