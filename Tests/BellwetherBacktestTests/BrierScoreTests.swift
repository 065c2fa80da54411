import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Brier score")
struct BrierScoreTests {
  @Test("mean squared error of the probabilities, by hand")
  func handComputed() throws {
    let forecasts = [
      BinaryForecast(id: "a", probability: 0.9, occurred: true),   // 0.01
      BinaryForecast(id: "b", probability: 0.2, occurred: false),  // 0.04
      BinaryForecast(id: "c", probability: 0.6, occurred: false),  // 0.36
      BinaryForecast(id: "d", probability: 0.5, occurred: true),   // 0.25
    ]
    // (0.01 + 0.04 + 0.36 + 0.25) / 4 = 0.165
    let score = try #require(BrierScore.mean(forecasts))
    #expect(abs(score - 0.165) < 1e-12)
  }

  @Test("perfect, certain-and-wrong and coin-flip forecasts score 0, 1 and 0.25")
  func extremes() {
    #expect(BrierScore.mean([BinaryForecast(id: "a", probability: 1, occurred: true)]) == 0)
    #expect(BrierScore.mean([BinaryForecast(id: "a", probability: 0, occurred: true)]) == 1)
    #expect(BrierScore.mean([BinaryForecast(id: "a", probability: 0.5, occurred: false)]) == 0.25)
  }

  @Test("no forecasts, no score")
  func empty() {
    #expect(BrierScore.mean([]) == nil)
  }
}
