import BellwetherEngine
import BellwetherReports
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

  /// Reads the config and its tables.
  public static func inputs() throws -> ForecastInputs {
    try ForecastInputs.load(config: ForecastConfig.load(path: configPath))
  }

  /// Builds the default model (calibration, environment, Sigma and its factor).
  /// - Parameters:
  ///   - draws: draws (default: the config's).
  ///   - factor: the noise factor (default: low rank, as `bellwether run`).
  public static func model(draws: Int? = nil, factor: NoiseFactor.Method = .lowRank) throws -> ForecastModel {
    try ForecastModel.build(inputs: inputs(), draws: draws, factorMethod: factor)
  }

  /// All cores, as `bellwether run` uses by default.
  public static var threads: Int { ProcessInfo.processInfo.activeProcessorCount }
}
