import ArgumentParser
import Foundation
import Testing
import TestSupport
@testable import bellwether

/// What every command's --help says: the shared exit codes, docs paths that exist, one default per option.
struct HelpTextTests {
  /// Every subcommand.
  static let commands: [any ParsableCommand.Type] = [
    Run.self, Calibrate.self, Import.self, CheckConfig.self, Bench.self, BacktestCommand.self, FitCommand.self,
    SeatsCurveCommand.self, Sweep.self, History.self, Merge.self,
  ]

  static func help(_ command: any ParsableCommand.Type) -> String {
    Bellwether.helpMessage(for: command, columns: 100)
  }

  @Test func everyCommandListsTheExitCodes() {
    let expected = ExitCodes.help.split(separator: " ").joined(separator: " ")
    for command in Self.commands + [Bellwether.self] {
      // Compare with the wrapping undone.
      let text = Self.help(command).split(whereSeparator: \.isWhitespace).joined(separator: " ")
      #expect(text.contains(expected), "\(command)")
    }
  }

  @Test func everyDocsPathInTheHelpExists() throws {
    let pattern = try NSRegularExpression(pattern: "docs/[A-Za-z0-9_./-]*[A-Za-z0-9_]")
    var seen = 0
    for command in Self.commands + [Bellwether.self] {
      let text = Self.help(command).split(whereSeparator: \.isWhitespace).joined(separator: " ")
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        let path = String(text[Range(match.range, in: text)!])
        seen += 1
        #expect(FileManager.default.fileExists(atPath: TestSupport.repositoryRoot + "/" + path), "\(command): \(path)")
      }
    }
    #expect(seen >= 3)  // model.md, reports.md, cluster.md, fit.md at least
  }

  @Test func noOptionStatesTwoDefaults() {
    for command in Self.commands {
      // One option's entry: from its "  --name" line to the next.
      let entries = Self.help(command).components(separatedBy: "\n  -")
      for entry in entries { #expect(entry.components(separatedBy: "(default:").count <= 2, "\(command): \(entry)") }
    }
  }

  @Test func aMissingDefaultConfigPointsToTheOption() {
    let problem = ConfigOptions.missingDefault(ConfigOptions.defaultPath, folder: "/nonexistent-bellwether")
    #expect(problem?.contains("give --config FILE") == true && problem?.contains("/nonexistent-bellwether") == true)
    #expect(ConfigOptions.missingDefault(ConfigOptions.defaultPath, folder: TestSupport.repositoryRoot) == nil)
    // An explicit path is the reader's to refuse, with its name.
    #expect(ConfigOptions.missingDefault("mine.json5", folder: "/nonexistent-bellwether") == nil)
  }

  @Test func completionsOfferTheFactorsConfigsAndFolders() {
    let script = Bellwether.completionScript(for: .bash)
    // --factor: every method; --config: JSON5 files; --out: folders.
    #expect(script.contains("-W 'cholesky'$'\\n''low-rank'"))
    #expect(script.contains("'!*.@(json5|json)'"))
    #expect(script.contains("__bellwether_add_completions -d"))
  }

  @Test func checkConfigPrintsTextOrJSON() throws {
    #expect(CheckConfig.render(config: "c.json5", seats: 1_234, specials: 5, results: nil, format: .text)
              == "c.json5: OK (1,234 seats, 5 specials)")
    // JSON: no thousands separators, and results null when there is no results table.
    let json = CheckConfig.render(config: "config/c.json5", seats: 1_234, specials: 5, results: nil, format: .json)
    #expect(json == #"{"config":"config/c.json5","ok":true,"results":null,"seats":1234,"specials":5}"#)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(
      CheckConfig.render(config: "c", seats: 435, specials: 206, results: 435, format: .json).utf8)) as? [String: Any])
    #expect(parsed["results"] as? Int == 435 && parsed["ok"] as? Bool == true)
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["check-config", "--format", "yaml"]) }
  }
}
