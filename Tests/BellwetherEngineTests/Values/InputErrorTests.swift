import Foundation
import Testing
@testable import BellwetherEngine

/// A message shows a short, escaped excerpt of input text, never a whole line of a file.
struct InputErrorTests {
  @Test func controlCharactersAreEscaped() {
    let error = InputError(file: "t.csv", line: 2, field: "note\u{1B}[2J", expected: "a value", found: "a\nb\tc\0d\u{7F}")
    #expect("\(error)" == #"t.csv:2: field 'note\u{1B}[2J': expected a value, found 'a\nb\tc\0d\u{7F}'"#)
  }

  @Test func aLongValueIsCutWithItsLength() throws {
    let header = String(repeating: "x", count: 10_000_000)
    let table = try CSVTable(data: Data((header + "\n1\n").utf8), file: "big.csv")
    #expect { _ = try table.columns(["id"]) } throws: { error in
      let text = "\(error)"
      return text.count < 1_000 && text.hasPrefix("big.csv:1: field '" + String(repeating: "x", count: 120) + "... (10000000 characters)'")
    }
    #expect { _ = try table.column("id") } throws: { "\($0)".count < 1_000 && "\($0)".hasSuffix("... (10000012 characters)") }
  }
}
