import Foundation

/// A strict JSON5 reader (the JSON5 Data Interchange Format, https://spec.json5.org, version 1.0.0)
/// that remembers where each table key was written, so a config error can name its line and column.
///
/// It accepts everything the JSON5 grammar allows (comments, trailing commas, unquoted keys,
/// single-quoted strings, hexadecimal numbers, `Infinity`, `NaN`, leading `+`) and refuses, with the
/// line and column, what a person editing by hand most often gets wrong: a missing comma, an
/// unclosed string or comment, a repeated key (JSON leaves it undefined; a silent winner would hide
/// an edit), bytes that are not UTF-8. Nesting is limited to `maximumDepth` levels so that no input
/// can exhaust the stack.
package struct JSON5Parser {
  /// A 1-based line and column (columns count characters, not bytes).
  package struct Position: Sendable, Equatable {
    package var line: Int
    package var column: Int
    /// Creates a position.
    package init(line: Int, column: Int) {
      self.line = line
      self.column = column
    }
  }

  /// A parsed document: its value, and where each table key was written, keyed by dotted path
  /// (`noise.shares.state`; the root value is at the empty path).
  package struct Document: Sendable {
    package var value: JSONValue
    package var positions: [String: Position]
  }

  /// The deepest nesting of tables and arrays accepted.
  static let maximumDepth = 64

  private let file: String
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var column = 1
  private var positions: [String: Position] = [:]

  private init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  /// Parses JSON5 text.
  /// - Parameter file: the name used in error messages.
  /// - Throws: `InputError` with the line and column of the first problem.
  /// - Complexity: O(n) in the size of the text.
  package static func parse(_ data: Data, file: String) throws -> Document {
    let bytes = [UInt8](data)
    if let bad = UTF8Validation.firstInvalid(bytes) {
      throw InputError(file: file, line: bad.line, column: bad.column, expected: "UTF-8 text (save the file as UTF-8)",
                       foundDescription: "the byte \(bad.byte) that is not UTF-8")
    }
    if let nul = UTF8Validation.firstNUL(bytes) {
      throw InputError(file: file, line: nul.line, column: nul.column, expected: "text without NUL bytes",
                       foundDescription: "a NUL byte (0x00)")
    }
    var parser = JSON5Parser(bytes: bytes, file: file)
    try parser.skipTrivia()
    guard parser.index < bytes.count else {
      throw parser.error(expected: "a JSON5 value (the config is a table: { ... })", found: "the end of the file")
    }
    parser.positions[""] = parser.position
    let value = try parser.parseValue(path: "", depth: 0)
    try parser.skipTrivia()
    guard parser.index == bytes.count else {
      throw parser.error(expected: "the end of the file after the top-level value", found: parser.describeCurrent())
    }
    return Document(value: value, positions: parser.positions)
  }

  // MARK: - Values

  private mutating func parseValue(path: String, depth: Int) throws -> JSONValue {
    guard index < bytes.count else { throw error(expected: "a value", found: "the end of the file") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(path: path, depth: depth + 1)
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try parseString())
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
      return .number(try parseNumber())
    default:
      let start = position
      let word = readIdentifier()
      switch word {
      case "null": return .null
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "Infinity": return .number(.infinity)
      case "NaN": return .number(.nan)
      default:
        throw InputError(file: file, line: start.line, column: start.column,
                         expected: "a value (a number, a \"string\", true, false, null, { a table } or [ an array ])",
                         foundDescription: word.isEmpty ? describeCurrent() : "'\(word)' (put text in quotes)")
      }
    }
  }

  private mutating func parseObject(path: String, depth: Int) throws -> JSONValue {
    guard depth <= JSON5Parser.maximumDepth else {
      throw error(expected: "at most \(JSON5Parser.maximumDepth) nested tables and arrays", found: "deeper nesting")
    }
    advance()  // {
    var members: [String: JSONValue] = [:]
    try skipTrivia()
    while true {
      guard index < bytes.count else { throw error(expected: "a key or '}' to close the table", found: "the end of the file") }
      if bytes[index] == UInt8(ascii: "}") { advance(); return .object(members) }
      let keyStart = position
      let key: String
      if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
        key = try parseString()
      } else {
        key = readIdentifier()
        guard !key.isEmpty else { throw error(expected: "a key (a name or a \"string\") or '}'", found: describeCurrent()) }
      }
      let keyPath = path.isEmpty ? key : "\(path).\(key)"
      if members[key] != nil {
        let first = positions[keyPath].map { " (first at line \($0.line), column \($0.column))" } ?? ""
        throw InputError(file: file, line: keyStart.line, column: keyStart.column, field: keyPath,
                         expected: "each key once in a table", foundDescription: "'\(key)' a second time\(first)")
      }
      positions[keyPath] = keyStart
      try skipTrivia()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw error(expected: "':' after the key '\(key)'", found: describeCurrent())
      }
      advance()
      try skipTrivia()
      members[key] = try parseValue(path: keyPath, depth: depth)
      try skipTrivia()
      guard index < bytes.count else { throw error(expected: "',' or '}' after the value of '\(key)'", found: "the end of the file") }
      if bytes[index] == UInt8(ascii: ",") {
        advance()
        try skipTrivia()
      } else if bytes[index] != UInt8(ascii: "}") {
        throw error(expected: "',' or '}' after the value of '\(key)'", found: describeCurrent())
      }
    }
  }

  private mutating func parseArray(path: String, depth: Int) throws -> JSONValue {
    guard depth <= JSON5Parser.maximumDepth else {
      throw error(expected: "at most \(JSON5Parser.maximumDepth) nested tables and arrays", found: "deeper nesting")
    }
    advance()  // [
    var elements: [JSONValue] = []
    try skipTrivia()
    while true {
      guard index < bytes.count else { throw error(expected: "a value or ']' to close the array", found: "the end of the file") }
      if bytes[index] == UInt8(ascii: "]") { advance(); return .array(elements) }
      elements.append(try parseValue(path: "\(path)[\(elements.count)]", depth: depth))
      try skipTrivia()
      guard index < bytes.count else { throw error(expected: "',' or ']' after an array element", found: "the end of the file") }
      if bytes[index] == UInt8(ascii: ",") {
        advance()
        try skipTrivia()
      } else if bytes[index] != UInt8(ascii: "]") {
        throw error(expected: "',' or ']' after an array element", found: describeCurrent())
      }
    }
  }

  // MARK: - Strings

  private mutating func parseString() throws -> String {
    let start = position
    let quote = bytes[index]
    advance()
    var scalars = String.UnicodeScalarView()
    while true {
      guard index < bytes.count else {
        throw InputError(file: file, line: start.line, column: start.column,
                         expected: "a closing \(quote == UInt8(ascii: "\"") ? "double" : "single") quote for the string opened here",
                         foundDescription: "the end of the file")
      }
      let byte = bytes[index]
      if byte == quote { advance(); return String(scalars) }
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
        throw InputError(file: file, line: start.line, column: start.column,
                         expected: "a closing quote on the line the string opens (end a line inside a string with \\)",
                         foundDescription: "the end of the line")
      }
      if byte == UInt8(ascii: "\\") {
        advance()
        let escape = position
        if let scalar = try parseEscape() {
          guard scalar.value != 0 else {
            throw InputError(file: file, line: escape.line, column: escape.column - 1, expected: "a string without NUL characters",
                             foundDescription: "an escape that makes one")
          }
          scalars.append(scalar)
        }
      } else {
        scalars.append(readScalar())
      }
    }
  }

  /// Reads the escape after a backslash; nil for a line continuation.
  private mutating func parseEscape() throws -> Unicode.Scalar? {
    guard index < bytes.count else { throw error(expected: "an escape after '\\'", found: "the end of the file") }
    let byte = bytes[index]
    switch byte {
    case UInt8(ascii: "b"): advance(); return "\u{08}"
    case UInt8(ascii: "f"): advance(); return "\u{0C}"
    case UInt8(ascii: "n"): advance(); return "\n"
    case UInt8(ascii: "r"): advance(); return "\r"
    case UInt8(ascii: "t"): advance(); return "\t"
    case UInt8(ascii: "v"): advance(); return "\u{0B}"
    case UInt8(ascii: "0"):
      advance()
      if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        throw error(expected: "no digit after \\0", found: describeCurrent())
      }
      return "\u{00}"
    case UInt8(ascii: "1")...UInt8(ascii: "9"):
      throw error(expected: "an escape other than a digit (octal escapes are not JSON5)", found: describeCurrent())
    case UInt8(ascii: "x"):
      advance()
      return Unicode.Scalar(UInt8(try readHex(digits: 2)))
    case UInt8(ascii: "u"):
      advance()
      let high = try readHex(digits: 4)
      if (0xD800...0xDBFF).contains(high) {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
          throw error(expected: "a low surrogate \\uDC00...\\uDFFF after a high surrogate", found: describeCurrent())
        }
        advance(); advance()
        let low = try readHex(digits: 4)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw error(expected: "a low surrogate \\uDC00...\\uDFFF after a high surrogate", found: String(format: "\\u%04X", low))
        }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw error(expected: "a character escape, not a lone surrogate", found: String(format: "\\u%04X", high))
      }
      return scalar
    case UInt8(ascii: "\n"):
      advance()
      return nil
    case UInt8(ascii: "\r"):
      advance()
      if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { advance() }
      return nil
    default:
      let scalar = readScalar()
      if scalar == "\u{2028}" || scalar == "\u{2029}" { return nil }
      return scalar  // JSON5: any other escaped character stands for itself
    }
  }

  private mutating func readHex(digits: Int) throws -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<digits {
      guard index < bytes.count, let digit = JSON5Parser.hexValue(bytes[index]) else {
        throw error(expected: "\(digits) hexadecimal digits", found: describeCurrent())
      }
      value = value * 16 + UInt32(digit)
      advance()
    }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
  }

  // MARK: - Numbers

  private mutating func parseNumber() throws -> Double {
    let start = position
    var sign = 1.0
    if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
      if bytes[index] == UInt8(ascii: "-") { sign = -1 }
      advance()
    }
    func bad(_ found: String) -> InputError {
      InputError(file: file, line: start.line, column: start.column, expected: "a number", foundDescription: found)
    }
    guard index < bytes.count else { throw bad("the end of the file") }
    if bytes[index] == UInt8(ascii: "I") || bytes[index] == UInt8(ascii: "N") {
      let word = readIdentifier()
      switch word {
      case "Infinity": return sign * .infinity
      case "NaN": return .nan
      default: throw bad("'\(word)'")
      }
    }
    var value: Double
    if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
      advance(); advance()
      var digits = 0
      value = 0
      while index < bytes.count, let digit = JSON5Parser.hexValue(bytes[index]) {
        value = value * 16 + Double(digit)
        digits += 1
        advance()
      }
      guard digits > 0 else { throw bad("'0x' without hexadecimal digits") }
    } else {
      var text = ""
      func digitRun() -> Int {
        var count = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
          text.append(Character(Unicode.Scalar(bytes[index])))
          advance()
          count += 1
        }
        return count
      }
      let integerDigits = digitRun()
      if integerDigits > 1, text.first == "0" { throw bad("'\(text)' (a leading zero)") }
      var fractionDigits = 0
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        text.append(".")
        advance()
        fractionDigits = digitRun()
      }
      guard integerDigits + fractionDigits > 0 else { throw bad(text.isEmpty ? describeCurrent() : "'\(text)' without digits") }
      if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
        text.append("e")
        advance()
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
          text.append(Character(Unicode.Scalar(bytes[index])))
          advance()
        }
        guard digitRun() > 0 else { throw bad("'\(text)' (an exponent without digits)") }
      }
      if text.hasPrefix(".") { text = "0" + text }
      if text.hasSuffix(".") { text += "0" }
      text = text.replacingOccurrences(of: ".e", with: ".0e")
      guard let parsed = Double(text) else { throw bad("'\(text)'") }
      value = parsed
    }
    if index < bytes.count, bytes[index] < 0x80, JSON5Parser.isIdentifierByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
      throw error(expected: "a separator after the number", found: describeCurrent())
    }
    return sign * value
  }

  // MARK: - Identifiers, whitespace and comments

  private static func isIdentifierByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
         UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"):
      return true
    default:
      return byte >= 0x80
    }
  }

  /// Reads an ECMAScript IdentifierName: letters, digits (not first), `_`, `$`, or letters beyond ASCII.
  private mutating func readIdentifier() -> String {
    var scalars = String.UnicodeScalarView()
    while index < bytes.count, JSON5Parser.isIdentifierByte(bytes[index]) {
      if bytes[index] < 0x80 {
        if scalars.isEmpty, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { break }
        scalars.append(Unicode.Scalar(bytes[index]))
        advance()
      } else {
        let save = (index, line, column)
        let scalar = readScalar()
        guard scalar.properties.isAlphabetic || (!scalars.isEmpty && scalar.properties.numericType != nil) else {
          (index, line, column) = save
          break
        }
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  private mutating func skipTrivia() throws {
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
        advance()
      case UInt8(ascii: "/"):
        guard index + 1 < bytes.count else { throw error(expected: "a comment (// or /*)", found: "a lone '/'") }
        if bytes[index + 1] == UInt8(ascii: "/") {
          while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
        } else if bytes[index + 1] == UInt8(ascii: "*") {
          let start = position
          advance(); advance()
          while true {
            guard index + 1 < bytes.count else {
              throw InputError(file: file, line: start.line, column: start.column,
                               expected: "'*/' to close the comment opened here", foundDescription: "the end of the file")
            }
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { advance(); advance(); break }
            advance()
          }
        } else {
          throw error(expected: "a comment (// or /*)", found: "a lone '/'")
        }
      case 0x80...:
        let save = (index, line, column)
        let scalar = readScalar()
        guard scalar.properties.isWhitespace || scalar == "\u{FEFF}" else {
          (index, line, column) = save
          return
        }
      default:
        return
      }
    }
  }

  // MARK: - Positions

  private var position: Position { Position(line: line, column: column) }

  /// Moves past one byte, counting lines and characters (continuation bytes do not start one).
  private mutating func advance() {
    let byte = bytes[index]
    index += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  /// Reads one Unicode scalar (the text was validated as UTF-8).
  private mutating func readScalar() -> Unicode.Scalar {
    let lead = bytes[index]
    let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = UInt32(lead) & (length == 1 ? 0x7F : length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length { value = value << 6 | UInt32(bytes[index + k] & 0x3F) }
    for _ in 0..<length { advance() }
    return Unicode.Scalar(value) ?? "\u{FFFD}"
  }

  private func describeCurrent() -> String {
    guard index < bytes.count else { return "the end of the file" }
    var copy = self
    let scalar = copy.readScalar()
    switch scalar {
    case "\n", "\r": return "the end of the line"
    default: return scalar.properties.isWhitespace || scalar.value < 0x20 ? String(format: "the character U+%04X", scalar.value) : "'\(scalar)'"
    }
  }

  private func error(expected: String, found: String) -> InputError {
    InputError(file: file, line: line, column: column, expected: expected, foundDescription: found)
  }
}
