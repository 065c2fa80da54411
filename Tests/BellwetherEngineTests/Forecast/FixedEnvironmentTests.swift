import Testing
import TestSupport
@testable import BellwetherEngine

/// A scenario: the national environment fixed by `ForecastOptions(environment:)`.
struct FixedEnvironmentTests {
  @Test func aFixedEnvironmentRemovesNationalUncertainty() throws {
    let model = try Forecaster(configPath: TestSupport.defaultConfig).model(ForecastOptions(draws: 1, environment: 8))
    #expect(model.plan.environmentMean == 8 && model.plan.environmentSD == 0)
  }

  @Test func aFixedEnvironmentPinsEveryDraw() throws {
    // ForecastOptions(environment:) is the scenario: every draw has E = 4 exactly.
    let result = try SyntheticChamber.smallResult(draws: 3_000, environment: 4)
    #expect(result.model.plan.environmentSD == 0 && result.model.plan.environmentMean == 4)
    #expect(result.environmentDrawMean == 4)
    let row = result.model.plan.seats + 1
    let bin = Int((4 + SimulationPlan.environmentRange) / SimulationPlan.environmentBinWidth)
    #expect(result.tallies.environmentSeats[(bin * row)..<((bin + 1) * row)].reduce(0, +) == 3_000)
  }

  @Test func theEnvironmentSumRoundsToTheNearestFixedPointStep() throws {
    // E fixed at -3.0009: each draw adds round(-3.0009 * 1024) = round(-3072.92) = -3073 steps of
    // 1/1024 point, so the mean is -3073 / 1024 exactly (rounding toward zero would give -3).
    let result = try SyntheticChamber.smallResult(draws: 2_000, environment: -3.0009)
    #expect(result.environmentDrawMean == -3073.0 / 1024)
    #expect(abs(result.environmentDrawMean - -3.0009) <= 0.5 / 1024)
  }
}
