import Foundation
import Testing
import BellwetherEngine
@testable import BellwetherFit

/// `HouseEffectFit` (docs/fit.md, "House effects") against a one-way random-effects fit worked by
/// hand, and `FDistribution` against closed forms.
struct HouseEffectFitTests {
  /// The error model the residuals are taken against: bias 0.5, sponsor lean 2, cycle means
  /// +1 (cycle 1) and −1 (cycle 2). Only `bias`, `sponsorLean` and `cycleMeans` are read.
  static let errors = PollErrorFit(cycles: [1, 2], polls: 0, sponsored: 0, seats: 0, bias: 0.5, biasSE: 0, sponsorLean: 2,
                                   sponsorLeanSE: 0, pollSD: 1, districtSD: 1, sharedSD: 0, cycleMeans: [1: 1, 2: -1])

  /// The tiny data set: residuals r (what is left after bias, sponsor and cycle mean) written as
  /// errors e = r + 0.5 + 2 s + m_c.
  /// - A: seat s1 of cycle 1 twice, r = 1 and 3 (e = 2.5, 4.5): one unit of mean 2; s2 (cycle 1) r = 4
  ///   (e = 5.5); s3 (cycle 2) r = 6, D-sponsored (e = 6 + 0.5 + 2 − 1 = 7.5). Units 2, 4, 6.
  /// - B: s1 (cycle 1) r = −2 (e = −0.5); s2 (cycle 2) r = 0, R-sponsored (e = 0 + 0.5 − 2 − 1 = −2.5). Units −2, 0.
  /// - C: s4 (cycle 1) r = 1 (e = 2.5); s5 (cycle 1) r = −1 (e = 0.5). Units 1, −1.
  /// Ignored: a poll without a pollster, and one of a cycle the error fit does not know.
  static var polls: [PollObservation] {
    func o(_ p: String, _ c: Int, _ s: String, _ e: Double, _ sp: Double = 0) -> PollObservation {
      PollObservation(cycle: c, seat: s, error: e, sponsor: sp, pollster: p)
    }
    return [o("A", 1, "s1", 2.5), o("A", 1, "s1", 4.5), o("A", 1, "s2", 5.5), o("A", 2, "s3", 7.5, 1),
            o("B", 1, "s1", -0.5), o("B", 2, "s2", -2.5, -1), o("C", 1, "s4", 2.5), o("C", 1, "s5", 0.5),
            o("", 1, "s9", 40), o("A", 3, "s1", 40)]
  }

  /// By hand: N = 7 units, P = 3 pollsters, n = (3, 2, 2); means 4, −1, 0; grand mean 10/7.
  /// MSW = (8 + 2 + 2) / (7 − 3) = 3. MSB = [3 (18/7)^2 + 2 (17/7)^2 + 2 (10/7)^2] / 2 = (1750/49) / 2 = 125/7.
  /// n_0 = (7 − 17/7) / 2 = 16/7. tau^2 = (125/7 − 3) / (16/7) = 104/16 = 6.5.
  /// B_A = 3 (6.5) / (19.5 + 3) = 13/15, h_A = 4 (13/15) = 52/15; B_B = B_C = 13 / 16, h_B = −13/16, h_C = 0.
  /// F = MSB / MSW = 125/21 on (2, 4) df; with 2 numerator df P(F > f) = (1 + 2 f / 4)^(−2) = (42/167)^2.
  /// SE(tau^2) = sqrt(2 (MSB^2 / 2 + MSW^2 / 4)) / n_0 = sqrt(15625/49 + 9/2) (7/16); SE(tau) = that / (2 sqrt 6.5).
  @Test func shrinkageByHand() throws {
    let fit = try #require(HouseEffectFit.fit(Self.polls, errors: Self.errors))
    #expect(fit.polls == 8 && fit.units == 7 && fit.pollsters.map(\.name) == ["A", "B", "C"])
    #expect(fit.pollsters.map(\.polls) == [4, 2, 2] && fit.pollsters.map(\.seats) == [3, 2, 2])
    #expect(abs(fit.grandMean - 10.0 / 7) < 1e-12)
    #expect(abs(fit.withinVariance - 3) < 1e-12)
    #expect(abs(fit.betweenMeanSquare - 125.0 / 7) < 1e-12)
    #expect(abs(fit.effectiveSeats - 16.0 / 7) < 1e-12)
    #expect(abs(fit.tau - 6.5.squareRoot()) < 1e-12)
    let expected: [(raw: Double, b: Double, h: Double)] = [(4, 13.0 / 15, 52.0 / 15), (-1, 13.0 / 16, -13.0 / 16), (0, 13.0 / 16, 0)]
    for (p, e) in zip(fit.pollsters, expected) {
      #expect(abs(p.rawMean - e.raw) < 1e-12)
      #expect(abs(p.shrinkage - e.b) < 1e-12)
      #expect(abs(p.effect - e.h) < 1e-12)
    }
    #expect(abs(fit.fStatistic - 125.0 / 21) < 1e-12)
    #expect(fit.betweenDOF == 2 && fit.withinDOF == 4)
    #expect(abs(fit.pValue - pow(42.0 / 167, 2)) < 1e-12)
    #expect(!fit.isDistinguishableFromZero)  // p = 0.063
    let tau2SE = (15625.0 / 49 + 4.5).squareRoot() * 7 / 16
    #expect(abs(try #require(fit.tauSE) - tau2SE / (2 * 6.5.squareRoot())) < 1e-12)
    // Only A has the minimum of 3 units.
    #expect(fit.configEffects.map(\.name) == ["A"])
  }

