import Foundation
import Testing
import TestSupport

/// The executable refuses malformed input with the corpus's exact message on stderr, exit code 1,
/// nothing on stdout, and no output folder created.
@Suite(.tags(.slow), .skippedInFastRuns, .serialized) struct MalformedCLITests {
  struct Case: Decodable {
    var file: String
    var reader: String
    var error: String
  }

  static func expected(_ file: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: BellwetherProcess.corpus + "/manifest.json"))
    let cases = try JSONDecoder().decode([Case].self, from: data)
    return try #require(cases.first { $0.file == file }).error
  }

  @Test(arguments: [
    ("check-config", "config/unknown-key.json5"),
    ("check-config", "config/syntax-missing-comma.json5"),
    ("run", "config/t-df-two.json5"),
    ("run", "config/several-problems.json5"),
    ("run", "inputs/unknown-district-in-specials.json5"),
    ("run", "inputs/bad-district-row.json5"),
    ("run", "model/covariance-not-positive-definite.json5"),
  ])
  func malformedInputFailsWithItsMessage(_ command: String, _ file: String) throws {
    let scratch = try ScratchFolder()
    let out = scratch.path + "/out"
    let arguments = [command, "--config", file] + (command == "run" ? ["--out", out, "--draws", "1000"] : [])
    let outcome = try BellwetherProcess.run(arguments)
    #expect(!outcome.signaled && outcome.status == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(outcome.stderr == "error: " + (try Self.expected(file)) + "\n")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func theValidChamberRunsAndChecks() throws {
    let check = try BellwetherProcess.run(["check-config", "--config", "valid/config.json5"])
    #expect(check.status == 0)
    #expect(check.stdout == "valid/config.json5: OK (6 seats, 5 specials)\n")
  }
}
