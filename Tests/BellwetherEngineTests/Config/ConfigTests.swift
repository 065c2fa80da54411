import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

struct ConfigTests {
  /// Every config file shipped in config/ must parse and validate.
  @Test func everyShippedConfigParses() throws {
    let folder = TestSupport.repositoryRoot + "/config"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json5") }
    #expect(!files.isEmpty)
    for file in files {
      let config = try ForecastConfig.load(path: folder + "/" + file)
      _ = try ForecastInputs.load(config: config)
    }
  }

  static func defaultText() throws -> String {
    try String(contentsOfFile: TestSupport.defaultConfig, encoding: .utf8)
  }

  static func errors(_ text: String) -> [String] {
    do {
      _ = try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5")
      return []
    } catch let e as InputErrors {
      return e.errors.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  @Test func unknownKeySuggestsTheClosest() throws {
    let text = try Self.defaultText().replacingOccurrences(of: "halfLifeDays:", with: "halfLifeDay:")
    let errors = Self.errors(text)
    #expect(errors.contains { $0.contains("field 'specials.halfLifeDay': expected a known key (did you mean 'halfLifeDays'?") })
    #expect(errors.contains { $0.contains("field 'specials.halfLifeDays'") && $0.contains("the key is missing") })
  }

  @Test func reportsEveryProblemAtOnce() throws {
    let text = try Self.defaultText()
      .replacingOccurrences(of: "nu: 5,", with: "nu: 2,")
      .replacingOccurrences(of: "kernelLength: 10.0,", with: "kernelLength: 0,")
      .replacingOccurrences(of: "idiosyncratic: 0.50", with: "idiosyncratic: 0.60")
      .replacingOccurrences(of: "draws: 1000000,", with: "draws: 0,")
    let errors = Self.errors(text)
    #expect(errors.count == 4)
    #expect(errors.contains { $0.contains("'environment.nu'") && $0.contains("above 2") })
    #expect(errors.contains { $0.contains("'noise.kernelLength'") })
    #expect(errors.contains { $0.contains("'noise.shares'") && $0.contains("sum to 1") })
    #expect(errors.contains { $0.contains("'simulation.draws'") })
  }

  @Test func rejectsAWrongType() throws {
    let text = try Self.defaultText().replacingOccurrences(of: "advantage: 4.0,", with: "advantage: \"four\",")
    #expect(Self.errors(text) == ["test.json5:60:5: field 'incumbency.advantage': expected an advantage in -50...50 (margin points), found a string \"four\""])
  }

  @Test func refusesMissCyclesThatIncludeTheForecastCycle() throws {
    let text = try Self.defaultText().replacingOccurrences(of: "missCycles: [1998, 2016]", with: "missCycles: [1998, 2018]")
    #expect(Self.errors(text).contains { $0.contains("no peeking") })
  }

  @Test func invalidJSON5NamesTheFile() {
    #expect(Self.errors("{ chamber: ").first?.hasPrefix("test.json5:1:") == true)
  }
}
