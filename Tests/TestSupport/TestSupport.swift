import BellwetherEngine
import Foundation
import Testing

/// Shared paths, builders and helpers for every test target (one copy of each).
///
/// This is a regular target, not a test target, so that each test target can depend on it. It
/// imports the engine without `@testable` (its `package` declarations are visible across the
/// package), so that `swift build -c release` still builds it.
package enum TestSupport {
  /// The repository root: this file is `Tests/TestSupport/TestSupport.swift`.
  package static let repositoryRoot: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  }()

  /// The public data folder: `$BELLWETHER_SHARED_DATA`, else `../shared/data` beside the repository,
  /// else this workplace's `/work/shared/data` (a clone elsewhere still finds it). Tests that need
  /// it are skipped when none exists.
  package static let sharedData: String = {
    let candidates = [ProcessInfo.processInfo.environment["BELLWETHER_SHARED_DATA"], repositoryRoot + "/../shared/data",
                      "/work/shared/data"].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/2018/districts_2018.csv") } ?? candidates[0]
  }()

  /// Whether the public data folder is present.
  package static let hasSharedData = FileManager.default.fileExists(atPath: sharedData + "/2018/districts_2018.csv")

  /// The default config file.
  package static let defaultConfig = repositoryRoot + "/config/house-2018.json5"

  /// `Tests/Malformed`: the corpus of malformed inputs and its small valid chamber (`valid/`).
  package static let malformedCorpus = repositoryRoot + "/Tests/Malformed"

  /// The standard normal CDF, from erfc (an independent route from the simulator's ziggurat).
  package static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// A fresh temporary folder.
  package static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "bellwether-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes `files` (name relative to `folder` to text) into a fresh temporary folder and returns
  /// the folder (for tests that build their own small config and tables).
  package static func folder(with files: [String: String]) throws -> String {
    let folder = temporaryFolder()
    for (name, text) in files {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return folder
  }

  /// The mean and SD of the posterior of a normal prior `N(priorMean, priorSD^2)` times a normal
  /// likelihood `N(likelihoodMean, likelihoodSD^2)`, by numerical integration on a grid: a second
  /// method beside the conjugate (precision-weighted) formula the engine uses, sharing none of its
  /// arithmetic. Trapezoid rule with step `h = min(SD) / 200` from 12 of the larger SD below the
  /// lower mean to 12 above the higher. The integrand is a Gaussian of SD at least `min(SD) / sqrt 2`,
  /// for which the trapezoid rule on the whole line errs by about `exp(-2 pi^2 (SD / h)^2)`, under
  /// `exp(-2 pi^2 141^2)`: nothing; the cut tails hold under `1e-32` of the mass. What is left is
  /// rounding: n terms (a few thousand to some 50,000 when one SD is ten times the other) of
  /// relative error `2^-53` each, at most `n 2^-53 < 1e-11` relative, so well under `1e-9` on means
  /// and SDs of up to tens of points.
  package static func normalPosteriorByQuadrature(priorMean: Double, priorSD: Double, likelihoodMean: Double,
                                                  likelihoodSD: Double) -> (mean: Double, sd: Double) {
    let h = min(priorSD, likelihoodSD) / 200
    let wide = 12 * max(priorSD, likelihoodSD)
    let low = min(priorMean, likelihoodMean) - wide, high = max(priorMean, likelihoodMean) + wide
    let steps = Int(((high - low) / h).rounded(.up))
    func weight(_ x: Double) -> Double {
      let a = (x - priorMean) / priorSD, b = (x - likelihoodMean) / likelihoodSD
      return exp(-(a * a + b * b) / 2)
    }
    var mass = 0.0, first = 0.0
    for k in 0...steps {
      let x = low + Double(k) * h, w = weight(x) * (k == 0 || k == steps ? 0.5 : 1)
      mass += w
      first += w * x
    }
    let mean = first / mass
    var second = 0.0
    for k in 0...steps {
      let x = low + Double(k) * h, w = weight(x) * (k == 0 || k == steps ? 0.5 : 1)
      second += w * (x - mean) * (x - mean)
    }
    return (mean, (second / mass).squareRoot())
  }

  // MARK: Synthetic plans

  /// Priors for small synthetic tests.
  package static func priors(shares: ModelPriors.NoiseShares = .init(state: 0, region: 0, lean: 0, idiosyncratic: 1),
                             environmentNu: Double = .infinity, noiseNu: Double = .infinity) -> ModelPriors {
    ModelPriors(environmentPrior: .fixed(mean: 0, sd: 1), environmentNu: environmentNu, translationAlpha: 0,
                translationBeta: 1, translationSD: 1, recencyHalfLifeDays: 100, specialSamplingSD: 2,
                levelWeights: ["federal": 1], incumbencyAdvantage: 0, noiseScaleFromTau: 0, noiseMinimumSD: 1,
                noiseShares: shares, kernelLength: 10, noiseNu: noiseNu)
  }

  /// A plan over independent seats with `N(0, sd^2)` noise each (diagonal Cholesky factor).
  package static func independentPlan(base: [Double], noiseSD: Double, noiseSDs: [Double]? = nil, environmentMean: Double,
                                      environmentSD: Double, environmentNu: Double = .infinity, noiseNu: Double = .infinity,
                                      noiseTScale: ModelPriors.NoiseTScale = .sd, majority: Int? = nil,
                                      fixedDemocratic: Int = 0, extraSeats: Int = 0, draws: Int,
                                      seed: UInt64 = 7) throws -> SimulationPlan {
    let n = base.count
    var sigma = Matrix(rows: n, columns: n)
    for i in 0..<n { sigma[i, i] = pow(noiseSDs?[i] ?? noiseSD, 2) }
    let factor = try NoiseFactor.cholesky(of: sigma)
    let seats = n + fixedDemocratic + extraSeats
    return SimulationPlan(seats: seats, majority: majority ?? (seats / 2 + 1), fixedDemocratic: fixedDemocratic,
                          contestedIndices: Array(0..<n), baseMargins: base, environmentMean: environmentMean,
                          environmentSD: environmentSD, environmentNu: environmentNu, noiseNu: noiseNu,
                          noiseTScale: noiseTScale, factor: factor, seed: seed, draws: draws)
  }
}

