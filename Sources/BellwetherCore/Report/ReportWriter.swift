import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes report files so that a reader never sees a half-written one: each file goes to a
/// temporary name in the same folder, is flushed to disk, then renamed over the old one (rename is
/// atomic on POSIX file systems). A crash leaves the previous report intact.
public enum ReportWriter {
  /// Why writing failed.
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Creates the folder (owner-only permissions) if needed.
  public static func prepareFolder(_ folder: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw WriteError(path: folder, reason: "it exists and is not a folder") }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                              attributes: [.posixPermissions: 0o700])
    } catch {
      throw WriteError(path: folder, reason: "\(error.localizedDescription)")
    }
  }

  /// Writes each file atomically into the folder. All contents are rendered before this is called,
  /// so a failure in rendering never touches the folder.
  /// - Parameter files: (file name, contents) pairs; names must be plain names, not paths.
  public static func write(_ files: [(name: String, contents: Data)], into folder: String) throws {
    try prepareFolder(folder)
    for file in files {
      precondition(!file.name.contains("/") && file.name != ".." && file.name != ".", "report names are plain file names")
      try writeAtomically(file.contents, to: folder + "/" + file.name)
    }
  }

  /// Writes one file atomically: temp file in the same folder, fsync, rename.
  public static func writeAtomically(_ data: Data, to path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    var failure: String?
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    close(fd)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw WriteError(path: path, reason: failure)
    }
  }
}
