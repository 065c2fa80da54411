internal import CZlib
import BellwetherReports
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Gzip {
  /// The zlib level of the exports: 6, zlib's default balance of speed and size.
  static let level: Int32 = 6

  /// Compresses a file into gzip data (RFC 1952) written to an open file, in chunks of 1 MiB, so
  /// memory stays constant whatever the file's size. The gzip header carries no name and
  /// modification time 0, so the same input gives the same bytes (with the same zlib).
  /// - Throws: `ReportWriter.WriteError` naming the file that cannot be read or written.
  /// - Complexity: O(input bytes).
  static func compress(contentsOf input: String, into output: Int32, name: String) throws {
    guard let handle = FileHandle(forReadingAtPath: input) else {
      throw ReportWriter.WriteError(path: input, reason: "cannot open it to compress it")
    }
    defer { try? handle.close() }
    var stream = z_stream()
    guard bellwether_deflate_init_gzip(&stream, level) == Z_OK else {
      throw ReportWriter.WriteError(path: name, reason: "zlib could not start (out of memory?)")
    }
    defer { deflateEnd(&stream) }
    let chunk = 1 << 20
    var out = [UInt8](repeating: 0, count: chunk)
    while true {
      let data = try handle.read(upToCount: chunk) ?? Data()
      let flush = data.isEmpty ? Z_FINISH : Z_NO_FLUSH
      var bytes = [UInt8](data)
      var status = Z_OK
      try bytes.withUnsafeMutableBufferPointer { input in
        stream.next_in = input.baseAddress
        stream.avail_in = uInt(input.count)
        repeat {
          let produced = out.withUnsafeMutableBufferPointer { buffer -> Int in
            stream.next_out = buffer.baseAddress
            stream.avail_out = uInt(chunk)
            status = deflate(&stream, flush)
            return chunk - Int(stream.avail_out)
          }
          guard status != Z_STREAM_ERROR else { throw ReportWriter.WriteError(path: name, reason: "zlib stream error") }
          try out.withUnsafeBytes { try ReportWriter.writeAll(UnsafeRawBufferPointer(rebasing: $0.prefix(produced)), to: output, path: name) }
        } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
      }
      if flush == Z_FINISH { return }
    }
  }

  /// `Gzip.compress` as the compressor of the exports (`DrawsCSV`).
  package struct FileCompressor: BellwetherReports.FileCompressor {
    package init() {}
    package func compress(contentsOf input: String, into output: Int32, name: String) throws {
      try Gzip.compress(contentsOf: input, into: output, name: name)
    }
  }
}
