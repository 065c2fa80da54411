import BellwetherEngine
import Foundation
import Testing
@testable import BellwetherFit

/// The Student-t tail fits (docs/fit.md, "Tails"), each against a value found another way: by hand,
/// by numerical integration, or by the likelihood's own neighbourhood.
struct TailFitTests {
  /// Simpson's rule on `n` (even) intervals of [a, b].
  static func simpson(_ a: Double, _ b: Double, _ n: Int, _ f: (Double) -> Double) -> Double {
    let h = (b - a) / Double(n)
    var sum = f(a) + f(b)
    for k in 1..<n { sum += f(a + Double(k) * h) * (k % 2 == 1 ? 4 : 2) }
    return sum * h / 3
  }

  @Test func theGaussianProfilePointByHand() {
    // x = 1, 2, 3, 6: mean 3, maximum-likelihood variance (4 + 1 + 0 + 9) / 4 = 3.5, so the
    // log-likelihood is -(4/2) log(2 pi 3.5) - 4/2.
    let fit = TailFit.studentT([1, 2, 3, 6], nu: .infinity)
    #expect(abs(fit.location - 3) < 1e-12 && abs(fit.scale - 3.5.squareRoot()) < 1e-12)
    #expect(abs(fit.logLikelihood - (-2 * log(2 * Double.pi * 3.5) - 2)) < 1e-12)
  }

  @Test func theTFitIsTheMaximumOfTheDensityWrittenOut() {
    // The t density written out, f(x) = Gamma((nu+1)/2) / (Gamma(nu/2) sqrt(nu pi) s) (1 + ((x-mu)/s)^2 / nu)^(-(nu+1)/2),
    // summed over the sample: the EM answer is that sum, and moving the location or the scale by 1%
    // of the scale either way lowers it.
    let x = [0.74, 3.92, 4.79, 4.47, 7.54, -0.92, -0.68, 1.54, 3.75, 3.77], nu = 4.0
    func ll(_ mu: Double, _ s: Double) -> Double {
      x.reduce(0) { sum, xi in
        let z = (xi - mu) / s
        return sum + log(tgamma((nu + 1) / 2) / (tgamma(nu / 2) * (nu * Double.pi).squareRoot() * s) * pow(1 + z * z / nu, -(nu + 1) / 2))
      }
    }
    let fit = TailFit.studentT(x, nu: nu)
    #expect(abs(fit.logLikelihood - ll(fit.location, fit.scale)) < 1e-9)
    for (dm, ds) in [(0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01)] {
      #expect(ll(fit.location + dm * fit.scale, fit.scale * (1 + ds)) < fit.logLikelihood)
    }
  }

  @Test func theMultivariateTIsTheGaussianScaleMixture() {
    // A multivariate t with scale matrix S is N(0, w S) with w = nu / chi2_nu, w ~ InvGamma(nu/2, nu/2).
    // For n = 2, q = e'S^-1 e = 3.7 and log det S = 1.2, integrate that mixture over u = log w by Simpson
    // (40,000 intervals of [-30, 30]; the integrand is smooth and negligible at both ends).
    let n = 2, q = 3.7, logDet = 1.2
    for nu in [3.0, 5.0, 8.0] {
      let a = nu / 2
      let mixture = Self.simpson(-30, 30, 40_000) { u in
        let w = exp(u)
        let gaussian = -Double(n) / 2 * log(2 * Double.pi * w) - logDet / 2 - q / (2 * w)
        let inverseGamma = a * log(a) - lgamma(a) - (a + 1) * u - a / w
        return exp(gaussian + inverseGamma) * w  // dw = w du
      }
      let closed = TailFit.multivariateTLogDensity(mahalanobis: q, dimension: n, logDeterminant: logDet, nu: nu)
      #expect(abs(log(mixture) - closed) < 1e-8, "nu \(nu): \(log(mixture)) against \(closed)")
    }
    // Far out in nu the t is the Gaussian.
    let gaussian = TailFit.multivariateTLogDensity(mahalanobis: q, dimension: n, logDeterminant: logDet, nu: .infinity)
    #expect(abs(TailFit.multivariateTLogDensity(mahalanobis: q, dimension: n, logDeterminant: logDet, nu: 1e7) - gaussian) < 1e-5)
  }

  @Test func underTheSDConventionSigmaIsTheCovariance() {
    // One seat, Sigma = 9 (SD 3), nu = 6, tScale "sd": the density of the error x integrates to 1 and
    // its variance to 9, by Simpson over [-3000, 3000] (the tails beyond carry x^2 f(x) ~ x^-5: below 1e-9).
    let cycle = { (x: Double) in TailFit.NoiseCycle(cycle: 0, fittedOn: [], seats: 1, mahalanobis: x * x / 9, ratio: x * x / 9, logDeterminant: log(9)) }
    let density = { (x: Double) in exp(TailFit.logDensity(cycle(x), nu: 6, convention: .sd)) }
    let mass = Self.simpson(-3000, 3000, 600_000, density)
    let variance = Self.simpson(-3000, 3000, 600_000) { $0 * $0 * density($0) }
    #expect(abs(mass - 1) < 1e-6 && abs(variance - 9) < 1e-4, "mass \(mass), variance \(variance)")
    // Under "scale" the covariance is nu / (nu - 2) Sigma = 13.5.
    let scaled = Self.simpson(-3000, 3000, 600_000) { $0 * $0 * exp(TailFit.logDensity(cycle($0), nu: 6, convention: .scale)) }
    #expect(abs(scaled - 13.5) < 1e-3, "\(scaled)")
  }

