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

  /// `specials.hartungKnappFloor: true` uses max(1, q) (Röver, Knapp and Friede 2015). Two equal-weight
  /// specials x = 5, 6, v = 4: tau^2 = 0, model SE^2 = 4 / 2 = 2, q = 0.125 (the example above), so
  /// the floored SE is the model's, sqrt(2), where the plain one is 0.5. In the recency example q =
  /// 1.27260 > 1 and the floor changes nothing.
  @Test func hartungKnappFloorKeepsTheModelStandardErrorWhenQIsBelowOneByHand() throws {
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 100
    priors.specialsStandardError = .hartungKnapp
    var floored = priors
    floored.hartungKnappFloor = true
    let two = [Self.special(10, before: asOf, x: 5), Self.special(10, before: asOf, x: 6)]
    #expect(abs(try #require(SpecialsCalibration.fit(specials: two, asOf: asOf, priors: priors).standardError) - 0.5) < 1e-12)
    let fit = SpecialsCalibration.fit(specials: two, asOf: asOf, priors: floored)
    let estimate = try #require(fit.estimate)
    #expect(fit.tau == 0 && abs(estimate - 5.5) < 1e-12)
    #expect(abs(try #require(fit.standardError) - 2.0.squareRoot()) < 1e-12)
    var off = priors
    off.hartungKnappFloor = false
    #expect(SpecialsCalibration.fit(specials: two, asOf: asOf, priors: off) == SpecialsCalibration.fit(specials: two, asOf: asOf, priors: priors))

    let three = [Self.special(200, before: asOf, x: 2), Self.special(100, before: asOf, x: 6), Self.special(1, before: asOf, x: 10)]
    let plain = SpecialsCalibration.fit(specials: three, asOf: asOf, priors: priors)
    let kept = SpecialsCalibration.fit(specials: three, asOf: asOf, priors: floored)
    #expect(kept.standardError == plain.standardError && kept.estimate == plain.estimate)
  }

  static func special(on date: String, in state: String, x: Double, level: String = "federal") -> SpecialElection {
    SpecialElection(date: CalendarDate(iso: date)!, state: state, seat: "\(state) \(date) \(x)", level: level, margin: nil,
                    lean: nil, shift: x, source: "test")
  }

  /// `specials.clusters: "same-day-state"` (docs/model.md §2.2): x = E_s + u[c] + e[i], the fit on the
  /// clusters' level-weighted means with v[c] = v sum(l^2) / (sum l)^2 and level L[c] = sum(l^2) / sum(l).
  /// v = 4, no recency discount (r = 1).
  ///
  /// Case 1: A (XX, June 1, x = 2) and B (XX, June 1, x = 6), C (YY, July 1, x = 10), all federal.
  /// Clusters {A, B}: mean 4, v = 4 x 2 / 4 = 2, L = 1; {C}: 10, v = 4, L = 1. DerSimonian-Laird with
  /// a = 1/2, 1/4: sum a = 3/4, weighted mean (2 + 2.5) / (3/4) = 6, Q = (1/2) 4 + (1/4) 16 = 6,
  /// sum a^2 = 5/16, denominator 3/4 - (5/16) / (3/4) = 1/3, tau^2 = (6 - 1) / (1/3) = 15. W = 1/17,
  /// 1/19: E_s = (4/17 + 10/19) / (1/17 + 1/19) = 246/36 = 41/6; SE^2 = 1 / (1/17 + 1/19) = 323/36.
  /// (Without clusters: tau^2 = 12, E_s = 6, SE^2 = 16/3.) A and B carry half of 1/17 each.
  ///
  /// Case 2: B is state-legislative (level 0.5) with x = 8. {A, B}: mean (2 + 4) / 1.5 = 4, v = 4 x 1.25
  /// / 2.25 = 20/9, L = 1.25 / 1.5 = 5/6. a = 9/20, 1/4: sum a = 7/10, weighted mean 4.3 / 0.7 = 43/7,
  /// Q = (9/20)(15/7)^2 + (1/4)(27/7)^2 = 283.5/49, sum a^2 = 0.265, denominator 0.7 - 0.265/0.7 = 9/28,
  /// tau^2 = (283.5/49 - 1) (28/9) = 134/9. Variances 154/9 and 170/9: W = (5/6)(9/154) = 15/308 and
  /// 9/170; E_s = (4 W1 + 10 W2) / (W1 + W2); SE^2 = (W1^2 154/9 + W2^2 170/9) / (W1 + W2)^2.
  @Test func perLevelVariancesByHand() throws {
    // v = 4, every special on one day (recency cancels). Federal x = 0, 4, 8: sample variance 16, so
    // tau_f^2 = 16 - 4 = 12 (DerSimonian-Laird with equal v is s^2 - v) and each special's variance 16.
    // State-legislative x = 10, 14, 18, 22: s^2 = 80/3, tau^2 = 68/3, variance 80/3. One statewide special
    // (x = 6), below three: the pooled tau^2 of all eight, mean 10.25, s^2 = 379.5/7 = 759/14, so its
    // variance is 759/14. Inverse-variance weights: E_s = (12/16 + 64 x 3/80 + 6 x 14/759) / W with
    // W = 3/16 + 4 x 3/80 + 14/759, SE^2 = 1/W; the level weights (0.5 for state-legislative) do not apply.
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 180
    priors.levelWeights = ["federal": 1, "state_legislative": 0.5, "statewide": 1]
    priors.specialsLevelVariances = .perLevel
    let specials = [0.0, 4, 8].map { Self.special(on: "2018-06-01", in: "XX", x: $0) }
      + [10.0, 14, 18, 22].map { Self.special(on: "2018-06-01", in: "YY", x: $0, level: "state_legislative") }
      + [Self.special(on: "2018-06-01", in: "ZZ", x: 6, level: "statewide")]
    let fit = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    let w = 3.0 / 16 + 4 * 3.0 / 80 + 14.0 / 759
    #expect(abs(try #require(fit.estimate) - (12.0 / 16 + 64 * 3.0 / 80 + 6 * 14.0 / 759) / w) < 1e-12)
    #expect(abs(try #require(fit.standardError) - (1 / w).squareRoot()) < 1e-12)
    let taus = try #require(fit.levelTaus)
    #expect(abs(taus["federal"]! - 12.0.squareRoot()) < 1e-12 && abs(taus["state_legislative"]! - (68.0 / 3).squareRoot()) < 1e-12)
    #expect(abs(taus["statewide"]! - (703.0 / 14).squareRoot()) < 1e-12 && abs(fit.tau - (703.0 / 14).squareRoot()) < 1e-12)
    #expect(fit.rows.allSatisfy { $0.levelWeight == 1 })
    // Shared (the default): one tau and the level weights; no levelTaus.
    priors.specialsLevelVariances = nil
    #expect(SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors).levelTaus == nil)
    // A level weighted 0 is still left out.
    priors.specialsLevelVariances = .perLevel
    priors.levelWeights["statewide"] = 0
    #expect(SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors).rows.count == 7)
  }

  @Test func sameDayStateClustersAreFittedOnTheirMeansByHand() throws {
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = .infinity
    priors.levelWeights = ["federal": 1, "state_legislative": 0.5]
    priors.specialsClusters = .sameDayState
    let specials = [Self.special(on: "2018-07-01", in: "YY", x: 10), Self.special(on: "2018-06-01", in: "XX", x: 2),
                    Self.special(on: "2018-06-01", in: "XX", x: 6)]
    let fit = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    #expect(fit.clusters == 2)
    #expect(abs(fit.tau - 15.0.squareRoot()) < 1e-12)
    #expect(abs(fit.q - 6) < 1e-12)
    #expect(abs(try #require(fit.estimate) - 41.0 / 6) < 1e-12)
    #expect(abs(try #require(fit.standardError) - (323.0 / 36).squareRoot()) < 1e-12)
    #expect(fit.rows.map(\.special.shift) == [2, 6, 10] && fit.rows.map(\.cluster) == [1, 1, 2])
    let expectedWeights: [Double] = [1.0 / 34, 1.0 / 34, 1.0 / 19]
    for (row, w) in zip(fit.rows, expectedWeights) { #expect(abs(row.weight - w) < 1e-15) }
    #expect(abs(fit.rows.map(\.weightShare).reduce(0, +) - 1) < 1e-12)
    #expect(abs(fit.rows[0].residual - (2 - 41.0 / 6)) < 1e-12)

    let mixed = [Self.special(on: "2018-06-01", in: "XX", x: 2), Self.special(on: "2018-06-01", in: "XX", x: 8, level: "state_legislative"),
                 Self.special(on: "2018-07-01", in: "YY", x: 10)]
    let two = SpecialsCalibration.fit(specials: mixed, asOf: asOf, priors: priors)
    let w1 = 15.0 / 308, w2 = 9.0 / 170
    #expect(abs(two.tau * two.tau - 134.0 / 9) < 1e-12)
    #expect(abs(try #require(two.estimate) - (4 * w1 + 10 * w2) / (w1 + w2)) < 1e-12)
    let se2 = (w1 * w1 * 154 / 9 + w2 * w2 * 170 / 9) / ((w1 + w2) * (w1 + w2))
    #expect(abs(try #require(two.standardError) - se2.squareRoot()) < 1e-12)
    // A member's weight is its level's share of its cluster's: 2/3 and 1/3 of W1.
    #expect(abs(two.rows[0].weight - w1 * 2 / 3) < 1e-15 && abs(two.rows[1].weight - w1 / 3) < 1e-15)
  }

  /// Only the same date and the same state make a cluster: a special of XX a day later and one of YY
  /// the same day stand alone.
  @Test func aClusterIsOneDateInOneState() {
    let specials = [Self.special(on: "2018-06-01", in: "XX", x: 1), Self.special(on: "2018-06-01", in: "YY", x: 2),
                    Self.special(on: "2018-06-01", in: "XX", x: 3), Self.special(on: "2018-06-02", in: "XX", x: 4)]
    #expect(SpecialsCalibration.sameDayStateClusters(specials) == [[0, 2], [1], [3]])
  }

  /// A second route to the cluster weights: with tau^2 = 0 the cluster effect vanishes, so the
  /// clustered fit must give the independent fit's E_s and SE (each cluster weighs r sum(l) / v, its
  /// members' total). x close together so both DerSimonian-Laird estimates clamp at 0; mixed levels and
  /// recency.
  @Test func withoutBetweenSpecialVarianceClustersWeighWhatTheirMembersWeigh() throws {
    let asOf = CalendarDate(iso: "2018-11-05")!
    var priors = TestSupport.priors()
    priors.specialSamplingSD = 2
    priors.recencyHalfLifeDays = 100
    priors.levelWeights = ["federal": 1, "state_legislative": 0.5]
    let specials = [Self.special(on: "2018-06-01", in: "XX", x: 5), Self.special(on: "2018-06-01", in: "XX", x: 5.2, level: "state_legislative"),
                    Self.special(on: "2018-06-01", in: "XX", x: 4.9, level: "state_legislative"), Self.special(on: "2018-09-01", in: "YY", x: 4.8),
                    Self.special(on: "2018-10-01", in: "YY", x: 5.1, level: "state_legislative")]
    let independent = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    priors.specialsClusters = .sameDayState
    let clustered = SpecialsCalibration.fit(specials: specials, asOf: asOf, priors: priors)
    #expect(independent.tau == 0 && clustered.tau == 0 && clustered.clusters == 3)
    #expect(abs(try #require(clustered.estimate) - (try #require(independent.estimate))) < 1e-12)
    #expect(abs(try #require(clustered.standardError) - (try #require(independent.standardError))) < 1e-12)
    for (c, i) in zip(clustered.rows, independent.rows) { #expect(abs(c.weightShare - i.weightShare) < 1e-12) }
  }

  /// `specials.clusters: "none"` (and absent) is the fit as it was before clusters, to the bit: the
  /// shipped 2018 specials under each SE method and with information decay, against a frozen copy of
  /// that fit (`ReferenceSpecialsFit`, the code of commit 5da698f).
  @Test func noClustersIsTheFitBeforeClustersToTheBit() throws {
    let inputs = try Forecaster(configPath: TestSupport.repositoryRoot + "/config/house-2018.json5").inputs
    var variants: [ModelPriors] = []
    for se in [nil, ModelPriors.SpecialsStandardError.model, .hartungKnapp] {
      for h in [nil, 60.0] {
        var p = inputs.config.priors
        p.specialsStandardError = se
        p.informationHalfLifeDays = h
        variants.append(p)
      }
    }
    for asOf in ["2018-11-05", "2017-11-08", "2017-06-01"] {
      let date = try #require(CalendarDate(iso: asOf))
      for p in variants {
        let reference = ReferenceSpecialsFit.fit(specials: inputs.specials, asOf: date, priors: p)
        for clusters in [nil, ModelPriors.SpecialsClusters.none] {
          var q = p
          q.specialsClusters = clusters
          #expect(SpecialsCalibration.fit(specials: inputs.specials, asOf: date, priors: q) == reference)
        }
      }
    }
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
