import Testing
import TestSupport
@testable import BellwetherEngine

@Suite
struct EndToEndTests {
  static func defaultInputs() throws -> ForecastInputs {
    try Forecaster(configPath: TestSupport.defaultConfig).inputs
  }

  @Test(.tags(.slow), .skippedInFastRuns) func defaultForecastIsInternallyConsistent() throws {
    let inputs = try Self.defaultInputs()
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(draws: 20_000))
    let result = try #require(Forecaster.run(model, threads: 2))
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
    // (forecast.json's schema name is checked with the reports: ReportBundleTests.)
  }

  @Test func aSingularCovarianceIsCaughtWithTheParametersNamed() throws {
    var inputs = try Self.defaultInputs()
    inputs.config.priors.noiseShares = .init(state: 0.5, region: 0, lean: 0.5, idiosyncratic: 0)
    // The uniform rule: the shipped district table's noise by seat class keeps an independent term.
    inputs.config.priors.districtBaseline = nil
    #expect {
      try Forecaster(inputs: inputs).model(ForecastOptions(draws: 1))
    } throws: { error in
      "\(error)".contains("not positive definite") && "\(error)".contains("noise.shares")
    }
  }
}
