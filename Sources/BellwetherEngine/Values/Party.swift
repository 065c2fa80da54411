/// A major party. Margins are Democratic minus Republican, so `.democratic` is the positive side.
package enum Party: String, Sendable, Codable, CaseIterable {
  case democratic = "D"
  case republican = "R"

  /// The sign of this party's side of a margin: +1 for D, -1 for R.
  package var sign: Double { self == .democratic ? 1 : -1 }
}
