/// What a recorded run was, as the history stores and shows it.
package enum RunKind: String, Sendable, Codable, CaseIterable {
  /// A `bellwether run` (the nightly forecast).
  case run
  /// A day reconstructed by `bellwether history --backfill`.
  case backfill
  /// A `run --environment`: a what-if with the national environment fixed; never in the trend.
  case scenario

  /// The kind of a finished forecast: a scenario when its environment was fixed, else a run.
  package init(fixedEnvironment: Double?) { self = fixedEnvironment == nil ? .run : .scenario }
}
