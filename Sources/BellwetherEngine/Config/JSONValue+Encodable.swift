/// A parsed value written back as the JSON it was read from (numbers as numbers, tables as
/// objects), so that a document can carry a config value as the value itself rather than as text
/// (`bellwether sweep --format json`, docs/cluster.md).
extension JSONValue: Encodable {
  package func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value):
      // A whole number reads back as written (4, not 4.0), within the range a Double holds exactly.
      if value.rounded() == value, abs(value) < 9.0e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
    case .string(let value): try container.encode(value)
    case .array(let values): try container.encode(values)
    case .object(let values): try container.encode(values)
    }
  }
}
