/// Compresses a file into an open file (`DrawsCSV` gzips a large `draws.csv` through one). The
/// implementation, over zlib, is `Gzip.FileCompressor` in BellwetherSources: this layer does not
/// link zlib.
package protocol FileCompressor: Sendable {
  /// Writes the compressed contents of the file at `input` to `output`.
  /// - Parameter name: the output's path, for errors.
  func compress(contentsOf input: String, into output: Int32, name: String) throws
}
