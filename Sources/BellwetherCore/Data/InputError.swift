import Foundation

/// A problem in an input file, located precisely enough for a person to fix it.
///
/// Every reader in Bellwether reports bad input through this type: the file, the line (1-based,
/// counting the header as line 1) or the config key, the field, what was expected and what was found.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file the problem is in.
  public var file: String
  /// The 1-based line, when the problem is tied to one.
  public var line: Int?
  /// The column name, or the dotted config key.
  public var field: String?
  /// What the reader needed, in words.
  public var expected: String
  /// What the reader found instead.
  public var found: String?

  /// Creates an input error.
  public init(file: String, line: Int? = nil, field: String? = nil, expected: String, found: String? = nil) {
    self.file = file
    self.line = line
    self.field = field
    self.expected = expected
    self.found = found
  }

  public var description: String {
    var location = file
    if let line { location += ":\(line)" }
    var text = "\(location): "
    if let field { text += "field '\(field)': " }
    text += "expected \(expected)"
    if let found { text += ", found \(found.isEmpty ? "an empty value" : "'\(found)'")" }
    return text
  }
}

/// Several input problems reported together, so a person can fix them in one pass.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order they were found.
  public var errors: [InputError]

  /// Creates a list of problems; it should not be empty.
  public init(_ errors: [InputError]) { self.errors = errors }

  public var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
