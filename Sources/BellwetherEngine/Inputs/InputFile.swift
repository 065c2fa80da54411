import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an input file (a table, a config) whole, after checking that the path names a regular
/// file: a folder, a FIFO, a device or a socket is refused saying what it is (and is never read, so
/// a FIFO or `/dev/zero` cannot hang the run), as is a dangling link or a loop of links.
package enum InputFile {
  /// What the path is, when it is not a readable regular file; nil when it is one.
  package static func problem(at path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let failure = errno
      var link = stat()
      switch failure {
      case ENOENT where lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK:
        return "a symbolic link to a missing file"
      case ENOENT: return "no file at that path"
      case ELOOP: return "a loop of symbolic links"
      case EACCES: return "a path it may not read (permission denied)"
      case ENOTDIR: return "no file at that path (a part of the path is not a folder)"
      default: return "a path that cannot be read (\(String(cString: strerror(failure))))"
      }
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a folder, not a file"
    case S_IFIFO: return "a FIFO (named pipe), not a regular file"
    case S_IFCHR, S_IFBLK: return "a device, not a regular file"
    case S_IFSOCK: return "a socket, not a regular file"
    default: return "not a regular file"
    }
  }

  /// The file's bytes.
  /// - Parameters:
  ///   - expected: what the caller wanted, for the message ("a readable table").
  ///   - name: the file's name in the message (default: the path).
  /// - Throws: `InputError` saying what the path is instead.
  package static func read(_ path: String, expected: String, name: String? = nil) throws -> Data {
    if let problem = problem(at: path) {
      throw InputError(file: name ?? path, expected: expected, foundDescription: problem)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError(file: name ?? path, expected: expected,
                       foundDescription: "a file that cannot be read (\(String(cString: strerror(errno))))")
    }
    return data
  }
}
