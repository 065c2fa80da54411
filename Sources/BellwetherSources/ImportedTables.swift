/// What one import source produced, not yet written: the files (paths relative to the output
/// folder, each with its full text) and a summary to print.
package struct ImportedTables: Sendable {
  /// One file to write.
  package struct File: Sendable, Equatable {
    /// Path relative to the output folder, e.g. `2006/districts.csv`.
    package var path: String
    /// The file's text.
    package var text: String
  }

  /// What the tables are: a cycle (`2006`) or `national`.
  package var label: String
  /// The files, in the order they are written.
  package var files: [File]
  /// Lines summarizing the import (seats, contested, specials, skipped rows).
  package var summary: [String]
}
