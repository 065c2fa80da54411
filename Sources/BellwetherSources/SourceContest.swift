import BellwetherEngine

/// The contest codes of the shared data's district and specials tables (`../shared/data/SOURCES.md`,
/// "contest"): what was on the ballot, as MIT's vote rows show it.
enum SourceContest: String, CaseIterable {
  /// A Democrat and a Republican on the ballot: a two-party contest.
  case dVsR = "D_vs_R"
  /// Democrats but no Republican.
  case dNoR = "D_no_R"
  /// Two (or more) Democrats and no Republican (top-two, a D-vs-D runoff).
  case dVsD = "D_vs_D"
  /// Republicans but no Democrat.
  case rNoD = "R_no_D"
  /// Two (or more) Republicans and no Democrat.
  case rVsR = "R_vs_R"
  /// One unopposed candidate in a state that prints no votes for them (FL, OK): MIT's 0/1 placeholders.
  case noVotesReported = "uncontested_no_votes_reported"
  /// Specials only: no D-vs-R pair for another reason (a nominee withdrew; see the row's note).
  case other

  /// Whether the race had a two-party margin.
  var isTwoParty: Bool { self == .dVsR }

  /// The party a race without a two-party contest goes to, when the code says which: nil for a
  /// two-party race, an unprinted unopposed race (the winner says) and `other`.
  var fixedParty: Party? {
    switch self {
    case .dNoR, .dVsD: return .democratic
    case .rNoD, .rVsR: return .republican
    case .dVsR, .noVotesReported, .other: return nil
    }
  }

  /// The code in a row's column, one of `allowed`.
  /// - Throws: `InputError` at the row and column for any other text.
  static func read(_ row: CSVTable.Row, _ column: Int, allowed: [SourceContest] = districtCodes) throws -> SourceContest {
    guard let code = SourceContest(rawValue: row.text(column)), allowed.contains(code) else {
      throw row.error(column, expected: allowed.map(\.rawValue).joined(separator: ", "), found: row.text(column))
    }
    return code
  }

  /// The codes of the district tables (every code but `other`).
  static let districtCodes: [SourceContest] = [.dVsR, .dNoR, .dVsD, .rNoD, .rVsR, .noVotesReported]
}
