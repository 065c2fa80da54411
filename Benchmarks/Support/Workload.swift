import BellwetherEngine
import Foundation

/// The workload every suite measures: the repository's default config (the 2018 House, 435 seats,
/// 1,000,000 draws), found relative to this file so that the suites run from any folder.
/// `BELLWETHER_BENCH_CONFIG` names another config.
public enum Workload {
  /// The repository's root folder (two levels above this file's folder).
  public static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  /// The config the suites load.
  public static var configPath: String {
    if let path = ProcessInfo.processInfo.environment["BELLWETHER_BENCH_CONFIG"], !path.isEmpty { return path }
    return repositoryRoot.appendingPathComponent("config/house-2018.json5").path
  }

  /// Builds the default model (calibration, environment, Sigma and its factor) through the
  /// engine's one entry point, as `bellwether run` does.
  /// - Parameters:
  ///   - draws: draws (default: the config's).
  ///   - factor: the noise factor (default: low rank, as `bellwether run`).
  ///   - estimator: sampled (the default, as `bellwether run`) or conditional (docs/model.md §4.3).
  public static func model(draws: Int? = nil, factor: NoiseFactor.Method = .lowRank,
                           estimator: Estimator = .sampled) throws -> ForecastModel {
    try Forecaster(configPath: configPath).model(ForecastOptions(draws: draws, factor: factor, estimator: estimator))
  }

  /// All cores, as `bellwether run` uses by default.
  public static var threads: Int { ProcessInfo.processInfo.activeProcessorCount }
}
