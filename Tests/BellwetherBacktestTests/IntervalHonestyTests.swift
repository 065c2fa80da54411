import Foundation
import Testing
@testable import BellwetherBacktest

/// The cross-cycle honesty summary (docs/model.md §7.7) against published tables and values by hand.
@Suite struct IntervalHonestyTests {
  /// Chi-square quantiles against the standard tables (Abramowitz and Stegun, table 26.8), and the
  /// 2-df distribution function in closed form, 1 − exp(−x/2).
  @Test func chiSquareAgainstTheTables() {
    for (q, k, x) in [(0.95, 1, 3.841459), (0.05, 4, 0.710723), (0.95, 4, 9.487729), (0.5, 10, 9.341818), (0.99, 30, 50.892181)] {
      #expect(abs(ChiSquare.quantile(q, degreesOfFreedom: k) - x) < 1e-5, "chi2_\(k)(\(q))")
    }
    for x in [0.1, 2, 7.5] { #expect(abs(ChiSquare.cdf(x, degreesOfFreedom: 2) - (1 - exp(-x / 2))) < 1e-12) }
  }

  /// Binomial(4, 0.8): P(X <= 2) = 1 − 4 (0.8^3)(0.2) − 0.8^4 = 1 − 0.4096 − 0.4096 = 0.1808.
  @Test func binomialByHand() {
    #expect(abs(IntervalHonesty.binomialCDF(2, trials: 4, p: 0.8) - 0.1808) < 1e-12)
    #expect(abs(IntervalHonesty.binomialCDF(4, trials: 4, p: 0.8) - 1) < 1e-12)
    #expect(IntervalHonesty.binomialCDF(-1, trials: 4, p: 0.8) == 0)
  }

  /// Errors 3, −1, 2, 0 against SDs 1.5, 1, 2, 1: z = 2, −1, 1, 0, RMS sqrt(6/4); the fixed
  /// environment of a fifth cycle (no SD) has no z. Three of the five inside their intervals.
  @Test func fourCyclesByHand() {
    let h = IntervalHonesty([(2006, 11, 1.5, 8, true), (2010, -8, 1, -7, false), (2014, -4, 2, -6, true), (2018, 9, 1, 9, false),
                             (2022, 1, nil, 1, true)])
    #expect(h.environment.map(\.cycle) == [2006, 2010, 2014, 2018])
    #expect(h.environment.map(\.z) == [2, -1, 1, 0] && h.environment.map(\.error) == [3, -1, 2, 0])
    #expect(abs(h.environmentRMSZ! - 1.5.squareRoot()) < 1e-12)
    #expect(abs(h.environmentRMSZRange90![0] - (0.710723 / 4).squareRoot()) < 1e-5)
    #expect(abs(h.environmentRMSZRange90![1] - (9.487729 / 4).squareRoot()) < 1e-5)
    #expect(h.inside80 == 3 && h.cycles == 5)
    // Binomial(5, 0.8) at 3: 1 − 5 (0.8^4)(0.2) − 0.8^5 = 1 − 0.4096 − 0.32768 = 0.26272.
    #expect(abs(h.inside80Probability - 0.26272) < 1e-12)
  }
}
