/// The bad rows of one table, collected so that a person can fix them in one pass: every reader
/// of a table (the engine's and the importers') reads all its rows through this.
package struct RowErrors {
  /// At most this many problems are listed; the rest are counted.
  package static let cap = 20

  /// The table's file name, for the line that counts unlisted problems.
  package let file: String
  private(set) var errors: [InputError] = []
  private(set) var unlisted = 0

  package init(file: String) { self.file = file }

  /// Runs `body` (the checks of one row); an `InputError` it throws is recorded and nil returned.
  /// Any other error propagates.
  package mutating func collect<T>(_ body: () throws -> T) throws -> T? {
    do {
      return try body()
    } catch let error as InputError {
      if errors.count < RowErrors.cap { errors.append(error) } else { unlisted += 1 }
      return nil
    }
  }

  /// Throws what was recorded: one problem as itself, several as one `InputErrors` (at most `cap`
  /// listed, then a line counting the rest).
  package func throwIfAny() throws {
    if errors.count == 1 && unlisted == 0 { throw errors[0] }
    guard !errors.isEmpty else { return }
    var all = errors
    if unlisted > 0 {
      all.append(InputError(file: file, expected: "at most \(RowErrors.cap) bad rows listed",
                            foundDescription: "\(unlisted) more bad row\(unlisted == 1 ? "" : "s") not listed"))
    }
    throw InputErrors(all)
  }

  /// Runs `body` on every data row of `table`, then throws the bad rows together.
  package static func eachRow(of table: CSVTable, _ body: (CSVTable.Row) throws -> Void) throws {
    var problems = RowErrors(file: table.file)
    for row in table.typedRows { _ = try problems.collect { try body(row) } }
    try problems.throwIfAny()
  }
}
