import BellwetherEngine

/// The bad rows of one source table, gathered so that an import reports them all at once (the
/// first `cap`), each with its file, line and field.
struct RowProblems {
  /// At most this many problems are listed; the rest are counted.
  static let cap = 20

  /// The table's file name, for the line that counts unlisted problems.
  let file: String
  private(set) var errors: [InputError] = []
  private(set) var unlisted = 0

  init(file: String) { self.file = file }

  /// Runs `body` (the checks of one row); an `InputError` it throws is recorded and nil returned.
  /// Any other error propagates.
  mutating func collect<T>(_ body: () throws -> T) throws -> T? {
    do {
      return try body()
    } catch let error as InputError {
      if errors.count < RowProblems.cap { errors.append(error) } else { unlisted += 1 }
      return nil
    }
  }

  /// Throws every recorded problem as one `InputErrors`, if there is any.
  func throwIfAny() throws {
    guard !errors.isEmpty else { return }
    var all = errors
    if unlisted > 0 {
      all.append(InputError(file: file, expected: "at most \(RowProblems.cap) bad rows listed",
                            foundDescription: "\(unlisted) more bad row\(unlisted == 1 ? "" : "s") not listed"))
    }
    throw InputErrors(all)
  }
}
