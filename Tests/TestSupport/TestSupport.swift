import Foundation
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

/// Shared builders and helpers for the core tests.
enum TestSupport {
  /// The repository root (two levels above this file's folder).
  static let repositoryRoot: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
  }()

  /// The public data folder: `$BELLWETHER_SHARED_DATA`, else `../shared/data` beside the repository,
  /// else this workplace's `/work/shared/data` (a clone elsewhere still finds it). Tests that need
  /// it are skipped when none exists.
  static let sharedData: String = {
    let candidates = [ProcessInfo.processInfo.environment["BELLWETHER_SHARED_DATA"], repositoryRoot + "/../shared/data",
                      "/work/shared/data"].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0 + "/2018/districts_2018.csv") } ?? candidates[0]
  }()

  /// Whether the public data folder is present.
  static let hasSharedData = FileManager.default.fileExists(atPath: sharedData + "/2018/districts_2018.csv")

  /// The default config file.
  static let defaultConfig = repositoryRoot + "/config/house-2018.json5"

  /// The standard normal CDF, from erfc (an independent route from the simulator's ziggurat).
  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// A fresh temporary folder.
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "bellwether-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Priors for small synthetic tests.
  static func priors(shares: ModelPriors.NoiseShares = .init(state: 0, region: 0, lean: 0, idiosyncratic: 1),
                     environmentNu: Double = .infinity, noiseNu: Double = .infinity) -> ModelPriors {
    ModelPriors(environmentPrior: .fixed(mean: 0, sd: 1), environmentNu: environmentNu, translationAlpha: 0,
                translationBeta: 1, translationSD: 1, recencyHalfLifeDays: 100, specialSamplingSD: 2,
                levelWeights: ["federal": 1], incumbencyAdvantage: 0, noiseScaleFromTau: 0, noiseMinimumSD: 1,
                noiseShares: shares, kernelLength: 10, noiseNu: noiseNu)
  }

  /// A plan over independent seats with `N(0, sd^2)` noise each (diagonal Cholesky factor).
  static func independentPlan(base: [Double], noiseSD: Double, noiseSDs: [Double]? = nil, environmentMean: Double,
                              environmentSD: Double, environmentNu: Double = .infinity, majority: Int? = nil,
                              fixedDemocratic: Int = 0, extraSeats: Int = 0, draws: Int,
                              seed: UInt64 = 7) throws -> SimulationPlan {
    let n = base.count
    var sigma = Matrix(rows: n, columns: n)
    for i in 0..<n { sigma[i, i] = pow(noiseSDs?[i] ?? noiseSD, 2) }
    let factor = try NoiseFactor.cholesky(of: sigma)
    let seats = n + fixedDemocratic + extraSeats
    return SimulationPlan(seats: seats, majority: majority ?? (seats / 2 + 1), fixedDemocratic: fixedDemocratic,
                          contestedIndices: Array(0..<n), baseMargins: base, environmentMean: environmentMean,
                          environmentSD: environmentSD, environmentNu: environmentNu, noiseNu: .infinity,
                          factor: factor, seed: seed, draws: draws)
  }
}
