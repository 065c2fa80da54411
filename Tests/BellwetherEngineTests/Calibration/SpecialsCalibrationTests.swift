import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

struct SpecialsCalibrationTests {
  @Test func equalVariancesByHand() {
    // x = 2, 6, 10, v = 4: a = 1/4, xbar = 6, Q = (16 + 0 + 16) / 4 = 8,
    // sum a = 0.75, sum a^2 = 0.1875, denominator 0.75 - 0.25 = 0.5, tau^2 = (8 - 2) / 0.5 = 12.
    #expect(abs(SpecialsCalibration.derSimonianLairdTau2(x: [2, 6, 10], v: [4, 4, 4]) - 12) < 1e-12)
  }

  @Test func unequalVariancesByHand() {
    // x = 1, 5, v = 1, 3: a = 1, 1/3, xbar = 2, Q = 1 + 3 = 4, sum a = 4/3, sum a^2 = 10/9,
    // denominator 4/3 - 10/12 = 0.5, tau^2 = (4 - 1) / 0.5 = 6.
    #expect(abs(SpecialsCalibration.derSimonianLairdTau2(x: [1, 5], v: [1, 3]) - 6) < 1e-12)
  }

  @Test func clampsAtZeroWhenSpecialsAgree() {
    #expect(SpecialsCalibration.derSimonianLairdTau2(x: [5, 5.1, 4.9], v: [4, 4, 4]) == 0)
  }

  static func special(_ days: Int, before asOf: CalendarDate, x: Double, level: String = "federal") -> SpecialElection {
    SpecialElection(date: asOf.adding(days: -days), state: "XX", seat: "S\(days)", level: level, margin: nil, lean: nil,
                    shift: x, source: "test")
  }

  @Test func estimateAndStandardErrorWithRecencyByHand() {
    // samplingSD 2 -> v = 4; x = 2, 6, 10 -> tau^2 = 12 (above), tau^2 + v = 16.
    // Half-life 100 days; ages 0+1, 100+1, 200+1 days... use ages 100, 200 and 1 so r = 2^(-age/100).
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 100
    let specials = [Self.special(200, before: asOf, x: 2), Self.special(100, before: asOf, x: 6), Self.special(1, before: asOf, x: 10)]
    let fit = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    let r: [Double] = [0.25, 0.5, pow(2.0, -0.01)]
    // w = r / 16: E_s = sum(r x) / sum(r); SE^2 = sum(w^2 * 16) / (sum w)^2 = 16 sum(r^2) / (sum r)^2.
    let sumR = r.reduce(0, +)
    let weightedSum: Double = 0.25 * 2 + 0.5 * 6 + r[2] * 10
    let expectedEstimate = weightedSum / sumR
    let sumR2: Double = r.map { $0 * $0 }.reduce(0, +)
    let expectedSE = (16 * sumR2 / (sumR * sumR)).squareRoot()
    #expect(abs(fit.tau - 12.0.squareRoot()) < 1e-12)
    #expect(abs(fit.estimate! - expectedEstimate) < 1e-12)
    #expect(abs(fit.standardError! - expectedSE) < 1e-12)
    #expect(abs(fit.rows.map(\.weightShare).reduce(0, +) - 1) < 1e-12)
    #expect(abs(fit.rows[0].residual - (2 - expectedEstimate)) < 1e-12)
  }

  /// `specials.standardError: "hartung-knapp"`: the model's SE times sqrt(q), q = sum((x - E_s)^2 /
  /// (tau^2 + v)) / (k - 1). Two hand examples: the recency example above (tau^2 + v = 16, E_s =
  /// 13.43092 / 1.74309 = 7.70522, residuals -5.70522, -1.70522, 2.29478: q = 40.7233 / 32 = 1.27260),
  /// and two equal-weight specials x = 5, 6 with v = 4 (Q = 0.125 < 1, so tau^2 = 0; E_s = 5.5; model
  /// SE^2 = 4 / 2 = 2; q = (0.25 + 0.25) / 4 / 1 = 0.125; SE = sqrt(2 x 0.125) = 0.5 exactly).
  @Test func hartungKnappScalesTheStandardErrorByTheResidualMeanSquareByHand() throws {
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 100
    let specials = [Self.special(200, before: asOf, x: 2), Self.special(100, before: asOf, x: 6), Self.special(1, before: asOf, x: 10)]
    let model = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    priors.specialsStandardError = .hartungKnapp
    let hk = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    #expect(hk.estimate == model.estimate && hk.tau == model.tau)
    let ratio = try #require(hk.standardError) / (try #require(model.standardError))
    #expect(abs(ratio - 1.27260.squareRoot()) < 1e-5)

    let two = [Self.special(10, before: asOf, x: 5), Self.special(10, before: asOf, x: 6)]
    let clamped = SpecialsCalibration.fit(specials: two, asOf: asOf, priors: priors)
    #expect(clamped.tau == 0 && abs(clamped.estimate! - 5.5) < 1e-12)
    #expect(abs(try #require(clamped.standardError) - 0.5) < 1e-12)
    // One special: no residual degrees of freedom, the model's SE is kept.
    let one = SpecialsCalibration.fit(specials: [Self.special(10, before: asOf, x: 5)], asOf: asOf, priors: priors)
    #expect(abs(try #require(one.standardError) - 2) < 1e-12)
  }

