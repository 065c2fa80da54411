import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

@Suite
struct EndToEndTests {
  static func defaultInputs() throws -> ForecastInputs {
    try ForecastInputs.load(config: ForecastConfig.load(path: TestSupport.defaultConfig))
  }

  @Test func defaultReportIsByteIdenticalForAnyThreadCount() throws {
    let model = try ForecastModel.build(inputs: Self.defaultInputs(), draws: 12_000, seed: 99)
    let one = try ReportBundle.render(try #require(ForecastRun.execute(model, threads: 1)))
    let two = try ReportBundle.render(try #require(ForecastRun.execute(model, threads: 2)))
    let five = try ReportBundle.render(try #require(ForecastRun.execute(model, threads: 5)))
    #expect(Array(one.map(\.name).prefix(4)) == ["forecast.json", "districts.csv", "summary.md", "report.html"])
    for i in one.indices {
      #expect(one[i].contents == two[i].contents)
      #expect(one[i].contents == five[i].contents)
    }
    // A different seed gives a different report.
    let other = try ForecastModel.build(inputs: Self.defaultInputs(), draws: 12_000, seed: 100)
    #expect(try ReportBundle.render(try #require(ForecastRun.execute(other, threads: 2)))[0].contents != one[0].contents)
  }

  @Test func defaultForecastIsInternallyConsistent() throws {
    let inputs = try Self.defaultInputs()
    let model = try ForecastModel.build(inputs: inputs, draws: 20_000)
    let result = try #require(ForecastRun.execute(model, threads: 2))
    // The expected seat count equals the sum of the seats' win probabilities (linearity), exactly
    // up to rounding, since both come from the same draws.
    let sum = result.districts.map(\.democraticWinProbability).reduce(0, +)
    #expect(abs(sum - result.seats.mean) < 1e-9)
    // Tipping probabilities sum to one (every draw has exactly one tipping seat).
    #expect(abs(result.districts.map(\.tippingProbability).reduce(0, +) - 1) < 1e-9)
    // Fixed seats are reported with certainty.
    #expect(result.districts.first { $0.id == "CA-34" }?.democraticWinProbability == 1)
    // The environment draws average to the posterior mean within 5 SE (t with nu = 5 has variance sigmaE^2).
    #expect(abs(result.environmentDrawMean - model.posterior.mean) < 5 * model.posterior.sd / 20_000.0.squareRoot() + 1e-3)
    let doc = try JSONSerialization.jsonObject(with: try ForecastDocument(result: result).encoded()) as? [String: Any]
    #expect(doc?["schema"] as? String == "bellwether.forecast/1")
  }

  @Test func aFixedEnvironmentRemovesNationalUncertainty() throws {
    let model = try ForecastModel.build(inputs: Self.defaultInputs(), draws: 1, environment: 8)
    #expect(model.plan.environmentMean == 8 && model.plan.environmentSD == 0)
  }

  @Test func aSingularCovarianceIsCaughtWithTheParametersNamed() throws {
    var inputs = try Self.defaultInputs()
    inputs.config.priors.noiseShares = .init(state: 0.5, region: 0, lean: 0.5, idiosyncratic: 0)
    #expect {
      try ForecastModel.build(inputs: inputs, draws: 1)
    } throws: { error in
      "\(error)".contains("not positive definite") && "\(error)".contains("noise.shares")
    }
  }
}
