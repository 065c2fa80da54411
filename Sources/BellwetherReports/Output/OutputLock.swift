import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an output folder, so two runs started at the same moment against the same
/// folder never interleave their files: the second is refused with a message naming the first.
///
/// The lock is `flock(2)` on the hidden file `.bellwether.lock` in the folder, which holds the
/// owner's process id (for the message). The kernel drops the lock when the owner's file is closed,
/// including when the process is killed, so a crashed run never leaves the folder locked. The file
/// itself stays; its presence means nothing.
package final class OutputLock: Sendable {
  /// The lock file's name inside the output folder.
  package static let fileName = ".bellwether.lock"

  /// Another process holds the lock.
  package struct Busy: Error, CustomStringConvertible {
    /// The output folder.
    package var folder: String
    /// The holder's process id, if it could be read.
    var holder: Int32?

    package var description: String {
      let who = holder.map { "another bellwether run (process \($0))" } ?? "another bellwether run"
      return "\(who) is writing to \(folder); nothing was done. Try again when it has finished, or use another "
        + "output folder (lock file: \(folder)/\(OutputLock.fileName))"
    }
  }

  private let descriptor: Int32

  private init(descriptor: Int32) { self.descriptor = descriptor }

  deinit { close(descriptor) }

  /// Creates the folder if needed (owner-only) and takes its lock without waiting.
  /// - Throws: `Busy` if another process holds it; `ReportWriter.WriteError` if the folder or lock
  ///   file cannot be created.
  package static func acquire(folder: String) throws -> OutputLock {
    try ReportWriter.prepareFolder(folder)
    let path = folder + "/" + fileName
    // O_NOFOLLOW: a symbolic link planted under this name is refused, never followed out of the
    // folder (writing the pid through it would overwrite the link's target). O_NONBLOCK: a FIFO
    // planted here does not hang the run; it is refused below as not a regular file.
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
    guard fd >= 0 else {
      let failure = errno
      if failure == ELOOP || failure == EMLINK {
        throw ReportWriter.WriteError(path: path, reason: ReportWriter.symbolicLinkReason)
      }
      throw ReportWriter.WriteError(path: path, reason: String(cString: strerror(failure)))
    }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw ReportWriter.WriteError(path: path, reason: "it exists and is not a regular file (remove it)")
    }
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      let failure = errno
      let holder = readHolder(fd)
      close(fd)
      if failure == EWOULDBLOCK { throw Busy(folder: folder, holder: holder) }
      throw ReportWriter.WriteError(path: path, reason: String(cString: strerror(failure)))
    }
    let text = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pwrite(fd, text, text.count, 0)
    return OutputLock(descriptor: fd)
  }

  private static func readHolder(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = pread(fd, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
