/// The optional `polls.houseEffects` table (docs/model.md §2.5, "House effects"): pollster name →
/// house effect, points toward D, as `bellwether fit` writes it (docs/fit.md, "House effects").
extension PollPriors {
  /// The largest house effect a config may give, points.
  static let houseEffectLimit = 20.0

  /// The house effect subtracted from a poll by `pollster`: its entry, else 0 (a pollster not listed
  /// has none, and subtracting 0 leaves the margin's bits as they were).
  package func houseEffect(of pollster: String) -> Double { houseEffects[pollster] ?? 0 }

  /// Reads `polls.houseEffects` (absent: none), reporting each bad entry to `r` by its key.
  static func readHouseEffects(_ value: JSONValue?, reader r: inout ConfigReader) -> [String: Double] {
    let key = "polls.houseEffects"
    guard let value else { return [:] }
    guard case .object(let table) = value else {
      r.fail(key, expected: "a table of pollster name: house effect (points toward D)", foundDescription: value.summary)
      return [:]
    }
    var effects: [String: Double] = [:]
    for name in table.keys.sorted() {
      guard !name.isEmpty else {
        r.fail(key, expected: "a non-empty pollster name", found: name)
        continue
      }
      let effect = r.number(table, name, in: key, range: -houseEffectLimit...houseEffectLimit,
                            rangeText: "a house effect in -20...20 (points toward D)")
      if effect.isFinite { effects[name] = effect }
    }
    return effects
  }
}
