import Foundation
import Testing
import TestSupport

/// The readers shown in docs/forecast-schema.md and docs/reports.md (fenced blocks whose first line
/// is `# reader: pandas`, `# reader: R` or `# reader: numpy`), taken from the docs themselves so
/// that they cannot drift, run with Debian's `/usr/bin/python3` (python3-pandas, python3-numpy) and
/// `Rscript` (r-base-core) against fresh runs with and without `--export-outcomes`. Each line a
/// reader prints is a forecast.json path and its value, compared with forecast.json within half a
/// unit of the last printed decimal, or `check NAME true`. Without the tools the test fails under
/// `CI` and is skipped otherwise.
@Suite(.tags(.slow), .skippedInFastRuns)
struct DocumentedReadersTests {
  static let python = "/usr/bin/python3"
  static let rscript = "/usr/bin/Rscript"

  /// What is missing of the readers' tools, empty when all are there.
  static let missingTools: [String] = {
    var missing: [String] = []
    if (try? run(python, ["-c", "import pandas, numpy"], in: "/"))?.status != 0 { missing.append("\(python) with pandas and numpy (python3-pandas python3-numpy)") }
    if !FileManager.default.isExecutableFile(atPath: rscript) { missing.append("\(rscript) (r-base-core)") }
    return missing
  }()

  /// Runs a program to the end, capturing stdout and stderr.
  static func run(_ program: String, _ arguments: [String], in directory: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    let folder = NSTemporaryDirectory() + "bw-reader-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    FileManager.default.createFile(atPath: folder + "/out", contents: nil)
    FileManager.default.createFile(atPath: folder + "/err", contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: folder + "/out")
    p.standardError = FileHandle(forWritingAtPath: folder + "/err")
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    func read(_ name: String) -> String { String(decoding: FileManager.default.contents(atPath: folder + "/" + name) ?? Data(), as: UTF8.self) }
    return (p.terminationStatus, read("out"), read("err"))
  }

  /// The tagged blocks of a doc: (tag, code).
  static func readers(in doc: String) throws -> [(tag: String, code: String)] {
    let text = try String(contentsOfFile: TestSupport.repositoryRoot + "/" + doc, encoding: .utf8)
    var out: [(String, String)] = []
    var block: [String]?
    for line in text.components(separatedBy: "\n") {
      if line.hasPrefix("```") {
        if let lines = block {
          if let first = lines.first, first.hasPrefix("# reader: ") {
            out.append((String(first.dropFirst("# reader: ".count)), lines.joined(separator: "\n") + "\n"))
          }
          block = nil
        } else {
          block = []
        }
      } else if block != nil {
        block!.append(line)
      }
    }
    return out
  }

  /// The forecast.json value at a printed path: dotted names, `[k]` array indices, `districts[ID]`.
  static func value(_ document: [String: Any], at path: String) -> Any? {
    var current: Any? = document
    for part in path.split(separator: ".") {
      var name = String(part)
      var key: String?
      if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
        key = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        name = String(name[..<open])
      }
      current = (current as? [String: Any])?[name]
      if let key {
        if let index = Int(key), let array = current as? [Any] {
          current = index < array.count ? array[index] : nil
        } else {
          current = (current as? [[String: Any]])?.first { $0["id"] as? String == key }
        }
      }
    }
    return current
  }

  /// Checks every line a reader printed; returns the number of lines and of checks.
  static func verify(_ output: String, against document: [String: Any], _ what: String) -> (lines: Int, checks: Int) {
    var lines = 0, checks = 0
    for line in output.split(separator: "\n") {
      let tokens = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
      lines += 1
      if tokens.first == "check" {
        checks += 1
        #expect(tokens.count == 3 && ["True", "TRUE"].contains(tokens[2]), "\(what): \(line)")
        continue
      }
      guard tokens.count == 2 else { Issue.record("\(what): expected 'path value', found '\(line)'"); continue }
      guard let json = value(document, at: tokens[0]) as? NSNumber else {
        Issue.record("\(what): \(tokens[0]) is not a number of forecast.json")
        continue
      }
      guard let printed = Double(tokens[1]) else { Issue.record("\(what): '\(tokens[1])' is not a number"); continue }
      // Half a unit of the last decimal printed: the readers print what the CSV holds (rounded
      // there to the documented decimals) or exact shares of the draws, rounded to 6 decimals.
      let decimals = tokens[1].split(separator: ".").count == 2 ? tokens[1].split(separator: ".")[1].count : 0
      let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
      #expect(abs(printed - json.doubleValue) <= tolerance, "\(what): \(tokens[0]) printed \(tokens[1]), forecast.json has \(json)")
    }
    return (lines, checks)
  }

  @Test(.enabled(if: missingTools.isEmpty || ProcessInfo.processInfo.environment["CI"] != nil,
                 "python3-pandas, python3-numpy and r-base-core are not installed (and CI is unset)"))
  func theDocumentedPandasRAndNumpyReadersPrintForecastJSONsFigures() throws {
    guard Self.missingTools.isEmpty else {
      Issue.record("the documented readers need \(Self.missingTools.joined(separator: " and ")): apt-get install -y r-base-core python3-pandas python3-numpy (the apt line of .ci/run)")
      return
    }
    let readers = try readersOfDocs()
    #expect(readers.filter { $0.tag == "pandas" }.count >= 2 && readers.filter { $0.tag == "R" }.count >= 2
      && readers.filter { $0.tag == "numpy" }.count >= 1, "\(readers.map(\.tag))")
    for outcomes in [true, false] {
      let folder = try ScratchFolder()
      // The corpus's 6-seat chamber (2 fixed seats), 5,000 draws: a draws.csv of about 0.2 MB.
      var arguments = ["run", "--config", "valid/config.json5", "--draws", "5000", "--no-history", "--quiet", "--out", folder.path + "/out",
                       "--export-draws", folder.path + "/out/draws.bin", "--export-draws-csv"]
      if outcomes { arguments.append("--export-outcomes") }
      let run = try BellwetherProcess.run(arguments)
      #expect(run.status == 0, "\(run.stderr)")
      let json = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/forecast.json"))
      let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
      for (k, reader) in readers.enumerated() {
        let file = folder.path + "/reader-\(k)" + (reader.tag == "R" ? ".R" : ".py")
        try Data(reader.code.utf8).write(to: URL(fileURLWithPath: file))
        let result = try Self.run(reader.tag == "R" ? Self.rscript : Self.python, [file], in: folder.path)
        let what = "\(reader.tag) reader \(k) (outcomes: \(outcomes))"
        #expect(result.status == 0, "\(what) failed: \(result.stderr)")
        let seen = Self.verify(result.stdout, against: document, what)
        #expect(seen.lines >= 3, "\(what) printed: \(result.stdout)")
        // The draws readers check the per-seat outcomes when there are any.
        if reader.code.contains("draws") { #expect((seen.checks > 0) == outcomes, "\(what) printed: \(result.stdout)") }
      }
    }
  }

  /// Every tagged reader of the two docs.
  func readersOfDocs() throws -> [(tag: String, code: String)] {
    try Self.readers(in: "docs/forecast-schema.md") + Self.readers(in: "docs/reports.md")
  }
}
