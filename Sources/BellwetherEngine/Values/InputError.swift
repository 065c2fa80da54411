import Foundation

/// A problem in an input file, located precisely enough for a person to fix it.
///
/// Every reader in Bellwether reports bad input through this type: the file, the line (1-based,
/// counting the header as line 1) and column when known, the field (a CSV column name or a dotted
/// config key), what was expected and what was found. Its `description` is the message a person
/// sees, e.g. `districts.csv:7: field 'lean': expected a finite number, found 'NaN'`.
package struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file the problem is in.
  package var file: String
  /// The 1-based line, when the problem is tied to one.
  package var line: Int?
  /// The 1-based column (in characters), when the problem is tied to one position of the line.
  package var column: Int?
  /// The column name, or the dotted config key.
  package var field: String?
  /// What the reader needed, in words.
  package var expected: String
  /// What the reader found instead.
  package var found: String?
  /// Whether `found` is text copied from the input (shown in quotes) rather than a description of
  /// what was there (shown as is, e.g. `an empty file`).
  var foundIsLiteral: Bool

  /// Creates an input error whose `found` is text copied from the input (shown in quotes).
  package init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, expected: String,
              found: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.expected = expected
    self.found = found
    foundIsLiteral = true
  }

  /// Creates an input error whose `found` describes what was there in words (shown without quotes).
  package init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, expected: String,
              foundDescription: String) {
    self.init(file: file, line: line, column: column, field: field, expected: expected, found: foundDescription)
    foundIsLiteral = false
  }

  package var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    var text = "\(location): "
    if let field { text += "field '\(InputError.excerpt(field, limit: InputError.literalLimit))': " }
    text += "expected \(expected)"
    if let found {
      if !foundIsLiteral { text += ", found \(InputError.excerpt(found, limit: InputError.descriptionLimit))" }
      else { text += ", found \(found.isEmpty ? "an empty value" : "'\(InputError.excerpt(found, limit: InputError.literalLimit))'")" }
    }
    return text
  }

  /// The most characters of input text (a value, a column name) a message shows.
  static let literalLimit = 120
  /// The most characters of a description (which may quote input, e.g. a header's columns) a message shows.
  static let descriptionLimit = 600

  /// Input text as a message shows it: control characters escaped (`\n`, `\t`, `\0`, `\u{1B}`), so
  /// nothing from a file can move the cursor or forge a line of output, and at most `limit`
  /// characters, with the full length said when it is cut.
  static func excerpt(_ text: String, limit: Int) -> String {
    var out = ""
    var count = 0
    var total = 0
    for character in text {
      total += 1
      guard count < limit else { continue }
      count += 1
      for scalar in character.unicodeScalars {
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\0": out += "\\0"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
          out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: out.unicodeScalars.append(scalar)
        }
      }
    }
    return total > limit ? out + "... (\(total) characters)" : out
  }
}

/// Several input problems reported together, so a person can fix them in one pass.
package struct InputErrors: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order they were found.
  package var errors: [InputError]
  /// Creates a list of problems; it should not be empty.
  package init(_ errors: [InputError]) { self.errors = errors }
  package var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
