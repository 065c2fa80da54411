import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

struct SeatDistributionTests {
  @Test func summaryOfASmallHistogramByHand() {
    // Seats 0..4 with counts 1, 2, 4, 2, 1 (10 draws): mean (0 + 2 + 8 + 6 + 4) / 10 = 2, mode 2,
    // CDF 0.1, 0.3, 0.7, 0.9, 1.0 -> 2.5% q 0, 10% q 0, 25% q 1, 50% q 2, 75% q 3, 90% q 3, 97.5% q 4.
    // Majority 3: P(seats >= 3) = 0.3.
    let d = SeatDistribution(counts: [1, 2, 4, 2, 1], majority: 3)
    #expect(d.mean == 2)
    #expect(d.mode == 2)
    #expect(d.median == 2)
    #expect(d.quantiles[0.025] == 0 && d.quantiles[0.1] == 0 && d.quantiles[0.25] == 1)
    #expect(d.quantiles[0.75] == 3 && d.quantiles[0.9] == 3 && d.quantiles[0.975] == 4)
    #expect(abs(d.majorityProbability - 0.3) < 1e-15)
  }

  @Test func histogramQuantileInterpolatesInsideTheBin() {
    // Bins [0,1) [1,2) [2,3) with counts 2, 4, 4: the 40% point (4 of 10) lies half-way into bin 1 -> 1.5.
    #expect(abs(ForecastResult.histogramQuantile([2, 4, 4], level: 0.4, origin: 0, width: 1) - 1.5) < 1e-12)
    #expect(abs(ForecastResult.histogramQuantile([2, 4, 4], level: 0.1, origin: 10, width: 0.5) - 10.25) < 1e-12)
  }
}
