internal import CZlib
import Foundation

/// Decompression of gzip files (RFC 1952), such as the published daily forecasts a backtest reads.
///
/// It calls zlib in process rather than running `gzip -dc`: no dependency on a program on the PATH,
/// no child process or pipe to manage, and zlib's own error for a corrupt or truncated file. zlib is
/// already on every machine that builds Swift on Linux (the toolchain needs it).
package enum Gzip {
  /// A file that is not valid gzip data.
  struct DecodeError: Error, CustomStringConvertible, Equatable {
    /// The file, for the message.
    var file: String
    /// What went wrong.
    var reason: String
    var description: String { "\(file): not a readable gzip file: \(reason)" }
  }

  /// Decompresses every gzip member of `data` (concatenated members are joined, as `gzip -dc` does).
  /// - Parameter file: the name used in errors.
  /// - Throws: `DecodeError` for a bad header, corrupt data, a bad checksum or a truncated stream.
  /// - Complexity: O(compressed + decompressed bytes).
  static func decompress(_ data: Data, file: String) throws -> Data {
    guard !data.isEmpty else { throw DecodeError(file: file, reason: "the file is empty") }
    guard data.count <= Int(UInt32.max) else { throw DecodeError(file: file, reason: "files over 4 GiB are not supported") }
    var stream = z_stream()
    guard bellwether_inflate_init_gzip(&stream) == Z_OK else {
      throw DecodeError(file: file, reason: "zlib could not start (out of memory?)")
    }
    defer { inflateEnd(&stream) }
    let chunk = 1 << 20
    var buffer = [UInt8](repeating: 0, count: chunk)
    var output = Data()
    try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
      stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress!)
      stream.avail_in = uInt(input.count)
      while true {
        let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
          stream.next_out = out.baseAddress
          stream.avail_out = uInt(chunk)
          return inflate(&stream, Z_NO_FLUSH)
        }
        output.append(contentsOf: buffer[0..<(chunk - Int(stream.avail_out))])
        switch status {
        case Z_STREAM_END:
          if stream.avail_in == 0 { return }
          guard inflateReset(&stream) == Z_OK else { throw DecodeError(file: file, reason: "zlib could not restart") }
        case Z_OK:
          continue
        case Z_BUF_ERROR:
          throw DecodeError(file: file, reason: "the data ends before the end of the gzip stream (truncated file)")
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
          throw DecodeError(file: file, reason: message)
        }
      }
    }
    return output
  }
}
