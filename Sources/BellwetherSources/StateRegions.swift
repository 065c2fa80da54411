import BellwetherEngine

/// The project's state table (`config/census_divisions.csv`: `state,name,region`): each state's
/// region (its Census division) and the state code of each state name.
struct StateRegions {
  /// The file read, for messages.
  let file: String
  /// Region of each state code.
  let regionOf: [String: String]
  /// State code of each state name.
  let codeOf: [String: String]

  /// Reads the table.
  /// - Throws: `InputError` with file, line and field.
  init(contentsOf path: String) throws {
    let table = try CSVTable(contentsOf: path)
    let c = try ["state", "name", "region"].map { try table.column($0) }
    var regionOf: [String: String] = [:]
    var codeOf: [String: String] = [:]
    for row in table.typedRows {
      let code = try row.requiredText(c[0])
      if regionOf[code] != nil { throw row.error(c[0], expected: "one row per state", found: code) }
      regionOf[code] = try row.requiredText(c[2])
      codeOf[try row.requiredText(c[1])] = code
    }
    file = path
    self.regionOf = regionOf
    self.codeOf = codeOf
  }
}
