import Foundation

/// A parsed JSON5 document as a plain tree, so the config reader can walk it key by key and report
/// every problem (unknown key, wrong type, bad value) with its dotted path.
package enum JSONValue: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  package init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() { self = .null }
    else if let value = try? container.decode(Bool.self) { self = .bool(value) }
    else if let value = try? container.decode(Double.self) { self = .number(value) }
    else if let value = try? container.decode(String.self) { self = .string(value) }
    else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
    else { self = .object(try container.decode([String: JSONValue].self)) }
  }

  /// Parses JSON5 text (comments, trailing commas, unquoted keys allowed) with `JSON5Parser`.
  /// - Throws: `InputError` with the file, line and column when the text is not valid JSON5.
  package static func parseJSON5(_ data: Data, file: String) throws -> JSONValue {
    try JSON5Parser.parse(data, file: file).value
  }

  /// A short name of this value's type for error messages.
  package var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "a table"
    }
  }

  /// The value's type and, for a scalar, the value itself, for error messages: `a string "435"`.
  package var summary: String {
    switch self {
    case .null: return "null"
    case .bool(let value): return "the boolean \(value)"
    case .number(let value): return "the number \(NumberText.plain(value))"
    case .string(let text):
      let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
      return "a string \"\(shown)\""
    case .array(let items): return "an array of \(items.count) item\(items.count == 1 ? "" : "s")"
    case .object: return "a table"
    }
  }

  /// An array shown in full when it is short and holds only numbers (`[2016, 1998]`), else its summary.
  static func describeList(_ value: JSONValue) -> String {
    if case .array(let items) = value, items.count <= 4 {
      let numbers = items.compactMap { item -> String? in
        if case .number(let n) = item { return NumberText.plain(n) }
        return nil
      }
      if numbers.count == items.count { return "[\(numbers.joined(separator: ", "))]" }
    }
    return value.summary
  }
}
