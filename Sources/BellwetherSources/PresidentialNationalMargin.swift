import BellwetherEngine

/// The national presidential two-party margin of one election, D minus R, in points, from the
/// shared data's Britannica table (`history/pres_national_britannica_1789_2016.csv`: `year`,
/// `party`, `pop_votes`): 100 (D - R) / (D + R) over the Democratic and Republican nominees'
/// popular votes.
enum PresidentialNationalMargin {
  /// File read, relative to the data folder.
  static let file = "history/pres_national_britannica_1789_2016.csv"

  /// The margin of `year`, with the two vote counts it comes from.
  /// - Throws: `InputError` when the year has not exactly one Democratic and one Republican row
  ///   with a positive vote count.
  static func read(source: String, year: Int) throws -> (margin: Double, dem: Int, rep: Int) {
    let table = try CSVTable(contentsOf: source + "/" + file)
    let c = try ["year", "party", "pop_votes"].map { try table.column($0) }
    var votes: [String: Int] = [:]
    for row in table.typedRows where row.text(c[0]) == String(year) {
      let party = row.text(c[1])
      guard party == "Democratic" || party == "Republican" else { continue }
      guard votes[party] == nil else { throw row.error(c[1], expected: "one \(party) nominee in \(year)", found: party) }
      let count = try row.integer(c[2])
      guard count > 0 else { throw row.error(c[2], expected: "a positive vote count", found: row.text(c[2])) }
      votes[party] = count
    }
    guard let dem = votes["Democratic"], let rep = votes["Republican"] else {
      throw InputError(file: table.file, field: "party", expected: "a Democratic and a Republican row for \(year)",
                       foundDescription: "\(votes.keys.sorted().joined(separator: " and ").isEmpty ? "neither" : votes.keys.sorted().joined(separator: " and ")) only")
    }
    return (100 * Double(dem - rep) / Double(dem + rep), dem, rep)
  }
}
