import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes report files so that a reader never sees a half-written one: each file goes to a
/// temporary name in the same folder, is flushed to disk, then renamed over the old one (rename is
/// atomic on POSIX file systems). A crash leaves the previous report intact.
package enum ReportWriter {
  /// Why writing failed.
  package struct WriteError: Error, CustomStringConvertible {
    package var path: String
    package var reason: String
    package var description: String { "cannot write \(path): \(reason)" }
    package init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
  }

  /// Creates the folder if needed, with the permissions the umask gives (0777 masked), so that a web
  /// server may serve the reports where the umask allows it; the history database stays owner-only
  /// (`SQLiteDatabase`), as does the lock file (`OutputLock`).
  package static func prepareFolder(_ folder: String) throws {
    guard !folder.isEmpty else { throw WriteError(path: "''", reason: "an empty path is not a folder (give --out a folder name)") }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw WriteError(path: folder, reason: "it exists and is not a folder") }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      // Say which part of the path is in the way, rather than Foundation's error number.
      var ancestor = (folder as NSString).deletingLastPathComponent
      while !ancestor.isEmpty && ancestor != "/" {
        var info = stat()
        if lstat(ancestor, &info) == 0 {
          if (info.st_mode & S_IFMT) != S_IFDIR && !FileManager.default.fileExists(atPath: ancestor + "/.") {
            throw WriteError(path: folder, reason: "a part of the path, \(ancestor), is a file, not a folder")
          }
          break
        }
        ancestor = (ancestor as NSString).deletingLastPathComponent
      }
      throw WriteError(path: folder, reason: "\(error.localizedDescription)")
    }
  }

  /// What the path is when a new file cannot be renamed over it without destroying something else:
  /// a folder, a device, a FIFO or a socket (rename would replace a device node such as /dev/full);
  /// nil when it is absent, a regular file or a symbolic link (replaced as a link).
  package static func notReplaceable(_ path: String) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG, S_IFLNK: return nil
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  /// The reason given when a path inside an output folder is a symbolic link.
  package static let symbolicLinkReason = "it is a symbolic link; a run never follows a link out of its output folder (remove it)"

  /// The folder's canonical path (`realpath`), or nil when it does not exist.
  package static func canonicalFolder(_ folder: String) -> String? {
    guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Whether `path` names an entry directly inside `folder` (after resolving both folders' links;
  /// the entry itself is not resolved). False when either folder does not exist.
  package static func isEntry(_ path: String, of folder: String) -> Bool {
    guard let parent = canonicalFolder((path as NSString).deletingLastPathComponent),
          let target = canonicalFolder(folder) else { return false }
    return parent == target
  }

  /// Throws when any of these paths is a symbolic link (dangling or not), so that nothing opened
  /// there is created or written through the link outside the folder.
  package static func refuseSymbolicLinks(_ paths: [String]) throws {
    for path in paths {
      var info = stat()
      if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
        throw WriteError(path: path, reason: symbolicLinkReason)
      }
    }
  }

  /// The run was stopped (SIGINT or SIGTERM) after the files were staged and before any was put in
  /// place: the staged files were removed and the folder is as it was.
  package struct Cancelled: Error, CustomStringConvertible {
    package init() {}
    package var description: String { "stopped before the reports were put in place; the output folder is unchanged" }
  }

  #if DEBUG
  /// Environment variable for the crash-safety tests only, compiled into debug builds alone (a
  /// release build never reads it): seconds to sleep after every file of a report set is staged
  /// (written and flushed under its temporary name) and before the first is renamed into place (or
  /// until `isCancelled` turns true), so a test can kill or stop the process at that moment.
  static let pauseBeforeCommitVariable = "BELLWETHER_TEST_PAUSE_BEFORE_COMMIT"
  #endif

  /// Writes a set of files into the folder so that each is either the old file or the new one,
  /// never a part: every file is first staged under a hidden temporary name in the same folder
  /// (`.NAME.tmp-PID-RANDOM`, written and flushed with fsync), then, once all are staged, each is
  /// renamed over its old version (atomic on POSIX file systems), then the folder itself is flushed.
  /// All contents are rendered before this is called, so a failure in rendering never touches the
  /// folder. Temporary files left by a killed run (its process is gone) are removed first.
  /// - Parameters:
  ///   - files: (file name, contents) pairs; names must be plain names, not paths.
  ///   - isCancelled: checked once all files are staged; if it returns true, the staged files are
  ///     removed and `Cancelled` is thrown, leaving the folder as it was.
  ///   - prestaged: files already staged in `folder` (`StagedFile`, written by a stream), renamed
  ///     into place in the same set after `files`; each one's `supersedes` names are removed once
  ///     the set is in place.
  package static func write(_ files: [(name: String, contents: Data)], into folder: String,
                           prestaged: [StagedFile] = [], isCancelled: (@Sendable () -> Bool)? = nil) throws {
    for name in files.map(\.name) + prestaged.map(\.name) {
      precondition(!name.contains("/") && name != ".." && name != "." && !name.isEmpty,
                   "report names are plain file names")
    }
    try prepareFolder(folder)
    // A staged file's own temporaries are live (this process); only dead processes' are removed.
    removeStaleTemporaries(in: folder, names: files.map(\.name) + prestaged.flatMap { [$0.name] + $0.supersedes })
    var staged: [(temporary: String, path: String)] = []
    var committed = 0
    do {
      for file in files {
        let path = folder + "/" + file.name
        staged.append((try stage(file.contents, for: path), path))
      }
      #if DEBUG
      if let text = ProcessInfo.processInfo.environment[pauseBeforeCommitVariable], let seconds = Double(text), seconds > 0 {
        let end = Date().addingTimeInterval(min(seconds, 600))
        while Date() < end, !(isCancelled?() ?? false) { Thread.sleep(forTimeInterval: 0.01) }
      }
      #endif
      staged += prestaged.map { ($0.temporary, folder + "/" + $0.name) }
      if let isCancelled, isCancelled() { throw Cancelled() }
      committed = staged.count
      try commit(staged, rename: { Glibc.rename($0, $1) })
    } catch {
      for item in staged.dropFirst(committed) { unlink(item.temporary) }
      for file in prestaged { unlink(file.temporary) }  // no-op for those already in the list above
      throw error
    }
    // The other forms of a staged file (draws.csv.gz for draws.csv) are from an earlier run: removed,
    // so the folder never holds two disagreeing versions. Only regular files are removed.
    for name in prestaged.flatMap(\.supersedes) {
      var info = stat()
      if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { unlink(folder + "/" + name) }
    }
    syncFolder(folder)
  }

  /// A file written (by a stream, not from memory) under a hidden temporary name in the output
  /// folder and flushed, waiting to be renamed into place with a set of reports (`write`).
  package struct StagedFile: Sendable {
    /// Its report name in the folder.
    package var name: String
    /// Where it is now.
    package var temporary: String
    /// Names in the folder it replaces besides its own (removed once it is in place).
    package var supersedes: [String]

    package init(name: String, temporary: String, supersedes: [String] = []) {
      self.name = name
      self.temporary = temporary
      self.supersedes = supersedes
    }
  }

  /// Stages a file whose contents `body` writes to the open file descriptor it is given, beside
  /// `path` under a hidden temporary name (mode 0666 masked by the umask), then flushes it.
  /// - Returns: the temporary file's path.
  /// - Throws: `WriteError` naming `path`; whatever `body` throws (the temporary is removed).
  package static func stage(for path: String, writing body: (Int32) throws -> Void) throws -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let name = (path as NSString).lastPathComponent
    let temporary = (folder.isEmpty ? "." : folder) + "/" + temporaryPrefix(for: name) + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    do {
      try body(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    var failure: String?
    if fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
    if close(fd) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw WriteError(path: path, reason: failure)
    }
    return temporary
  }

  /// Writes all of `bytes` to `fd` (retrying short writes and EINTR).
  /// - Throws: `WriteError` naming `path`.
  package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws {
    var offset = 0
    while offset < bytes.count {
      let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, reason: String(cString: strerror(errno)))
      }
      offset += written
    }
  }

  /// Renames staged files into place as one set: before the first rename, every target must be
  /// absent, a regular file or a symbolic link (replaced itself, never followed), and each existing one is kept under a hidden hard link
  /// (`.NAME.tmp-PID-old-RANDOM`); if a rename then fails, the files already renamed are put back
  /// (the old file from its link, or removed if there was none), so the folder holds the old set
  /// whole. The links are removed once every rename is done. Staged files are removed on any failure.
  /// - Parameter rename: `rename(2)`; a test passes one that fails.
  static func commit(_ staged: [(temporary: String, path: String)], rename: (String, String) -> Int32) throws {
    var backups: [String?] = []
    var existed: [Bool] = []
    func discard(from index: Int) {
      for item in staged.dropFirst(index) { unlink(item.temporary) }
      for case let backup? in backups { unlink(backup) }
    }
    for item in staged {
      var info = stat()
      guard lstat(item.path, &info) == 0 else {
        backups.append(nil)
        existed.append(false)
        continue
      }
      existed.append(true)
      // A symbolic link under a report's name is replaced as a link (rename never follows it).
      guard (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFLNK else {
        discard(from: 0)
        let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file"
        throw WriteError(path: item.path, reason: "it is \(what), so no report was replaced (remove it)")
      }
      let name = (item.path as NSString).lastPathComponent
      let folder = (item.path as NSString).deletingLastPathComponent
      let backup = (folder.isEmpty ? "." : folder) + "/" + temporaryPrefix(for: name) + "\(getpid())-old-\(UInt32.random(in: 0...UInt32.max))"
      if link(item.path, backup) == 0 {
        backups.append(backup)
      } else if errno == EPERM || errno == EACCES {
        // An immutable or protected report: refused before anything is replaced.
        let reason = String(cString: strerror(errno))
        discard(from: 0)
        throw WriteError(path: item.path, reason: "it cannot be replaced (\(reason)), so no report was replaced")
      } else {
        backups.append(nil)  // a file system without hard links: no rollback for this file
      }
    }
    for (index, item) in staged.enumerated() {
      guard rename(item.temporary, item.path) == 0 else {
        let reason = String(cString: strerror(errno))
        var restored = true
        for (position, done) in staged.prefix(index).enumerated() {
          if let backup = backups[position] {
            if Glibc.rename(backup, done.path) != 0 { restored = false }
          } else if existed[position] {
            restored = false  // no link could be made: the new file stays
          } else {
            unlink(done.path)  // there was no old file
          }
        }
        discard(from: index)
        throw WriteError(path: item.path, reason: reason + (restored ? "; the previous reports were restored" : ""))
      }
    }
    for case let backup? in backups { unlink(backup) }
  }

  /// Writes one file atomically: temp file in the same folder, fsync, rename.
  package static func writeAtomically(_ data: Data, to path: String) throws {
    let temporary = try stage(data, for: path)
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    syncFolder((path as NSString).deletingLastPathComponent)
  }

  /// Writes `data` to a new hidden temporary file beside `path` (mode 0666 masked by the umask) and
  /// flushes it to disk.
  /// - Returns: the temporary file's path.
  static func stage(_ data: Data, for path: String) throws -> String {
    try stage(for: path) { fd in try data.withUnsafeBytes { try writeAll($0, to: fd, path: path) } }
  }

  /// The start of a temporary name for `name`: `.NAME.tmp-` (hidden, never a report's name).
  static func temporaryPrefix(for name: String) -> String { ".\(name).tmp-" }

  /// Removes temporary files of these names whose writing process no longer exists (a run killed
  /// while staging). Files of a live process, or that cannot be attributed, are left alone.
  static func removeStaleTemporaries(in folder: String, names: [String]) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for entry in entries {
      guard let name = names.first(where: { entry.hasPrefix(temporaryPrefix(for: $0)) }) else { continue }
      let rest = entry.dropFirst(temporaryPrefix(for: name).count)
      guard let pidText = rest.split(separator: "-").first, let pid = Int32(pidText), pid > 0 else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
    }
  }

  /// Flushes a folder's entries (the renames) to disk; best effort.
  static func syncFolder(_ folder: String) {
    let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