  /// `specials.informationHalfLifeDays` h: variance (tau^2 + v) 2^(age / h). One special x = 5, v = 4
  /// (tau^2 = 0), recency half-life 100: SE = sqrt(4 x 2^(age / 50)) with h = 50: 2 sqrt(2) at 50 days,
  /// 4 at 100; without h it stays 2 at any age. Two specials x = 2 (age 200) and 6 (age 100), no
  /// recency discount (infinite half-life, r = 1), h = 100: tau^2 = (Q - 1) / (1/4 + 1/4 - (1/8) / (1/2))
  /// with Q = (1/4)(4 + 4) = 2, so tau^2 = 1 / 0.25 = 4; variances 8 x 4 = 32 and 8 x 2 = 16: w = 1/32,
  /// 1/16, E_s = (2/32 + 6/16) / (3/32) = 14/3, SE^2 = (1/32 + 1/16) / (3/32)^2 = 32/3.
  @Test func informationDecayWidensTheStandardErrorWithAgeByHand() throws {
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 100
    for (age, withDecay) in [(50, 2 * 2.0.squareRoot()), (100, 4.0)] {
      let one = [Self.special(age, before: asOf, x: 5)]
      #expect(abs(try #require(SpecialsCalibration.fit(specials: one, asOf: asOf, priors: priors).standardError) - 2) < 1e-12)
      var decaying = priors
      decaying.informationHalfLifeDays = 50
      #expect(abs(try #require(SpecialsCalibration.fit(specials: one, asOf: asOf, priors: decaying).standardError) - withDecay) < 1e-12)
    }
    priors.recencyHalfLifeDays = .infinity
    priors.informationHalfLifeDays = 100
    let two = [Self.special(200, before: asOf, x: 2), Self.special(100, before: asOf, x: 6)]
    let fit = SpecialsCalibration.fit(specials: two, asOf: asOf, priors: priors)
    #expect(abs(fit.tau - 2) < 1e-12)
    #expect(abs(try #require(fit.estimate) - 14.0 / 3) < 1e-12)
    #expect(abs(try #require(fit.standardError) - (32.0 / 3).squareRoot()) < 1e-12)
  }

  @Test func specialsOnOrAfterTheAsOfDateAreIgnored() {
    let asOf = CalendarDate(iso: "2018-06-01")!
    let specials = [Self.special(10, before: asOf, x: 3), Self.special(0, before: asOf, x: 50), Self.special(-5, before: asOf, x: 50)]
    let fit = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: TestSupport.priors())
    #expect(fit.rows.count == 1)
    #expect(abs(fit.estimate! - 3) < 1e-12)
  }

  @Test func levelWeightScalesTheWeight() {
    let asOf = CalendarDate(iso: "2018-06-01")!
    var priors = TestSupport.priors()
    priors.levelWeights = ["federal": 1, "state_legislative": 0.5]
    priors.recencyHalfLifeDays = 1e9
    let fit = SpecialsCalibration.fit(specials: [Self.special(1, before: asOf, x: 0), Self.special(1, before: asOf, x: 3, level: "state_legislative")],
                                      asOf: asOf, priors: priors)
    // Weights 1 : 0.5 -> E_s = (0 * 1 + 3 * 0.5) / 1.5 = 1.
    #expect(abs(fit.estimate! - 1) < 1e-6)
  }
}
