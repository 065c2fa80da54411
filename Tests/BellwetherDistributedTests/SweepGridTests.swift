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

  @Test func gatherListsEveryMissingPointAndTheTableHasAColumnPerParameter() throws {
    let folder = TestSupport.temporaryFolder()
    let grid = folder + "/grid.json5"
    try """
    { base: "\(TestSupport.defaultConfig)", parameters: { "incumbency.advantage": [1, 7], "specials.beta": [0.25, 0.5, 0.75] } }
    """.write(toFile: grid, atomically: true, encoding: .utf8)
    let sweep = try SweepGrid.load(path: grid)
    // No point has run: all six are named, not only the first.
    let error = #expect(throws: InputErrors.self) { try SweepTable.gather(grid: sweep, folder: folder) }
    #expect(error?.errors.count == 6)
    #expect((0..<6).allSatisfy { k in error?.errors.contains { $0.file.hasSuffix("/point-\(k)/forecast.json") } == true })
    let table = SweepTable(parameters: sweep.parameters.map(\.key),
                           rows: [.init(point: 4, values: sweep.points()[4].map(\.value), majorityProbability: 0.5,
                                        meanSeats: 218.25, interval80: [203, 235], environmentMean: -2.1, environmentSD: 2)])
    #expect(table.csv() == """
      point,incumbency.advantage,specials.beta,majority_probability,mean_seats,interval80_low,interval80_high,environment_mean,environment_sd
      4,7,0.5,0.500000,218.250,203,235,-2.100,2.000

      """)
    #expect(table.markdown().contains("| point | incumbency.advantage | specials.beta | P(D majority) |"))
    #expect(table.markdown().contains("| 4 | 7 | 0.5 | 50.0% | 218.2 | 203–235 | R+2.1 ± 2.0 |"))
  }

  @Test func pointConfigsNameTheirTablesRelativeToTheirFolder() throws {
    #expect(SweepGrid.relativePath("/a/b/config/2018/d.csv", from: "/a/b/out/sweep/points") == "../../../config/2018/d.csv")
    #expect(SweepGrid.relativePath("/a/b/c.csv", from: "/a/b") == "c.csv")
    let folder = TestSupport.temporaryFolder()
    let grid = folder + "/grid.json5"
    try "{ base: \"\(TestSupport.defaultConfig)\", parameters: { \"incumbency.advantage\": [1, 7] } }"
      .write(toFile: grid, atomically: true, encoding: .utf8)
    let files = try SweepGrid.load(path: grid).writePointConfigs(into: folder + "/sweep")
    let config = try ForecastConfig.load(path: files[1])
    // Relative in the file, and the same tables once read.
    let text = try String(contentsOfFile: files[1], encoding: .utf8)
    #expect(!text.contains("\"/") && text.contains("\"../"), "\(text)")  // no absolute path
    #expect(FileManager.default.fileExists(atPath: config.data.districts))
    #expect(URL(fileURLWithPath: config.data.districts).standardizedFileURL.path
              == URL(fileURLWithPath: TestSupport.repositoryRoot + "/config/2018/districts.csv").standardizedFileURL.path)
    _ = try ForecastInputs.load(config: config)
  }
}
