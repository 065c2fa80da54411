import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Previous-result baseline")
struct PreviousResultBaselineTests {
  @Test("blends lean + incumbency with the previous margin for incumbents of the previous winner's party only")
  func blend() throws {
    let inputs = try BacktestFixture.certainChamber()
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(draws: 1024))
    let previous = try BacktestFixture.certainData().previousResults
    #expect(model.plan.baseMargins == [64, 60, -64, -60])
    let (adjusted, seats) = PreviousResultBaseline.apply(to: model, previous: previous, weight: 0.25)
    // AA-01: D incumbent, previous winner D: 0.75 * 64 + 0.25 * (-20) = 43. AA-02 is open; BB-01's
    // incumbent (R) is not of the previous winner's party (D); BB-02 has no previous result.
    #expect(seats == ["AA-01"])
    #expect(adjusted.plan.baseMargins == [43, 60, -64, -60])
    #expect(PreviousResultBaseline.apply(to: model, previous: previous, weight: 0).model.plan.baseMargins == [64, 60, -64, -60])
    #expect(PreviousResultBaseline.apply(to: model, previous: previous, weight: 1).model.plan.baseMargins == [-20, 60, -64, -60])
    // Nothing else changes.
    #expect(adjusted.plan.environmentMean == model.plan.environmentMean)
    #expect(adjusted.plan.seed == model.plan.seed)
  }
}
