import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Seat scores")
struct SeatScoresTests {
  @Test("error, 80% interval and mid-percentile of the actual count, by hand")
  func distribution() throws {
    // 10 draws over 0...5 seats: P = 0, .1, .2, .3, .3, .1.
    let d = SeatDistribution(counts: [0, 1, 2, 3, 3, 1], majority: 4)
    let s = SeatScores(distribution: d, actual: 3)
    // mean = (1 + 4 + 9 + 12 + 5) / 10 = 3.1
    #expect(abs(s.mean - 3.1) < 1e-12)
    #expect(abs(s.meanError - 0.1) < 1e-12)
    #expect(s.median == 3 && s.medianError == 0)
    // 10%: first s with cumulative >= 1 draw is 1; 90%: cumulative >= 9 first at 4.
    #expect(s.lower80 == 1 && s.upper80 == 4 && s.inside80)
    #expect(abs(s.majorityProbability - 0.4) < 1e-12)
    #expect(abs(try #require(s.probabilityBelow) - 0.3) < 1e-12)
    #expect(abs(try #require(s.probabilityAtOrBelow) - 0.6) < 1e-12)
    #expect(abs(try #require(s.percentile) - 0.45) < 1e-12)
  }

  @Test("an actual count beyond every draw has percentile 1 and is outside the interval")
  func beyond() throws {
    let s = SeatScores(distribution: SeatDistribution(counts: [2, 2, 0, 0], majority: 2), actual: 3)
    #expect(s.percentile == 1)
    #expect(!s.inside80)
    #expect(s.meanError == -2.5)
  }

  @Test("a published summary has no percentile")
  func summary() {
    let s = SeatScores(actual: 235, mean: 231.16, median: 230, lower80: 215, upper80: 248, majorityProbability: 0.8551)
    #expect(abs(s.meanError + 3.84) < 1e-9)
    #expect(s.medianError == -5)
    #expect(s.inside80)
    #expect(s.percentile == nil)
    #expect(!SeatScores(actual: 235, mean: 216, median: 216, lower80: 203, upper80: 231, majorityProbability: 0.4).inside80)
  }
}
