import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherFit

/// The specials' translation on three readings written here, by hand.
@Suite struct SpecialsTranslationFitTests {
  static func reading(_ cycle: Int, _ e: Double?, _ vote: Double, p: Double? = 0, se: Double = 0.1) -> SpecialsReading {
    SpecialsReading(cycle: cycle, asOf: CalendarDate(iso: "\(cycle)-11-01")!, specials: e == nil ? 0 : 5, estimate: e,
                    standardError: e == nil ? nil : se, tau: 3, houseVote: vote, leanNationalMargin: p)
  }

  /// (E_s, vote) = (2, 1), (4, 2), (6, 4) with P = 0 and SE 0.1 each.
  /// - Anchored: beta = Σxy / Σx² = 34/56; RSS = Σy² − (Σxy)²/Σx² = 21 − 1156/56 = 5/14 on 2 df, s² =
  ///   5/28, SE = sqrt(s² / 56); sigmaT² = s² − beta² × 0.01.
  /// - Free: x̄ = 4, ȳ = 7/3, Sxx = 8, Sxy = 6: beta 3/4, alpha 7/3 − 3 = −2/3; residuals 1/6, −1/3,
  ///   1/6: RSS 1/6 on 1 df; SE(beta) = sqrt(s²/Sxx) = sqrt(1/48), SE(alpha) = sqrt(s² (1/3 + 16/8)) = sqrt(7/18).
  @Test func anchoredAndFreeFitsByHand() throws {
    let fit = SpecialsTranslationFit.fit([Self.reading(2006, 2, 1), Self.reading(2010, 4, 2), Self.reading(2014, 6, 4)])
    let a = try #require(fit.anchored)
    #expect(abs(a.beta - 34.0 / 56) < 1e-12 && abs(a.residualSD! - (5.0 / 28).squareRoot()) < 1e-12)
    #expect(abs(a.standardError! - (5.0 / 28 / 56).squareRoot()) < 1e-12)
    #expect(abs(a.sigmaT! - (5.0 / 28 - a.beta * a.beta * 0.01).squareRoot()) < 1e-12)
    let f = try #require(fit.free)
    #expect(abs(f.beta - 0.75) < 1e-12 && abs(f.alpha + 2.0 / 3) < 1e-12)
    #expect(abs(f.betaStandardError! - (1.0 / 48).squareRoot()) < 1e-12 && abs(f.alphaStandardError! - (7.0 / 18).squareRoot()) < 1e-12)
    #expect(abs(fit.readings[1].impliedBeta! - 0.5) < 1e-12)
  }

  /// The anchor P: vote − P = beta (E_s − P). With P = 2: (E, vote) = (4, 3), (6, 4): x = 2, 4 and
  /// y = 1, 2: beta = (2 + 8)/(4 + 16) = 1/2, residuals 0: s = 0, sigmaT = 0.
  @Test func theAnchorIsTheLeanNationalMargin() throws {
    let fit = SpecialsTranslationFit.fit([Self.reading(2006, 4, 3, p: 2), Self.reading(2010, 6, 4, p: 2), Self.reading(2014, nil, 9, p: 2)])
    let a = try #require(fit.anchored)
    #expect(abs(a.beta - 0.5) < 1e-12 && abs(a.residualSD!) < 1e-12 && a.sigmaT == 0 && a.cycles == [2006, 2010])
    #expect(fit.notes.contains { $0.contains("2014: no specials") })
    // Two cycles: the free line is exact, without an SE.
    #expect(fit.free?.betaStandardError == nil && fit.free?.residualSD == nil)
  }

  @Test func oneCycleHasNoWidth() {
    let fit = SpecialsTranslationFit.fit([Self.reading(2006, 5, 3)])
    #expect(fit.anchored?.standardError == nil && fit.anchored?.sigmaT == nil && fit.free == nil)
  }
}
