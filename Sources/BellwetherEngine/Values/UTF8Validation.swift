import Foundation

/// Where a file's bytes stop being UTF-8, for the CSV and config readers' errors.
package enum UTF8Validation {
  /// The line and column (in characters, 1-based) of the first NUL byte, if any: never text, it
  /// would truncate a number (C's strtod stops there) or be copied into every report.
  static func firstNUL(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
    guard let nul = bytes.firstIndex(of: 0) else { return nil }
    let line = 1 + bytes[..<nul].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    let lineStart = bytes[..<nul].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
    return (line, 1 + String(decoding: bytes[lineStart..<nul], as: UTF8.self).count)
  }

  /// The position of the first byte that is not part of valid UTF-8: line, column (in characters,
  /// 1-based) and the byte in hex.
  static func firstInvalid(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: String)? {
    if String(validating: bytes, as: UTF8.self) != nil { return nil }  // the common case, fast
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    var line = 1
    var column = 1
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else {
          column += 1
        }
        offset += encoded.count
      case .error:
        return (line, column, String(format: "0x%02X", bytes[offset]))
      case .emptyInput:
        return nil
      }
    }
  }
}
