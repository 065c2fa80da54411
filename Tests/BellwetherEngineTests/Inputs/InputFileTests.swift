import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// An input path that is not a regular file says what it is, and is never read (a FIFO or a device
/// cannot hang or flood the run).
struct InputFileTests {
  @Test func whatThePathIsInsteadOfAFile() throws {
    let folder = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(mkfifo(folder + "/fifo", 0o600) == 0)
    try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "nowhere.csv")
    try FileManager.default.createSymbolicLink(atPath: folder + "/loop-a", withDestinationPath: "loop-b")
    try FileManager.default.createSymbolicLink(atPath: folder + "/loop-b", withDestinationPath: "loop-a")
    try "a\n1\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
    let cases: [(String, String)] = [
      (folder, "a folder, not a file"),
      (folder + "/fifo", "a FIFO (named pipe), not a regular file"),
      ("/dev/zero", "a device, not a regular file"),
      ("/dev/null", "a device, not a regular file"),
      (folder + "/dangling", "a symbolic link to a missing file"),
      (folder + "/loop-a", "a loop of symbolic links"),
      (folder + "/missing.csv", "no file at that path"),
      (folder + "/t.csv/x", "no file at that path (a part of the path is not a folder)"),
    ]
    for (path, what) in cases {
      #expect { try CSVTable(contentsOf: path) } throws: { "\($0)" == "\(path): expected a readable file, found \(what)" }
    }
    #expect(try CSVTable(contentsOf: folder + "/t.csv").rows == [["1"]])
    #expect { try ForecastConfig.load(path: folder + "/fifo") } throws: {
      "\($0)" == "\(folder)/fifo: expected a readable config file, found a FIFO (named pipe), not a regular file"
    }
  }
}
