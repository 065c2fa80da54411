/// The engine's version: the one source for `bellwether --version`, `run.engineVersion` in
/// `forecast.json` and the `engine_version` column of the CSV exports (docs/forecast-schema.md).
public enum EngineVersion {
  /// The release number.
  public static let release = "0.1.0"

  /// The release with the random-stream mapping it draws with (`SimulationPlan.streamVersion`,
  /// docs/model.md §6), e.g. `0.1.0+stream3`: two runs with the same text, inputs, seed and draws
  /// give the same bits.
  public static var text: String { "\(release)+stream\(SimulationPlan.streamVersion)" }
}