  @Test func theProfileIntervalIsTheLikelihoodRatioSet() {
    // logL(nu) = -(log nu - log 10)^2: best 10; inside where (log nu - log 10)^2 <= 3.8415 / 2, i.e.
    // nu in [10 e^-1.386, 10 e^1.386] = [2.50, 40.0]: of the grid, 3 to 30. The Gaussian (log inf) is out.
    let p = TailFit.Profile { nu in -pow(log(nu) - log(10), 2) }
    #expect(p.best == 10 && p.lower == 3 && p.upper == 30 && !p.spansGrid && p.contains(8) && !p.contains(50))
    // A flat profile: every nu inside, the first the best, not identified.
    let flat = TailFit.Profile { _ in 0 }
    #expect(flat.best == 3 && flat.lower == 3 && flat.upper == .infinity && flat.spansGrid)
  }

  @Test func theFreeFactorFindsTheGaussianMaximumAndItsClusterSE() {
    // Two cycles, q 500 and 450 over 400 and 300 seats (ratios 1.25 and 1.5). The Gaussian with scale
    // matrix k Sigma is maximised at k = 950/700 (its log-likelihood -N/2 log k - Q/(2k) + const); the
    // golden-section search must find it (to about 1e-8 relative: at a maximum the likelihood is flat to
    // the square root of machine precision). SE: n_c (ratio_c - k) = -42.857 and +42.857, so
    // sqrt(2 x 2 x 42.857^2) / 700 = 85.714 / 700 = 0.122449.
    let cycles = [(500.0, 400), (450.0, 300)].map {
      TailFit.NoiseCycle(cycle: 0, fittedOn: [], seats: $0.1, mahalanobis: $0.0, ratio: $0.0 / Double($0.1), logDeterminant: 7)
    }
    let (k, se) = TailFit.gaussianFactor(cycles)
    #expect(abs(k - 950.0 / 700) < 1e-12 && abs(se! - 600.0 / 7 / 700) < 1e-12)
    #expect(abs(TailFit.bestFactor(cycles, nu: .infinity).factor - 950.0 / 700) < 1e-7)
    // A t's best factor: the log-likelihood at it beats 1% either side.
    let t = TailFit.bestFactor(cycles, nu: 8)
    #expect(t.logLikelihood > TailFit.logLikelihood(cycles, nu: 8, factor: t.factor * 1.01)
      && t.logLikelihood > TailFit.logLikelihood(cycles, nu: 8, factor: t.factor / 1.01))
    #expect(TailFit.gaussianFactor(Array(cycles.prefix(1))).standardError == nil)
  }

  static func seat(_ state: String, region: String?, lean: Double, previous: Double? = 0) -> SeatObservation {
    SeatObservation(cycle: 2014, id: state + "-1", seatClass: .open, lean: lean, previousRelative: previous, margin: 0, houseVote: 0,
                    state: state, region: region)
  }

  @Test func aCyclesMahalanobisDistanceByHand() throws {
    // Two seats of one state, leans 1000 points apart (kernel 0), state SD 1, class variances 4, floor
    // 0.5: each seat's own variance max(4 - 1, 2) = 3, Sigma = [[4, 1], [1, 4]], det 15. Errors 1, 2:
    // Sigma^-1 = [[4, -1], [-1, 4]] / 15, q = (4 - 2 - 2 + 16) / 15 = 16/15.
    let rows = [(Self.seat("A", region: "R", lean: 0), 1.0, 4.0), (Self.seat("A", region: "R", lean: 1000), 2.0, 4.0)]
    let c = try #require(TailFit.noiseCycle(2014, fittedOn: [2010], rows: rows, components: [1, 0, 0], length: 10, floorShare: 0.5))
    #expect(abs(c.mahalanobis - 16.0 / 15) < 1e-12 && abs(c.logDeterminant - log(15)) < 1e-12 && abs(c.ratio - 8.0 / 15) < 1e-12)
    // With a state SD of 1.8 the floor binds: own variance max(4 - 3.24, 2) = 2, diagonal 5.24, off-diagonal
    // 3.24 (the same region adds 0: region SD 0), det 5.24^2 - 3.24^2 = 2 x 8.48 = 16.96, q = (5.24 - 12.96 + 20.96) / 16.96.
    let floored = try #require(TailFit.noiseCycle(2014, fittedOn: [2010], rows: rows, components: [1.8, 0, 0], length: 10, floorShare: 0.5))
    #expect(abs(floored.logDeterminant - log(16.96)) < 1e-12 && abs(floored.mahalanobis - 13.24 / 16.96) < 1e-12)
    // Seats of two states of one region share the region term only; the lean kernel at distance 0 is 1:
    // region SD 1 and lean SD 1 make the off-diagonal 1 + 1 = 2 and each own variance max(4 - 2, 2) = 2.
    let apart = [(Self.seat("A", region: "R", lean: 5), 1.0, 4.0), (Self.seat("B", region: "R", lean: 5), 2.0, 4.0)]
    let both = try #require(TailFit.noiseCycle(2014, fittedOn: [2010], rows: apart, components: [0, 1, 1], length: 10, floorShare: 0.5))
    // Sigma = [[4, 2], [2, 4]], det 12, q = (4 - 8 + 16) / 12 = 1.
    #expect(abs(both.logDeterminant - log(12)) < 1e-12 && abs(both.mahalanobis - 1) < 1e-12)
  }

  @Test func aCycleMostlyOnNewLinesIsLeftOut() {
    let old = (0..<4).map { _ in Self.seat("A", region: nil, lean: 0) }, new = (0..<5).map { _ in Self.seat("A", region: nil, lean: 0, previous: nil) }
    #expect(TailFit.isOnNewLines(old + new))
    #expect(!TailFit.isOnNewLines(old + Array(new.prefix(4))))
  }
}
