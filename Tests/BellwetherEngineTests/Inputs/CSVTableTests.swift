import Foundation
import Testing
@testable import BellwetherEngine

struct CSVTableTests {
  @Test func parsesQuotesCRLFAndABOM() throws {
    let text = "\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n3,\"multi\nline\"\r\n"
    let table = try CSVTable(data: Data(text.utf8), file: "t.csv")
    #expect(table.header == ["a", "b"])
    #expect(table.rows == [["x, y", "say \"hi\""], ["3", "multi\nline"]])
    #expect(table.lines == [2, 3])
  }

  @Test func namesTheLineOfARowWithTheWrongFieldCount() {
    #expect { try CSVTable(data: Data("a,b\n1,2\n1,2,3\n".utf8), file: "t.csv") } throws: {
      "\($0)".hasPrefix("t.csv:3") && "\($0)".contains("expected 2 fields as in the header, found 3 fields")
    }
  }

  @Test func rejectsAnEmptyFileAndNonUTF8() {
    #expect { try CSVTable(data: Data(), file: "t.csv") } throws: { "\($0)" == "t.csv:1: expected a header row, found an empty file" }
    #expect { try CSVTable(data: Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]), file: "t.csv") } throws: {
      "\($0)".hasPrefix("t.csv:2:1:") && "\($0)".contains("0xFF")
    }
  }

  /// Numbers are plain decimals: what Swift's `Double(_:)` would also take (hexadecimal, `inf`,
  /// `nan`, a leading or trailing dot alone, an exponent without digits) is refused.
  @Test(arguments: [("-34.8", true), ("0", true), ("+1.5e-3", true), ("1.", true), (".5", true), ("2E10", true),
                    ("0x10", false), ("0X1p3", false), ("inf", false), ("-infinity", false), ("nan", false), ("NaN", false),
                    (".", false), ("", false), ("1e", false), ("1e+", false), ("--1", false), ("1 2", false), ("1,5", false),
                    ("\u{0665}", false)])
  func numbersAreStrictlyDecimal(_ text: String, _ accepted: Bool) {
    #expect(CSVTable.isDecimal(text) == accepted, "\(text)")
  }

  @Test func aNULByteIsRefusedWhereverItIs() {
    #expect { try CSVTable(data: Data("a,b\n1,x\0y\n".utf8), file: "t.csv") } throws: {
      "\($0)" == "t.csv:2:4: expected text without NUL bytes, found a NUL byte (0x00)"
    }
    #expect { try CSVTable(data: Data("a,b\n1,\"x\n\0\"\n".utf8), file: "t.csv") } throws: { "\($0)".hasPrefix("t.csv:3:1:") }
  }
}
