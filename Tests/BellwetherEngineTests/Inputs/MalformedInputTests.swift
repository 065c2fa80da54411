import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// Every malformed input of `Tests/Malformed` is refused with exactly the error its manifest states:
/// file, line (and column, for the config's syntax) or key, what was expected and what was found.
@Suite struct MalformedInputTests {
  @Test("a malformed input gives its exact error", arguments: MalformedCorpus.cases)
  func malformedInput(_ item: MalformedCase) {
    #expect(MalformedCorpus.errorText(of: item) == item.error)
  }

  @Test func theCorpusIsComplete() throws {
    let cases = try MalformedCorpus.loadManifest()
    #expect(cases.count >= 40)
    // Every file of the corpus folders is in the manifest once, and every manifest entry exists.
    let listed = cases.map(\.file)
    #expect(Set(listed).count == listed.count)
    var onDisk: [String] = []
    for folder in ["csv", "config", "inputs", "model"] {
      let names = try FileManager.default.contentsOfDirectory(atPath: MalformedCorpus.root + "/" + folder)
      onDisk += names.filter { !(folder == "model" && $0.hasSuffix(".csv")) }.map { folder + "/" + $0 }
    }
    #expect(Set(onDisk) == Set(listed))
    // Each case names its own file in its error (or, for inputs, the table it points at).
    for item in cases where item.reader != "inputs" && item.reader != "model" {
      #expect(item.error.hasPrefix(item.file + ":"), "\(item.file): \(item.error)")
    }
  }
}
