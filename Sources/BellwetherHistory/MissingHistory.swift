/// A history database asked for reading that does not exist: nothing is created.
package struct MissingHistory: Error, CustomStringConvertible, Sendable {
  /// The path asked for.
  package var path: String
  package var description: String {
    "history database \(path) does not exist (nothing was created). A `bellwether run --out DIR` or `merge --out DIR` "
      + "records its run in DIR/history.sqlite: give `history` that folder with --out DIR, or the file with --history FILE; "
      + "or record past days first with `history --backfill FROM..TO`"
  }
}
