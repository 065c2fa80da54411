import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

struct EnvironmentPosteriorTests {
  @Test func posteriorIsThePrecisionWeightedMean() {
    // Prior N(6, 2^2); specials E_s = 10, SE = 1; alpha 1, beta 0.5, sigmaT 1:
    // translated mean 6, variance 0.25 * 1 + 1 = 1.25. Posterior precision 1/4 + 1/1.25 = 1.05,
    // mean (6/4 + 6/1.25) / 1.05 = 6, sd sqrt(1 / 1.05).
    var priors = TestSupport.priors()
    priors.translationAlpha = 1
    priors.translationBeta = 0.5
    priors.translationSD = 1
    let prior = ResolvedEnvironmentPrior(mean: 6, sd: 2, method: "test", ballotAverage: nil, ballotDate: nil, misses: [])
    let fit = SpecialsCalibration(rows: [], estimate: 10, standardError: 1, tau: 0, q: 0)
    let post = EnvironmentPosterior(prior: prior, calibration: fit, priors: priors)
    #expect(abs(post.specialsMean! - 6) < 1e-12)
    #expect(abs(post.specialsSD! - 1.25.squareRoot()) < 1e-12)
    #expect(abs(post.mean - 6) < 1e-12)
    #expect(abs(post.sd - (1 / 1.05).squareRoot()) < 1e-12)
    // And with a prior mean of 2: (2/4 + 6/1.25) / 1.05 = 5.0476...
    let post2 = EnvironmentPosterior(prior: .init(mean: 2, sd: 2, method: "", ballotAverage: nil, ballotDate: nil, misses: []),
                                     calibration: fit, priors: priors)
    #expect(abs(post2.mean - (0.5 + 4.8) / 1.05) < 1e-12)
  }

  @Test(arguments: [(6.0, 2.0, 10.0, 1.0), (2.0, 3.0, 10.0, 1.0), (-4.0, 1.5, 9.0, 6.0), (0.0, 10.0, 3.0, 0.5),
                    (8.0, 0.8, -5.0, 2.5)])
  func posteriorAgreesWithNumericalIntegration(priorMean: Double, priorSD: Double, estimate: Double, standardError: Double) {
    // A second method for the update: prior N(priorMean, priorSD^2) times the translated specials'
    // likelihood N(1.3 + 0.4 E_s, 0.4^2 SE^2 + 3^2), integrated on a grid
    // (TestSupport.normalPosteriorByQuadrature, error well under 1e-9 by its comment).
    var priors = TestSupport.priors()
    priors.translationAlpha = 1.3
    priors.translationBeta = 0.4
    priors.translationSD = 3
    let prior = ResolvedEnvironmentPrior(mean: priorMean, sd: priorSD, method: "test", ballotAverage: nil, ballotDate: nil, misses: [])
    let fit = SpecialsCalibration(rows: [], estimate: estimate, standardError: standardError, tau: 0, q: 0)
    let post = EnvironmentPosterior(prior: prior, calibration: fit, priors: priors)
    let expected = TestSupport.normalPosteriorByQuadrature(
      priorMean: priorMean, priorSD: priorSD, likelihoodMean: 1.3 + 0.4 * estimate,
      likelihoodSD: (0.16 * standardError * standardError + 9).squareRoot())
    #expect(abs(post.mean - expected.mean) < 1e-9)
    #expect(abs(post.sd - expected.sd) < 1e-9)
  }
}