// MARK: - Slow tests

/// Tests and suites that take more than about a second (Monte Carlo checks with 10^5 draws or
/// more, runs of the real 435-seat chamber, backtests on the public data, and the tests that start
/// the `bellwether` executable as processes) carry both `.tags(.slow)` and `.skippedInFastRuns`:
///
///     @Test(.tags(.slow), .skippedInFastRuns) func ...
///
/// The tag names them for tools that filter by tag (Xcode, test plans). `swift test` on this
/// toolchain (Swift 6.3.1) cannot: it has no tag option, and its `--filter`/`--skip` regular
/// expressions match test ids only (`--skip tag:slow` skips nothing). So the fast set is chosen
/// with an environment variable instead, which `.skippedInFastRuns` reads:
///
///     BELLWETHER_FAST_TESTS=1 swift test      # the fast set: every test not tagged slow
///     swift test                              # everything (what CI runs)
extension Tag {
  /// A test or suite that takes more than about a second.
  @Tag package static var slow: Self
}

extension TestSupport {
  /// Whether this is a fast run: `BELLWETHER_FAST_TESTS` is set to anything but empty or `0`.
  package static let fastRun: Bool = {
    let value = ProcessInfo.processInfo.environment["BELLWETHER_FAST_TESTS"] ?? ""
    return !value.isEmpty && value != "0"
  }()
}

extension Trait where Self == ConditionTrait {
  /// Skips the test or suite when `BELLWETHER_FAST_TESTS` is set; goes with `.tags(.slow)`.
  package static var skippedInFastRuns: Self {
    .disabled(if: TestSupport.fastRun, "slow: skipped because BELLWETHER_FAST_TESTS is set")
  }
}
