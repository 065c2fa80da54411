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
  static let keys = ["bias", "sponsorLean", "pollSD", "districtSD", "sharedSD", "maxAgeDays", "houseEffects"]

  /// Reads the `polls` table (every key required but the optional `houseEffects`), reporting problems to `r`.
  static func read(_ value: JSONValue?, reader r: inout ConfigReader) -> PollPriors {
    let t = r.table(value, key: "polls", allowed: keys)
    let sd = "a positive standard deviation (points)"
    var priors = PollPriors(
      bias: r.number(t, "bias", in: "polls", range: -20...20, rangeText: "a mean poll error in -20...20 (points)"),
      sponsorLean: r.number(t, "sponsorLean", in: "polls", range: -20...20, rangeText: "a lean in -20...20 (points)"),
      pollSD: r.number(t, "pollSD", in: "polls", range: 1e-3...100, rangeText: sd),
      districtSD: r.number(t, "districtSD", in: "polls", range: 0...100, rangeText: "a non-negative standard deviation (points)"),
      sharedSD: r.number(t, "sharedSD", in: "polls", range: 0...100, rangeText: "a non-negative standard deviation (points)"),
      maxAgeDays: Int(exactly: r.integer(t, "maxAgeDays", in: "polls", range: 1...100_000, rangeText: "a whole number of days in 1...100000").nanToZero) ?? 0)
    priors.houseEffects = readHouseEffects(t["houseEffects"], reader: &r)
    return priors
  }
}

private extension Double {
  var nanToZero: Double { isFinite ? self : 0 }
}
