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
    // sqrt(2 x 2 x 42.857^2) / 700 = 85.714 / 700 = 0.122449, above the model's k sqrt(2/700) = 0.0725.
    // With two agreeing cycles (ratios 1.3 and 1.3) the robust SE is 0 and the model's, 1.3 sqrt(2/700), stands.
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
    let agreeing = [(520.0, 400), (390.0, 300)].map {
      TailFit.NoiseCycle(cycle: 0, fittedOn: [], seats: $0.1, mahalanobis: $0.0, ratio: $0.0 / Double($0.1), logDeterminant: 7)
    }
    #expect(abs(TailFit.gaussianFactor(agreeing).standardError! - 1.3 * (2.0 / 700).squareRoot()) < 1e-12)
  }

  @Test func aFactorBeyondTheConfigsRangeIsFlaggedAndWrittenAtItsEnd() {
    // One cycle with q = 600 over 100 seats: the Gaussian's maximum is at k = q/n = 6, beyond the
    // searched 0.25...4, so the search ends at 4 (its log-likelihood -n/2 log k - q/(2k) rises all the
    // way there: at 4 it is -50 log 4 - 75 = -144.31, above -50 log 3.9 - 76.92 = -144.97) and says so;
    // at q = 125 (k = 1.25) it does not. The fragment writes the end of the range, 4, with a warning,
    // since check-config refuses a varianceInflation above 4.
    func cycles(_ q: Double) -> [TailFit.NoiseCycle] {
      [TailFit.NoiseCycle(cycle: 2014, fittedOn: [2010], seats: 100, mahalanobis: q, ratio: q / 100, logDeterminant: 3)]
    }
    let wide = TailFit.bestFactor(cycles(600), nu: .infinity)
    #expect(wide.atBound && abs(wide.factor - 4) < 4e-6)
    let inside = TailFit.bestFactor(cycles(125), nu: .infinity)
    #expect(!inside.atBound && abs(inside.factor - 1.25) < 1e-7)
    let flat = TailFit.Profile { _ in 0 }
    let tail = TailFit.NoiseTail(cycles: cycles(600), excluded: [], componentSD: [0, 0, 0], kernelLength: 10, idiosyncraticFloorShare: 0.5,
                                 scale: flat, sd: flat, freeScale: flat, freeScaleFactors: TailFit.nuGrid.map { _ in 4 },
                                 freeScaleFactorsAtBound: TailFit.nuGrid.map { _ in true }, varianceInflation: 6, varianceInflationSE: nil)
    #expect(tail.varianceInflationOutsideRange)
    let written = FitConfigFragment.noiseNu(tail)
    #expect(written.keys == "varianceInflation: 4.000, nu: null")
    #expect(written.comments.contains { $0.contains("WARNING: the fitted factor lies outside 0.25...4") })
    #expect(written.comments.contains { $0.contains("at the end of the searched 0.25...4") })
  }

  @Test func aCycleForecastFromTheOneBeforeItByHand() throws {
    // 2006: pairs of seats with the same lean, previous margin and class whose results are 0.5 lean +
    // 0.3 previous + the class term (D +4, R -4, open 0) plus 2 and minus 2, so the district fit from 2006
    // is that line exactly and every class's RMS residual is 2. 2010: seats on the same line plus errors
    // e; with no shared terms Sigma = diag(4) (the floor 0.5 x 4 does not bind), so q = sum e^2 / 4.
    // 2014 has most seats without a previous race: on new lines, left out.
    let classes: [SeatClass] = [.democraticIncumbent, .republicanIncumbent, .open]
    func line(_ lean: Double, _ previous: Double, _ c: SeatClass) -> Double { 0.5 * lean + 0.3 * previous + 4 * c.sign }
    var seats: [SeatObservation] = []
    for k in 0..<9 {
      let c = classes[k % 3], lean = Double(k) * 3 - 12, previous = Double(k * k % 7) - 3
      for sign in [1.0, -1] {
        seats.append(SeatObservation(cycle: 2006, id: "A\(k)\(sign)", seatClass: c, lean: lean, previousRelative: previous,
                                     margin: line(lean, previous, c) + 2 * sign, houseVote: 0))
      }
    }
    let errors = [1.0, -3, 2, 0.5, -1.5, 4]
    for (k, e) in errors.enumerated() {
      let c = classes[k % 3], lean = Double(k) * 4 - 10, previous = Double(k) - 2
      seats.append(SeatObservation(cycle: 2010, id: "B\(k)", seatClass: c, lean: lean, previousRelative: previous,
                                   margin: line(lean, previous, c) + e, houseVote: 0))
    }
    for k in 0..<5 {
      seats.append(SeatObservation(cycle: 2014, id: "C\(k)", seatClass: classes[k % 3], lean: Double(k), previousRelative: k < 2 ? 1 : nil,
                                   margin: 0, houseVote: 0))
    }
    let inputs = FitInputs(national: NationalSeries(genericBallot: [], houseVote: [:]), cycles: [], firstMissCycle: 1998, districtHistory: seats)
    let tail = try #require(TailFit.noise(inputs, structure: nil, recencyHalfLifeYears: nil, elasticSwing: false, floorShare: 0.5))
    #expect(tail.cycles.map(\.cycle) == [2010] && tail.excluded.map(\.cycle) == [2014])
    let b = tail.cycles[0], sumSquares = errors.reduce(0) { $0 + $1 * $1 }
    #expect(b.fittedOn == [2006] && b.seats == 6 && abs(b.mahalanobis - sumSquares / 4) < 1e-9 && abs(b.logDeterminant - 6 * log(4)) < 1e-9)
    #expect(abs(tail.varianceInflation - sumSquares / 24) < 1e-9 && tail.varianceInflationSE == nil)
  }

  @Test func theEnvironmentTailOfMissesLighterTailedThanAGaussian() throws {
    // Misses -1, 1, -1, 1 (kurtosis 1, against a Gaussian's 3): the Gaussian is the best, with location 0
    // and SD 1 (the maximum-likelihood RMS).
    let misses = [-1.0, 1, -1, 1].enumerated().map { k, m in
      GenericBallotMissFit.CycleMiss(cycle: 1998 + 2 * k, electionDay: ElectionDay.unitedStatesFederal(year: 1998 + 2 * k),
                                     averageDate: ElectionDay.unitedStatesFederal(year: 1998 + 2 * k).adding(days: -1),
                                     daysBeforeElection: 1, average: m, houseVote: 0, miss: m)
    }
    let e = try #require(TailFit.environment(GenericBallotMissFit.Horizon(days: 1, misses: misses, missing: [], summary: nil)))
    #expect(e.profile.best == .infinity && abs(e.location) < 1e-12 && abs(e.sd - 1) < 1e-12 && e.cycles == [1998, 2000, 2002, 2004])
    #expect(TailFit.environment(GenericBallotMissFit.Horizon(days: 1, misses: Array(misses.prefix(2)), missing: [], summary: nil)) == nil)
  }

  static func seat(_ state: String, region: String?, lean: Double, previous: Double? = 0) -> SeatObservation {
    SeatObservation(cycle: 2014, id: state + "-1", seatClass: .open, lean: lean, previousRelative: previous, margin: 0, houseVote: 0,
                    state: state, region: region)
  }

  @Test func aCyclesMahalanobisDistanceByHand() throws {
    // Two seats of one state, leans 1000 points apart (kernel 0), state SD 1, class variances 4, floor
    // 0.5: each seat's own variance max(4 - 1, 2) = 3, Sigma = [[4, 1], [1, 4]], det 15. Errors 1, 2:
    // Sigma^-1 = [[4, -1], [-1, 4]] / 15, q = (4 - 2 - 2 + 16) / 15 = 16/15.
    let rows = [TailFit.SeatError(seat: Self.seat("A", region: "R", lean: 0), error: 1, classVariance: 4),
                TailFit.SeatError(seat: Self.seat("A", region: "R", lean: 1000), error: 2, classVariance: 4)]
    let c = try #require(TailFit.noiseCycle(2014, fittedOn: [2010], rows: rows, components: [1, 0, 0], length: 10, floorShare: 0.5))
    #expect(abs(c.mahalanobis - 16.0 / 15) < 1e-12 && abs(c.logDeterminant - log(15)) < 1e-12 && abs(c.ratio - 8.0 / 15) < 1e-12)
    // With a state SD of 1.8 the floor binds: own variance max(4 - 3.24, 2) = 2, diagonal 5.24, off-diagonal
    // 3.24 (the same region adds 0: region SD 0), det 5.24^2 - 3.24^2 = 2 x 8.48 = 16.96, q = (5.24 - 12.96 + 20.96) / 16.96.
    let floored = try #require(TailFit.noiseCycle(2014, fittedOn: [2010], rows: rows, components: [1.8, 0, 0], length: 10, floorShare: 0.5))
    #expect(abs(floored.logDeterminant - log(16.96)) < 1e-12 && abs(floored.mahalanobis - 13.24 / 16.96) < 1e-12)
    // Seats of two states of one region share the region term only; the lean kernel at distance 0 is 1:
    // region SD 1 and lean SD 1 make the off-diagonal 1 + 1 = 2 and each own variance max(4 - 2, 2) = 2.
    let apart = [TailFit.SeatError(seat: Self.seat("A", region: "R", lean: 5), error: 1, classVariance: 4),
                 TailFit.SeatError(seat: Self.seat("B", region: "R", lean: 5), error: 2, classVariance: 4)]
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
