/// The district-poll error model (docs/model.md §2.5): the config's optional `polls` table.
/// A poll's margin = the seat's true margin + `bias` + `sponsorLean` toward its sponsor + this
/// cycle's shared error (SD `sharedSD`) + the district's error (SD `districtSD`) + the poll's own
/// error (SD `pollSD`), so that an average of n polls of a seat errs by
/// `sqrt(sharedSD^2 + districtSD^2 + pollSD^2 / n)`.
package struct PollPriors: Sendable, Codable, Equatable {
  /// Mean error of a nonpartisan poll, points toward D (positive: polls too Democratic).
  package var bias: Double
  /// Extra error of a sponsored poll toward its sponsor's side, points.
  package var sponsorLean: Double
  /// One poll's own error SD around its district's polling average, points.
  package var pollSD: Double
  /// A district's polling error SD shared by its polls, points.
  package var districtSD: Double
  /// The cycle's polling error shared by every district (SD), points.
  package var sharedSD: Double
  /// Polls fielded more than this many days before the as-of date are not used.
  package var maxAgeDays: Int
  /// How the polls condition the draws (docs/model.md §2.5): `seat` (the default) or `joint`.
  package var conditioning: Conditioning = .seat
  /// How much closer than its fundamentals a polled seat is expected to be (either conditioning)
  /// (a polled seat's prior mean margin is `(1 - selectionSlope) (base + muE)`), because seats are
  /// polled where the race is close (docs/model.md §2.5). 0: polls are taken as if at random.
  package var selectionSlope: Double = 0

  /// How the polls condition the model (docs/model.md §2.5).
  package enum Conditioning: String, Sendable, Codable, Equatable, CaseIterable {
    /// The environment on the polls' mean residual, then each polled seat's baseline on its own
    /// residual; the noise is drawn as without polls (the first version).
    case seat
    /// The exact Gaussian conditional of the environment, every shared noise component and each
    /// polled seat's own noise on all the polls at once: means and covariances.
    case joint
  }
  /// Pollster house effects, points toward D, subtracted from the pollster's polls (`PollPriors+HouseEffects.swift`);
  /// empty: none.
  package var houseEffects: [String: Double] = [:]

  /// Creates poll priors.
  package init(bias: Double, sponsorLean: Double, pollSD: Double, districtSD: Double, sharedSD: Double, maxAgeDays: Int) {
    self.bias = bias
    self.sponsorLean = sponsorLean
    self.pollSD = pollSD
    self.districtSD = districtSD
    self.sharedSD = sharedSD
    self.maxAgeDays = maxAgeDays
  }

  /// The keys of the `polls` table.
  static let keys = ["bias", "sponsorLean", "pollSD", "districtSD", "sharedSD", "maxAgeDays", "conditioning", "selectionSlope", "houseEffects"]

  /// Reads the `polls` table (every key required but `conditioning`, `selectionSlope` and `houseEffects`), reporting problems to `r`.
  static func read(_ value: JSONValue?, reader r: inout ConfigReader) -> PollPriors {
    let t = r.table(value, key: "polls", allowed: keys)
    let sd = "a positive standard deviation (points)"
    var conditioning = Conditioning.seat
    if t["conditioning"] != nil {
      let text = r.string(t, "conditioning", in: "polls")
      if let value = Conditioning(rawValue: text) {
        conditioning = value
      } else if case .string? = t["conditioning"] {
        r.fail("polls.conditioning", expected: "\"seat\" (the environment, then each polled seat on its own polls) or \"joint\" "
                 + "(every seat, the environment and the shared noise on all the polls at once; docs/model.md §2.5)", found: text)
      }
    }
    var priors = PollPriors(
      bias: r.number(t, "bias", in: "polls", range: -20...20, rangeText: "a mean poll error in -20...20 (points)"),
      sponsorLean: r.number(t, "sponsorLean", in: "polls", range: -20...20, rangeText: "a lean in -20...20 (points)"),
      pollSD: r.number(t, "pollSD", in: "polls", range: 1e-3...100, rangeText: sd),
      districtSD: r.number(t, "districtSD", in: "polls", range: 0...100, rangeText: "a non-negative standard deviation (points)"),
      sharedSD: r.number(t, "sharedSD", in: "polls", range: 0...100, rangeText: "a non-negative standard deviation (points)"),
      maxAgeDays: Int(exactly: r.integer(t, "maxAgeDays", in: "polls", range: 1...100_000, rangeText: "a whole number of days in 1...100000").nanToZero) ?? 0)
    priors.conditioning = conditioning
    if t["selectionSlope"] != nil {
      priors.selectionSlope = r.number(t, "selectionSlope", in: "polls", range: 0...1,
                                       rangeText: "a share in 0...1 of a polled seat's expected margin that selection removes")
    }
    priors.houseEffects = readHouseEffects(t["houseEffects"], reader: &r)
    return priors
  }
}

private extension Double {
  var nanToZero: Double { isFinite ? self : 0 }
}
