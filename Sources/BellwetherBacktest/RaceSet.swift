/// Which races a district score counts. Both leave out seats with no certified winner (NC-09 in
/// 2018): there is no outcome to score. Written by name (`decided`, `contested`) in backtest.json.
package enum RaceSet: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
  /// Every seat with a certified winner, including those without a two-party contest (every
  /// forecaster gives those nearly 0 or 1, so they lower everyone's Brier score alike).
  /// FiveThirtyEight's own forecast review lists every race, uncontested ones included.
  case decided
  /// Only seats with a Democrat and a Republican on the ballot and a certified winner: the races a
  /// forecast can get wrong.
  case contested

  /// Whether the set counts a seat.
  package func counts(_ seat: ElectionOutcomes.Seat) -> Bool {
    guard seat.winner != nil else { return false }
    switch self {
    case .decided: return true
    case .contested: return seat.contested
    }
  }

  /// A short description for reports.
  package var summary: String {
    switch self {
    case .decided: return "every seat with a certified winner"
    case .contested: return "D-vs-R contests with a certified winner"
    }
  }
}
