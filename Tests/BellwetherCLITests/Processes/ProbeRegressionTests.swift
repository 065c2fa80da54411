import Foundation
import Testing
import TestSupport

/// Cases of the second hostile-input probe (issue 14) that lost or misplaced data or said too
/// little, each run through the executable: an export renamed over a FIFO or a folder, a merge that
/// took no lock or replaced one of its own partials, unclear --out failures.
@Suite(.tags(.slow), .skippedInFastRuns, .serialized) struct ProbeRegressionTests {
  func run(_ out: String, _ extra: [String] = []) -> [String] {
    ["run", "--config", "valid/config.json5", "--out", out, "--draws", "2000", "--quiet", "--no-history"] + extra
  }

  /// `--export-draws /dev/full` once replaced the device node with a regular file (the export is
  /// renamed into place); a FIFO, a socket, a device or a folder there is now refused before running.
  @Test func anExportOverSomethingThatIsNotARegularFileIsRefused() throws {
    let scratch = try ScratchFolder()
    let fifo = scratch.path + "/draws.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let outcome = try BellwetherProcess.run(run(scratch.path + "/out", ["--export-draws", fifo]))
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "error: --export-draws \(fifo) is a FIFO (named pipe), not a regular file; the export is written as a new file "
      + "renamed over that path, which would replace it. Nothing was done. Give the draws a file name\n")
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/forecast.json"))
    let folder = try BellwetherProcess.run(run(scratch.path + "/out", ["--export-draws", scratch.path]))
    #expect(folder.status == 1 && folder.stderr.contains("is a folder, not a regular file"))
  }

  /// `merge` takes the output folder's lock like `run` (exit 75 while another holds it), and refuses
  /// a partial under a report's name in --out, which the merged report would have replaced.
  @Test func mergeTakesTheLockAndKeepsItsPartials() throws {
    let scratch = try ScratchFolder()
    let shards = scratch.path + "/shards", out = scratch.path + "/out"
    for shard in ["0/2", "1/2"] {
      #expect(try BellwetherProcess.run(run(shards, ["--shard", shard])).status == 0)
    }
    let partials = [shards + "/partial-0-of-2.bwp", shards + "/partial-1-of-2.bwp"]
    let merge = ["merge", "--config", "valid/config.json5", "--out", out]
    // Another process holds the lock: refused at once, nothing written.
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let fd = open(out + "/.bellwether.lock", O_RDWR | O_CREAT, 0o600)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    let busy = try BellwetherProcess.run(merge + partials)
    #expect(busy.status == 75 && busy.stderr.contains("another bellwether run"))
    #expect(!FileManager.default.fileExists(atPath: out + "/forecast.json"))
    close(fd)
    #expect(try BellwetherProcess.run(merge + partials).status == 0)
    // A partial named forecast.json in --out is refused and kept byte for byte.
    try FileManager.default.removeItem(atPath: out + "/forecast.json")
    try FileManager.default.copyItem(atPath: partials[1], toPath: out + "/forecast.json")
    let named = try BellwetherProcess.run(merge + [partials[0], out + "/forecast.json"])
    #expect(named.status == 1)
    #expect(named.stderr == "error: the partial \(out)/forecast.json has the name of a report of the output folder \(out), which the merge "
      + "would replace; nothing was done. Rename the partial or use another --out\n")
    #expect(FileManager.default.contentsEqual(atPath: out + "/forecast.json", andPath: partials[1]))
  }

  /// A FIFO as the history database hung the run after its draws (SQLite's open waited for a
  /// writer) and ignored SIGTERM; it is now refused before simulating, as is a folder.
  @Test func aHistoryThatIsNotARegularFileIsRefusedBeforeRunning() throws {
    let scratch = try ScratchFolder()
    let fifo = scratch.path + "/history.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let base = ["run", "--config", "valid/config.json5", "--out", scratch.path + "/out", "--draws", "2000", "--quiet"]
    let outcome = try BellwetherProcess.run(base + ["--history", fifo])
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "error: the history database \(fifo) is a FIFO (named pipe), not a regular file; nothing was done. "
      + "Give --history a file, or use --no-history\n")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/forecast.json"))
    let folder = try BellwetherProcess.run(base + ["--history", scratch.path])
    #expect(folder.status == 1 && folder.stderr.contains("is a folder, not a regular file"))
  }

  /// An empty --out, and an --out below a file, say what is wrong (not Foundation's error 512).
  @Test func outFolderFailuresSayWhatIsInTheWay() throws {
    let scratch = try ScratchFolder()
    let empty = try BellwetherProcess.run(run(""))
    #expect(empty.status == 1)
    #expect(empty.stderr == "error: cannot write '': an empty path is not a folder (give --out a folder name)\n")
    try "x".write(toFile: scratch.path + "/file", atomically: true, encoding: .utf8)
    let below = try BellwetherProcess.run(run(scratch.path + "/file/sub/out"))
    #expect(below.status == 1)
    #expect(below.stderr == "error: cannot write \(scratch.path)/file/sub/out: a part of the path, \(scratch.path)/file, is a file, not a folder\n")
  }
}
