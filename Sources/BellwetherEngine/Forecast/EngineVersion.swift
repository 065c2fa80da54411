/// The engine's version, written into every output (forecast.json `run.engineVersion`, the CSV
/// exports' `engine_version` column, summary.md, the history exports) and checked by `merge`:
/// the release and the random-stream version (`SimulationPlan.streamVersion`, docs/model.md §6),
/// as one text, e.g. `0.1.0+stream.3`. Two runs with the same text, data, config, seed and draws
/// give the same bytes.
package enum EngineVersion {
  /// The release (also `bellwether --version`).
  package static let release = "0.1.0"
  /// Release and stream version as one value.
  package static var identifier: String { "\(release)+stream.\(SimulationPlan.streamVersion)" }
}
