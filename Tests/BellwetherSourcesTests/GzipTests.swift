import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine
@testable import BellwetherSources

@Suite("Gzip")
struct GzipTests {
  // Made by Python's gzip module (an independent implementation): gzip.compress(text, mtime=0).
  static let first: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 75, 203, 47, 74, 77, 78, 44, 46, 73, 73, 44, 73, 213,
                               169, 224, 50, 50, 48, 180, 208, 53, 52, 212, 53, 48, 213, 49, 228, 2, 0, 252, 136, 218,
                               169, 28, 0, 0, 0]
  static let second: [UInt8] = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 51, 50, 48, 180, 208, 53, 52, 212, 53, 48, 211, 49,
                                226, 2, 0, 251, 237, 212, 41, 13, 0, 0, 0]

  @Test("decompresses a gzip member")
  func oneMember() throws {
    let text = try Gzip.decompress(Data(Self.first), file: "a.gz")
    #expect(String(decoding: text, as: UTF8.self) == "forecastdate,x\n2018-11-05,1\n")
  }

  @Test("joins concatenated members, as gzip -dc does")
  func twoMembers() throws {
    let text = try Gzip.decompress(Data(Self.first + Self.second), file: "ab.gz")
    #expect(String(decoding: text, as: UTF8.self) == "forecastdate,x\n2018-11-05,1\n2018-11-06,2\n")
  }

  @Test("a truncated file, a file that is not gzip, a bad checksum and an empty file are errors naming the file")
  func errors() {
    #expect(throws: Gzip.DecodeError.self) { try Gzip.decompress(Data(Self.first.dropLast(6)), file: "cut.gz") }
    #expect(throws: Gzip.DecodeError.self) { try Gzip.decompress(Data("plain text".utf8), file: "plain.csv") }
    var corrupt = Self.first
    corrupt[corrupt.count - 6] ^= 0xFF  // a byte of the CRC-32
    #expect(throws: Gzip.DecodeError.self) { try Gzip.decompress(Data(corrupt), file: "crc.gz") }
    do {
      _ = try Gzip.decompress(Data(), file: "empty.gz")
      Issue.record("an empty file decompressed")
    } catch {
      #expect("\(error)".hasPrefix("empty.gz: "))
    }
  }
}