  /// Equal pollster means: MSB = 0 < MSW, so tau = 0, no shrinkage weight, no config table.
  @Test func noSpreadBetweenPollstersGivesNoEffects() throws {
    let e = PollErrorFit(cycles: [1], polls: 0, sponsored: 0, seats: 0, bias: 0, biasSE: 0, sponsorLean: 0, sponsorLeanSE: 0,
                         pollSD: 1, districtSD: 1, sharedSD: 0, cycleMeans: [1: 0])
    let data = ["A": [1.0, -1, 3, -3], "B": [2.0, -2, 0]].flatMap { p, xs in
      xs.enumerated().map { PollObservation(cycle: 1, seat: "\(p)\($0.offset)", error: $0.element, sponsor: 0, pollster: p) }
    }
    let fit = try #require(HouseEffectFit.fit(data, errors: e))
    #expect(fit.tau == 0 && fit.tauSE == nil && fit.configEffects.isEmpty)
    #expect(fit.pollsters.allSatisfy { $0.effect == 0 && $0.shrinkage == 0 })
    #expect(abs(fit.pValue - 1) < 1e-12)  // F = 0
  }

  @Test func tooFewPollstersOrUnitsGiveNoFit() {
    let e = Self.errors
    #expect(HouseEffectFit.fit([PollObservation(cycle: 1, seat: "a", error: 1, sponsor: 0, pollster: "A"),
                                PollObservation(cycle: 1, seat: "b", error: 2, sponsor: 0, pollster: "A")], errors: e) == nil)
    // Two pollsters, one unit each (two polls of one seat are one unit): no within-pollster spread.
    #expect(HouseEffectFit.fit([PollObservation(cycle: 1, seat: "a", error: 1, sponsor: 0, pollster: "A"),
                                PollObservation(cycle: 1, seat: "a", error: 3, sponsor: 0, pollster: "A"),
                                PollObservation(cycle: 1, seat: "b", error: 2, sponsor: 0, pollster: "B")], errors: e) == nil)
  }

  /// The fragment's `polls` table with its `houseEffects` (quoted names, one with a quote and a dot)
  /// parses as a config table and gives the effects to the fragment's 3 decimals.
  @Test func theFragmentsHouseEffectsAreAConfigTable() throws {
    let renamed = Self.polls.map { o -> PollObservation in
      var o = o
      if o.pollster == "A" { o.pollster = "A \"Q\" Inc." }
      return o
    }
    let h = try #require(HouseEffectFit.fit(renamed, errors: Self.errors))
    let lines = FitConfigFragment.pollsLine(Self.errors, FitConfigFragment.houseEffectEntries(h))
    #expect(lines.count == 3)
    let text = """
      {
        chamber: { name: "T", seats: 2, majority: 2, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
        asOf: "2018-11-05",
        data: { districts: "d.csv", specials: "s.csv", polls: "p.csv" },
        environment: { prior: "fixed", mean: 0, sd: 1, nu: null },
        specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
        incumbency: { advantage: 0 },
        noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
        simulation: { draws: 1, seed: 1 },
      \(lines.joined(separator: "\n"))
      }
      """
    let config = try ForecastConfig.parse(data: Data(text.utf8), path: "/x/c.json5")
    let effects = try #require(config.polls?.houseEffects)
    #expect(effects.keys.sorted() == ["A \"Q\" Inc."])
    #expect(abs(effects["A \"Q\" Inc."]! - 52.0 / 15) < 5e-4)
  }
}

/// `FDistribution.survival` against closed forms: with 2 numerator df, `(1 + 2 f / d2)^(−d2/2)`;
/// with 2 denominator df, `1 − (d1 f / (d1 f + 2))^(d1/2)`; with (1, 1) df F = T^2 for a Cauchy T,
/// `1 − (2/π) atan(sqrt f)`.
struct FDistributionTests {
  @Test(arguments: [0.1, 0.5, 1, 2.5, 7, 40])
  func matchesClosedForms(f: Double) {
    for d2 in [1.0, 4, 9, 30, 497] {
      #expect(abs(FDistribution.survival(f, 2, d2) - pow(1 + 2 * f / d2, -d2 / 2)) < 1e-12)
    }
    for d1 in [1.0, 2, 5, 151] {
      #expect(abs(FDistribution.survival(f, d1, 2) - (1 - pow(d1 * f / (d1 * f + 2), d1 / 2))) < 1e-12)
    }
    #expect(abs(FDistribution.survival(f, 1, 1) - (1 - 2 / Double.pi * atan(f.squareRoot()))) < 1e-12)
  }

  @Test func edges() {
    #expect(FDistribution.survival(0, 3, 4) == 1)
    #expect(FDistribution.survival(-1, 3, 4) == 1)
    #expect(FDistribution.survival(.infinity, 3, 4) == 0)
  }
}
