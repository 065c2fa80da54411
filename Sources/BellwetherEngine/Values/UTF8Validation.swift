import Foundation

/// Where a file's bytes stop being UTF-8, for the CSV and config readers' errors.
package enum UTF8Validation {
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
