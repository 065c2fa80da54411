import Testing
@testable import BellwetherEngine

@Suite("Environment posterior: prior only, specials only, both")
struct EnvironmentEvidenceTests {
  static let priors = ModelPriors(
    environmentPrior: .fixed(mean: 2, sd: 3), environmentNu: .infinity, translationAlpha: 1.3, translationBeta: 0.4,
    translationSD: 3, recencyHalfLifeDays: 180, specialSamplingSD: 5, levelWeights: ["federal": 1],
    incumbencyAdvantage: 4, noiseScaleFromTau: 0.5, noiseMinimumSD: 5,
    noiseShares: .init(state: 0.25, region: 0.1, lean: 0.15, idiosyncratic: 0.5), kernelLength: 10, noiseNu: .infinity)
  static let prior = ResolvedEnvironmentPrior(mean: 2, sd: 3, method: "test", ballotAverage: nil, ballotDate: nil, misses: [])
  static let fit = SpecialsCalibration(rows: [], estimate: 10, standardError: 1, tau: 0, q: 0)

  // Specials translated: 1.3 + 0.4 * 10 = 5.3, variance 0.4^2 * 1^2 + 3^2 = 9.16 (SD 3.026549).
  // Both: precision 1/9 + 1/9.16; mean (2/9 + 5.3/9.16) / precision = 3.635463, SD 2.130645.

  @Test("prior only is the prior")
  func priorOnly() {
    let p = EnvironmentPosterior(prior: Self.prior, calibration: Self.fit, priors: Self.priors, evidence: .priorOnly)
    #expect(p.mean == 2 && p.sd == 3)
    #expect(p.evidence == .priorOnly)
  }

  @Test("specials only is the translated specials")
  func specialsOnly() {
    let p = EnvironmentPosterior(prior: Self.prior, calibration: Self.fit, priors: Self.priors, evidence: .specialsOnly)
    #expect(abs(p.mean - 5.3) < 1e-12)
    #expect(abs(p.sd - 3.026549190084311) < 1e-12)
  }

  @Test("both is the precision-weighted combination, and the default")
  func both() {
    let p = EnvironmentPosterior(prior: Self.prior, calibration: Self.fit, priors: Self.priors)
    #expect(p.evidence == .priorAndSpecials)
    #expect(abs(p.mean - 3.6354625550660793) < 1e-12)
    #expect(abs(p.sd - 2.13064487352832) < 1e-12)
  }

  @Test("specials only without specials falls back on the prior")
  func noSpecials() {
    let empty = SpecialsCalibration(rows: [], estimate: nil, standardError: nil, tau: 0, q: 0)
    let p = EnvironmentPosterior(prior: Self.prior, calibration: empty, priors: Self.priors, evidence: .specialsOnly)
    #expect(p.mean == 2 && p.sd == 3)
  }
}
