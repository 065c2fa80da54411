import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("District scores")
struct DistrictScoresTests {
  @Test("bundles the four scores of the same forecasts")
  func bundle() throws {
    let forecasts = [
      BinaryForecast(id: "a", probability: 0.9, occurred: true),
      BinaryForecast(id: "b", probability: 0.2, occurred: false),
      BinaryForecast(id: "c", probability: 0.6, occurred: false),
    ]
    let s = try #require(DistrictScores(forecasts))
    #expect(s.races == 3)
    // (0.01 + 0.04 + 0.36) / 3
    #expect(abs(s.brier - 0.41 / 3) < 1e-12)
    #expect(s.logLoss == LogLoss.mean(forecasts))
    #expect(s.wrongFavourites.misses == ["c"])
    #expect(s.reliability.bins[6].count == 1)
  }

  @Test("no races, no scores")
  func empty() {
    #expect(DistrictScores([]) == nil)
  }
}
