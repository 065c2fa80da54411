/// A major party. Margins are Democratic minus Republican, so `.democratic` is the positive side.
/// Written `D` and `R` in every table and report (`rawValue`).
package enum Party: String, Sendable, Codable, CaseIterable {
  case democratic = "D"
  case republican = "R"

  /// The sign of this party's side of a margin: +1 for D, -1 for R.
  var sign: Double { self == .democratic ? 1 : -1 }

  /// The party of a code, `D` or `R`; nil for anything else.
  package init?(code: String) { self.init(rawValue: code) }

  /// An incumbent as tables and reports write it: `D`, `R`, or `open` for no incumbent.
  package static func incumbentCode(_ incumbent: Party?) -> String { incumbent?.rawValue ?? "open" }
}
