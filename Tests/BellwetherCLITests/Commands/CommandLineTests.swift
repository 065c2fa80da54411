import ArgumentParser
import Testing
@testable import BellwetherEngine
@testable import bellwether

struct CommandLineTests {
  @Test func versionIsTheEngineVersion() {
    // One source: `bellwether --version`, forecast.json's run.engineVersion and the CSV exports.
    #expect(Bellwether.configuration.version == EngineVersion.text)
    #expect(EngineVersion.text.hasPrefix(EngineVersion.release + "+stream"))
  }

  @Test func runParsesEveryOption() throws {
    let command = try Bellwether.parseAsRoot(["run", "--config", "c.json5", "--draws", "5000", "--seed", "3",
                                              "--threads", "2", "--out", "o", "--as-of", "2018-10-01", "--factor", "low-rank"])
    let run = try #require(command as? Run)
    #expect(run.common.config == "c.json5" && run.draws?.value == 5000 && run.simulation.seed?.value == 3
              && run.simulation.threads.value == 2)
    #expect(run.out == "o" && run.date.asOf == CalendarDate(iso: "2018-10-01") && run.factor == .lowRank)
  }

  @Test func bareBellwetherIsNotAForecast() throws {
    // No default subcommand: `bellwether` alone parses as the root, which prints its help.
    #expect(try Bellwether.parseAsRoot([]) is Bellwether)
  }

  @Test func runDefaults() throws {
    let run = try #require(try Bellwether.parseAsRoot(["run"]) as? Run)
    #expect(run.common.config == "config/house-2018.json5" && run.out == "out" && run.draws == nil && run.factor == .lowRank)
    #expect(run.simulation.seed == nil && run.date.asOf == nil && run.shard == nil && run.environment == nil)
  }

  @Test(arguments: [["run", "--draws", "0"], ["run", "--threads", "0"], ["run", "--as-of", "2018-13-01"],
                    ["run", "--factor", "qr"], ["calibrate", "--as-of", "yesterday"]])
  func badOptionsAreRefused(arguments: [String]) {
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(arguments) }
  }
}
