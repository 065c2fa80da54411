import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The config's JSON5 reader, checked against Foundation's JSON5 decoder (a second, independent
/// parser) on the project's real config, and against the JSON5 specification's examples.
@Suite struct JSON5ParserTests {
  static let repositoryConfig = TestSupport.defaultConfig

  func parse(_ text: String) throws -> JSONValue {
    try JSON5Parser.parse(Data(text.utf8), file: "t.json5").value
  }

  func error(_ text: String) -> String {
    do {
      _ = try parse(text)
      return "accepted"
    } catch {
      return "\(error)"
    }
  }

  @Test func theRepositoryConfigParsesAsFoundationDoes() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.repositoryConfig))
    let decoder = JSONDecoder()
    decoder.allowsJSON5 = true
    let foundation = try decoder.decode(JSONValue.self, from: data)
    let ours = try JSON5Parser.parse(data, file: "house-2018.json5").value
    #expect(ours == foundation)
    guard case .object(let top) = ours else { Issue.record("not a table"); return }
    #expect(top.keys.sorted() == ["asOf", "chamber", "data", "district", "environment", "incumbency", "lean", "noise", "polls", "simulation", "specials"])
  }

  @Test func numbersFollowTheSpecification() throws {
    #expect(try parse("[0x1F, +1, -.5, 5., 1e3, 2E-2, Infinity, -Infinity, 0, -0]")
      == .array([.number(31), .number(1), .number(-0.5), .number(5), .number(1000), .number(0.02),
                 .number(.infinity), .number(-.infinity), .number(0), .number(-0.0)]))
    guard case .array(let items) = try parse("[NaN, -NaN]"), case .number(let a) = items[0], case .number(let b) = items[1] else {
      Issue.record("NaN not parsed"); return
    }
    #expect(a.isNaN && b.isNaN)
  }

  @Test func stringsFollowTheSpecification() throws {
    #expect(try parse(#"['it\'s', "tab\there", "\x41\u00e9\uD83D\uDE00", "line \\#n  continued", "\/\q"]"#)
      == .array([.string("it's"), .string("tab\there"), .string("Aé😀"), .string("line   continued"), .string("/q")]))
  }

  @Test func keysCommentsAndTrailingCommas() throws {
    let text = """
      // comment
      { unquoted: 1, 'single': 2, "double": 3, $dollar_1: 4, café: 5, /* inline */ nested: { a: [1, 2,], }, }
      """
    #expect(try parse(text) == .object(["unquoted": .number(1), "single": .number(2), "double": .number(3),
                                       "$dollar_1": .number(4), "café": .number(5),
                                       "nested": .object(["a": .array([.number(1), .number(2)])])]))
  }

  @Test func positionsOfKeysAreRecorded() throws {
    let document = try JSON5Parser.parse(Data("{\n  a: {\n    bé: 1, c: 2 },\n}".utf8), file: "t.json5")
    #expect(document.positions["a"] == JSON5Parser.Position(line: 2, column: 3))
    #expect(document.positions["a.bé"] == JSON5Parser.Position(line: 3, column: 5))
    #expect(document.positions["a.c"] == JSON5Parser.Position(line: 3, column: 12))
  }

  @Test func malformedTextIsLocated() {
    #expect(error("{a: 01}") == "t.json5:1:5: expected a number, found '01' (a leading zero)")
    #expect(error("{a: 1 b: 2}") == "t.json5:1:7: expected ',' or '}' after the value of 'a', found 'b'")
    #expect(error("{a: [1 2]}") == "t.json5:1:8: expected ',' or ']' after an array element, found '2'")
    #expect(error("{a: \"\\u12\"}") == "t.json5:1:10: expected 4 hexadecimal digits, found '\"'")
    #expect(error("{a: 1,, }") == "t.json5:1:7: expected a key (a name or a \"string\") or '}', found ','")
    #expect(error("{a: 12abc}") == "t.json5:1:7: expected a separator after the number, found 'a'")
    #expect(error("{a 1}") == "t.json5:1:4: expected ':' after the key 'a', found '1'")
    #expect(error("{a: 1} /") == "t.json5:1:8: expected a comment (// or /*), found a lone '/'")
    #expect(error("{a: \"\\1\"}") == "t.json5:1:7: expected an escape other than a digit (octal escapes are not JSON5), found '1'")
  }

  @Test func nestingIsLimitedInsteadOfExhaustingTheStack() {
    let deep = String(repeating: "[", count: 100_000)
    #expect(error(deep) == "t.json5:1:65: expected at most 64 nested tables and arrays, found deeper nesting")
    let limit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(error(limit) == "accepted")
  }
}
