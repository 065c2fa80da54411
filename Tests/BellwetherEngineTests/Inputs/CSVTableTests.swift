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
}
