import Foundation

/// The engine's district table (`districts.csv`), a documented schema any cycle or chamber can use:
///
/// | column | meaning |
/// |---|---|
/// | `id` | unique seat id |
/// | `state` | state (seats in one state share a noise factor) |
/// | `region` | region (e.g. Census division; seats in one region share a noise factor) |
/// | `lean` | presidential margin minus the national one, points, D positive |
/// | `incumbent` | `D`, `R` or `open` |
/// | `status` | `contested`, `fixed-D` or `fixed-R` (no two-party contest) |
/// | `held_by` | party holding the seat before the election: `D`, `R` or empty if unknown |
/// | `note` | free text shown in reports |
///
/// and, optionally, after `note`, facts about the seat that the model does not read yet
/// (docs/data-schema.md): `prev_margin`, `prev_contest`, `challenger_quality`, `spending_d`,
/// `spending_r`.
package enum DistrictTable {
  /// The columns, in order.
  package static let columns = ["id", "state", "region", "lean", "incumbent", "status", "held_by", "note"]

  /// Optional columns a table may carry after `note`, in this order. The reader accepts them and
  /// does not read them (yet).
  package static let optionalColumns = ["prev_margin", "prev_contest", "challenger_quality", "spending_d", "spending_r"]

  /// Reads and validates a district table. The header must hold exactly these columns (in any
  /// order), and may hold the optional ones.
  /// - Throws: `InputError` with file, line and field for the first bad row.
  package static func read(_ table: CSVTable) throws -> [District] {
    let c = try table.columns(columns, optional: optionalColumns)
    var seen: [String: Int] = [:]
    var districts: [District] = []
    for row in table.typedRows {
      let id = try row.requiredText(c[0])
      if let first = seen[id] {
        throw row.error(c[0], expected: "a unique id (already on line \(first))", found: id)
      }
      seen[id] = row.line
      let incumbent: Party?
      if row.text(c[4]) == Party.incumbentCode(nil) {
        incumbent = nil
      } else {
        guard let party = Party(code: row.text(c[4])) else { throw row.error(c[4], expected: "D, R or open", found: row.text(c[4])) }
        incumbent = party
      }
      guard let status = District.Status(code: row.text(c[5])) else {
        throw row.error(c[5], expected: "contested, fixed-D or fixed-R", found: row.text(c[5]))
      }
      let heldBy: Party?
      if row.text(c[6]).isEmpty {
        heldBy = nil
      } else {
        guard let party = Party(code: row.text(c[6])) else { throw row.error(c[6], expected: "D, R or empty", found: row.text(c[6])) }
        heldBy = party
      }
      let lean = try row.number(c[3])
      guard abs(lean) <= 200 else { throw row.error(c[3], expected: "a lean within -200...200 points", found: row.text(c[3])) }
      districts.append(District(id: id, state: try row.requiredText(c[1]), region: try row.requiredText(c[2]),
                                lean: lean, incumbent: incumbent, status: status, heldBy: heldBy,
                                note: row.text(c[7])))
    }
    guard !districts.isEmpty else {
      throw InputError(file: table.file, expected: "at least one district after the header", foundDescription: "a header only")
    }
    return districts
  }

  /// Renders districts in the table's schema.
  /// - Parameter optionalValues: when given, one row per district holding the text of every
  ///   optional column (in `optionalColumns` order; empty strings for unknown values), written
  ///   after `note`.
  package static func render(_ districts: [District], optionalValues: [[String]]? = nil) -> String {
    precondition(optionalValues.map { $0.count == districts.count && $0.allSatisfy { $0.count == optionalColumns.count } } ?? true,
                 "one row of optional values per district, one value per optional column")
    var out = (columns + (optionalValues == nil ? [] : optionalColumns)).joined(separator: ",") + "\n"
    for (i, d) in districts.enumerated() {
      let fields = [d.id, d.state, d.region, String(format: "%.4f", d.lean), Party.incumbentCode(d.incumbent), d.status.code,
                    d.heldBy?.rawValue ?? "", d.note] + (optionalValues?[i] ?? [])
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
