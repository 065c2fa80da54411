import Foundation

/// The engine's district table (`districts.csv`), a documented schema any cycle or chamber can use
/// (docs/data-schema.md, every column):
///
/// | column | meaning |
/// |---|---|
/// | `id` | unique seat id |
/// | `state` | state (seats in one state share a noise factor) |
/// | `region` | region (e.g. Census division; seats in one region share a noise factor) |
/// | `lean` | presidential margin minus the national one, points, D positive |
/// | `incumbent` | `D`, `R`, `open`, or `D;R` for two members of different parties |
/// | `status` | `contested`, `fixed-D` or `fixed-R` (no two-party contest on the final ballot) |
/// | `held_by` | party holding the seat before the election: `D`, `R`, `I` (neither), or empty if unknown |
/// | `note` | free text shown in reports |
///
/// and the optional columns `race` (`plurality`, `top-two`, `top-four`, `rcv`, `runoff`; empty is
/// plurality), `held_by_notional` (`true` when `held_by` is the notional holder on new lines),
/// `prev_margin` and `prev_contest` (the previous House race on the same lines), `challenger_quality`,
/// `spending_d` and `spending_r`.
package enum DistrictTable {
  /// The required columns, in order.
  package static let columns = ["id", "state", "region", "lean", "incumbent", "status", "held_by", "note"]
  /// The optional columns, in the order tables write them.
  package static let optionalColumns = ["race", "held_by_notional", "prev_margin", "prev_contest", "challenger_quality",
                                        "spending_d", "spending_r"]

  /// Reads and validates a district table: the required columns, any of the optional ones, nothing
  /// else (in any order).
  /// - Throws: `InputError` for one bad row, `InputErrors` for several (`RowErrors`).
  package static func read(_ table: CSVTable) throws -> [District] {
    let c = try table.columns(columns, optional: optionalColumns)
    let o = Dictionary(uniqueKeysWithValues: optionalColumns.compactMap { name in table.header.firstIndex(of: name).map { (name, $0) } })
    var seen: [String: Int] = [:]
    var districts: [District] = []
    try RowErrors.eachRow(of: table) { districts.append(try district($0, c, o, seen: &seen)) }
    guard !districts.isEmpty else {
      throw InputError(file: table.file, expected: "at least one district after the header", foundDescription: "a header only")
    }
    return districts
  }

  /// One row.
  private static func district(_ row: CSVTable.Row, _ c: [Int], _ o: [String: Int], seen: inout [String: Int]) throws -> District {
    let id = try row.requiredText(c[0])
    if let first = seen[id] {
      throw row.error(c[0], expected: "a unique id (already on line \(first))", found: id)
    }
    seen[id] = row.line
    var incumbent: Party?
    var memberVersusMember = false
    let incumbentText = row.text(c[4])
    if incumbentText == Party.incumbentCode(nil) {
      incumbent = nil
    } else if let party = Party(code: incumbentText) {
      incumbent = party
    } else if incumbentText == "D;R" || incumbentText == "R;D" {
      memberVersusMember = true
    } else {
      throw row.error(c[4], expected: "D, R, open or D;R (two members of different parties)", found: incumbentText)
    }
    guard let status = District.Status(code: row.text(c[5])) else {
      let upgrade = District.RaceFormat(rawValue: row.text(c[5])) != nil
        ? " (the race format goes in the optional column 'race'; status says whether the final ballot has a D and an R)" : ""
      throw row.error(c[5], expected: "contested, fixed-D or fixed-R" + upgrade, found: row.text(c[5]))
    }
    var heldBy: Party?
    var heldByOther = false
    switch row.text(c[6]) {
    case "": heldBy = nil
    case "I": heldByOther = true
    default:
      guard let party = Party(code: row.text(c[6])) else { throw row.error(c[6], expected: "D, R, I or empty", found: row.text(c[6])) }
      heldBy = party
    }
    let lean = try row.number(c[3])
    guard abs(lean) <= 200 else { throw row.error(c[3], expected: "a lean within -200...200 points", found: row.text(c[3])) }
    var d = District(id: id, state: try row.requiredText(c[1]), region: try row.requiredText(c[2]),
                     lean: lean, incumbent: incumbent, status: status, heldBy: heldBy, note: row.text(c[7]))
    d.memberVersusMember = memberVersusMember
    d.heldByOther = heldByOther
    if let k = o["race"], !row.text(k).isEmpty {
      guard let race = District.RaceFormat(rawValue: row.text(k)) else {
        throw row.error(k, expected: "plurality, top-two, top-four, rcv, runoff or empty", found: row.text(k))
      }
      d.race = race
    }
    if let k = o["held_by_notional"], !row.text(k).isEmpty { d.heldByNotional = try row.boolean(k) }
    if let k = o["prev_margin"] {
      d.previousMargin = try row.optionalNumber(k)
      if let m = d.previousMargin, abs(m) > 100 { throw row.error(k, expected: "a two-party margin within -100...100", found: row.text(k)) }
    }
    if let k = o["prev_contest"], !row.text(k).isEmpty { d.previousContest = row.text(k) }
    if let k = o["challenger_quality"] { d.challengerQuality = try row.optionalNumber(k) }
    if let k = o["spending_d"] { d.spendingDemocratic = try row.optionalNumber(k) }
    if let k = o["spending_r"] { d.spendingRepublican = try row.optionalNumber(k) }
    return d
  }

  /// The optional columns the importers write (after `note`, in this order): the previous House
  /// race, challenger quality and spending.
  package static let importedColumns = ["prev_margin", "prev_contest", "challenger_quality", "spending_d", "spending_r"]

  /// Renders districts in the table's schema, with one row of `importedColumns` values per district
  /// when given.
  package static func render(_ districts: [District], optionalValues: [[String]]? = nil) -> String {
    precondition(optionalValues.map { $0.count == districts.count && $0.allSatisfy { $0.count == importedColumns.count } } ?? true,
                 "one row of optional values per district, one value per imported column")
    var out = (columns + (optionalValues == nil ? [] : importedColumns)).joined(separator: ",") + "\n"
    for (i, d) in districts.enumerated() {
      let incumbent = d.memberVersusMember ? "D;R" : Party.incumbentCode(d.incumbent)
      let held = d.heldByOther ? "I" : d.heldBy?.rawValue ?? ""
      let fields = [d.id, d.state, d.region, String(format: "%.4f", d.lean), incumbent, d.status.code, held, d.note]
        + (optionalValues?[i] ?? [])
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}

/// Minimal CSV writing helpers.
package enum CSVWriter {
  /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
  package static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
