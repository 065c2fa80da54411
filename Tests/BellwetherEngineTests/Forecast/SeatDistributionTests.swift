import Testing
@testable import BellwetherEngine

struct SeatDistributionTests {
  @Test func summaryOfASmallHistogramByHand() {
    // Seats 0..4 with counts 1, 2, 4, 2, 1 (10 draws): mean (0 + 2 + 8 + 6 + 4) / 10 = 2, mode 2,
    // CDF 0.1, 0.3, 0.7, 0.9, 1.0 -> 2.5% q 0, 10% q 0, 25% q 1, 50% q 2, 75% q 3, 90% q 3, 97.5% q 4.
    // Majority 3: P(seats >= 3) = 0.3.
    let d = SeatDistribution(counts: [1, 2, 4, 2, 1], majority: 3)
    #expect(d.mean == 2)
    #expect(d.mode == 2)
    #expect(d.median == 2)
    #expect(d.quantiles.p2_5 == 0 && d.quantiles.p10 == 0 && d.quantiles.p25 == 1)
    #expect(d.quantiles.p75 == 3 && d.quantiles.p90 == 3 && d.quantiles.p97_5 == 4)
    #expect(abs(d.majorityProbability - 0.3) < 1e-15)
  }
}
