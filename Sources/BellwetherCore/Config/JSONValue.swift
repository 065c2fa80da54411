import Foundation

/// A parsed JSON5 document as a plain tree, so the config reader can walk it key by key and report
/// every problem (unknown key, wrong type, bad value) with its dotted path.
public enum JSONValue: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() { self = .null }
    else if let value = try? container.decode(Bool.self) { self = .bool(value) }
    else if let value = try? container.decode(Double.self) { self = .number(value) }
    else if let value = try? container.decode(String.self) { self = .string(value) }
    else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
    else { self = .object(try container.decode([String: JSONValue].self)) }
  }

  /// Parses JSON5 text (comments, trailing commas, unquoted keys allowed).
  /// - Throws: `InputError` naming the file when the text is not valid JSON5.
  public static func parseJSON5(_ data: Data, file: String) throws -> JSONValue {
    let decoder = JSONDecoder()
    decoder.allowsJSON5 = true
    do {
      return try decoder.decode(JSONValue.self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      throw InputError(file: file, expected: "valid JSON5", found: detail ?? context.debugDescription)
    } catch {
      throw InputError(file: file, expected: "valid JSON5", found: "\(error)")
    }
  }

  /// A short name of this value's type for error messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "a table"
    }
  }
}
