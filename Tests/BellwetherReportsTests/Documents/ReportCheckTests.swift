import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// `ReportChecks` refuses a result whose probabilities leave [0, 1], whose histogram does not sum
/// to the draws, or that holds a figure that is not finite; `ReportBundle.write` then writes nothing.
@Suite struct ReportCheckTests {
  func result() throws -> ForecastResult {
    let forecaster = try Forecaster(configPath: MalformedCorpus.root + "/valid/config.json5")
    return try #require(try forecaster.forecast(ForecastOptions(draws: 3000), threads: 2))
  }

  func failure(_ result: ForecastResult) -> String? {
    do {
      try ReportChecks.validate(result)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func aSimulatedResultPassesAndItsFiguresAreInRange() throws {
    let good = try result()
    #expect(failure(good) == nil)
    #expect(good.seats.counts.reduce(0, +) == 3000)
    #expect(good.districts.allSatisfy { (0...1).contains($0.democraticWinProbability) && (0...1).contains($0.tippingProbability) })
  }

  @Test func eachBrokenFigureIsRefused() throws {
    let good = try result()
    var histogram = good
    histogram.seats.counts[2] += 1
    #expect(failure(histogram) == "seat histogram sums to 3001, not the 3000 draws")
    var majority = good
    majority.seats.majorityProbability = 1.5
    #expect(failure(majority) == "majority probability 1.5 is outside [0, 1]")
    var mean = good
    mean.seats.mean = .nan
    #expect(failure(mean) == "mean seats nan is not finite")
    var probability = good
    probability.districts[0].democraticWinProbability = -0.01
    #expect(failure(probability) == "district OH-01 has a figure out of range")
    var margin = good
    margin.districts[4].margin90 = .infinity
    #expect(failure(margin) == "district TX-07 has a figure out of range")
  }

  @Test func aRefusedResultWritesNothing() throws {
    var broken = try result()
    broken.districts[1].tippingProbability = 2
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-checks-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: ReportChecks.Failure.self) { _ = try ReportBundle.write(broken, to: folder) }
    #expect(!FileManager.default.fileExists(atPath: folder))
  }
}
