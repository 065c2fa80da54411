/// How old the generic-ballot average read on the as-of date may be (docs/model.md §2.1), and what
/// an older one does: the config's `environment.ballotMaxAgeDays` and `environment.staleBallot`
/// (docs/data-schema.md, "Config keys of the generic-ballot prior").
package struct BallotAgeLimit: Sendable, Codable, Equatable {
  /// What a generic-ballot average older than the limit does.
  package enum Action: String, Sendable, Codable, CaseIterable {
    /// The forecast is refused, naming the limit, the as-of date and the average's date and age.
    case error
    /// The average is used, and the prior carries a warning saying how stale it is into every report.
    case warn
  }

  /// The oldest average allowed, in days before the as-of date.
  package var maximumDays: Int
  /// What an older average does.
  package var whenOlder: Action

  /// Creates a limit.
  package init(maximumDays: Int, whenOlder: Action) {
    self.maximumDays = maximumDays
    self.whenOlder = whenOlder
  }

  /// The limit when the config states none: 30 days, an older average refused.
  package static let standard = BallotAgeLimit(maximumDays: 30, whenOlder: .error)
  /// The largest `environment.ballotMaxAgeDays` accepted: ten years.
  package static let largestMaximumDays = 3650
}
