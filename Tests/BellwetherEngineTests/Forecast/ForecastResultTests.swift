import Testing
@testable import BellwetherEngine

struct ForecastResultTests {
  @Test func histogramQuantileInterpolatesInsideTheBin() {
    // Bins [0,1) [1,2) [2,3) with counts 2, 4, 4: the 40% point (4 of 10) lies half-way into bin 1 -> 1.5.
    #expect(abs(ForecastResult.histogramQuantile([2, 4, 4], level: 0.4, origin: 0, width: 1) - 1.5) < 1e-12)
    #expect(abs(ForecastResult.histogramQuantile([2, 4, 4], level: 0.1, origin: 10, width: 0.5) - 10.25) < 1e-12)
  }
}
