import Foundation
import Testing

/// The built `bellwether` executable run as a child process, with its output captured in files (so
/// a large output never blocks on a full pipe) and helpers to signal it and wait on conditions.
package final class BellwetherProcess {
  /// What a finished run left.
  package struct Outcome {
    /// Exit status, or the signal number when `signaled`.
    package var status: Int32
    package var signaled: Bool
    package var stdout: String
    package var stderr: String
  }

  /// `.build/<configuration>/bellwether`, beside the test bundle that is running.
  package static let executable: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    var folder = bundle.deletingLastPathComponent()
    if folder.lastPathComponent == "MacOS" {  // an .xctest bundle on macOS: Contents/MacOS
      folder = folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    return folder.appendingPathComponent("bellwether").path
  }()

  /// Starts `bellwether arguments` in the repository (where the default config resolves) with
  /// its output discarded, for tests that only look at exit statuses and written files.
  package static func launchSilently(_ arguments: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: TestSupport.repositoryRoot)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }

  /// `Tests/Malformed`, the corpus and its small valid chamber (the default working directory).
  package static let corpus = TestSupport.malformedCorpus

  package let process = Process()
  private let outputs: String

  /// Starts `bellwether arguments` in `directory`, with extra environment variables.
  package init(_ arguments: [String], in directory: String = BellwetherProcess.corpus, environment: [String: String] = [:]) throws {
    outputs = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: outputs + "/stdout", contents: nil)
    _ = FileManager.default.createFile(atPath: outputs + "/stderr", contents: nil)
    process.executableURL = URL(fileURLWithPath: BellwetherProcess.executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(forWritingAtPath: outputs + "/stdout")
    process.standardError = FileHandle(forWritingAtPath: outputs + "/stderr")
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? FileManager.default.removeItem(atPath: outputs)
  }

  package var pid: Int32 { process.processIdentifier }

  package func signal(_ number: Int32) { kill(pid, number) }

  /// Waits for the process to end and collects its outputs.
  package func finish() -> Outcome {
    process.waitUntilExit()
    func read(_ name: String) -> String {
      String(decoding: FileManager.default.contents(atPath: outputs + "/" + name) ?? Data(), as: UTF8.self)
    }
    return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                   stdout: read("stdout"), stderr: read("stderr"))
  }

  /// Runs `bellwether arguments` to the end.
  package static func run(_ arguments: [String], in directory: String = corpus, environment: [String: String] = [:]) throws -> Outcome {
    try BellwetherProcess(arguments, in: directory, environment: environment).finish()
  }

  /// Polls `condition` every 10 ms for up to `seconds` (a safety net against a hung test, not a
  /// speed requirement). Records an issue and returns false on time-out.
  @discardableResult
  package static func waitFor(_ what: String, seconds: Double = 60, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(10_000)
    }
    Issue.record("timed out waiting for \(what)")
    return false
  }
}

/// A scratch folder, removed when the value goes away.
package final class ScratchFolder {
  package let path: String
  package init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Every file under `folder` (relative path to bytes), hidden ones included.
  package static func files(in folder: String) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return out }
    for case let name as String in walker {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
        out[name] = FileManager.default.contents(atPath: folder + "/" + name)
      }
    }
    return out
  }
}
