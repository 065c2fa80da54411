import Foundation
import Testing
import TestSupport
@testable import BellwetherDistributed
@testable import BellwetherEngine

struct SweepGridTests {
  @Test func expandsTheGridAndOverridesTheBaseConfig() throws {
    let folder = TestSupport.temporaryFolder()
    let grid = folder + "/grid.json5"
    try """
    { base: "\(TestSupport.defaultConfig)", parameters: { "incumbency.advantage": [1, 7], "specials.beta": [0.25, 0.5, 0.75] } }
    """.write(toFile: grid, atomically: true, encoding: .utf8)
    let sweep = try SweepGrid.load(path: grid)
    let points = sweep.points()
    #expect(points.count == 6)
    #expect(SweepGrid.describe(points[4]) == "incumbency.advantage=7, specials.beta=0.5")
    let path = folder + "/point.json"
    try sweep.configData(for: points[4]).write(to: URL(fileURLWithPath: path))
    let config = try ForecastConfig.load(path: path)
    #expect(config.priors.incumbencyAdvantage == 7 && config.priors.translationBeta == 0.5)
    #expect(config.data.districts.hasSuffix("config/2018/districts.csv") && config.data.districts.hasPrefix("/"))
    _ = try ForecastInputs.load(config: config)
  }

  @Test func refusesAKeyTheBaseConfigLacksAndAnInvalidValue() throws {
    let folder = TestSupport.temporaryFolder()
    let grid = folder + "/grid.json5"
    try "{ base: \"\(TestSupport.defaultConfig)\", parameters: { \"noise.nuu\": [3] } }".write(toFile: grid, atomically: true, encoding: .utf8)
    #expect { try SweepGrid.load(path: grid) } throws: { "\($0)".contains("parameters.noise.nuu") }
    try "{ base: \"\(TestSupport.defaultConfig)\", parameters: { \"noise.nu\": [1.5] } }".write(toFile: grid, atomically: true, encoding: .utf8)
    #expect { try SweepGrid.load(path: grid) } throws: { "\($0)".contains("point 0") && "\($0)".contains("noise.nu") }
  }
}
