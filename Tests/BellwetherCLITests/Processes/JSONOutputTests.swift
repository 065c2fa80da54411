import Foundation
import Testing
import TestSupport

/// `--format json` of calibrate, bench, sweep, backtest and fit, and `--quiet` of calibrate and
/// bench, as separate processes: stdout holds one JSON document and nothing else, and its key
/// figures agree with what another path printed or wrote (the text output of a second run, the
/// files in --out, each point's forecast.json). Every run here is deterministic in the figures
/// compared (fixed seeds; bench's timings are compared only with the same document's samples).
@Suite(.tags(.slow), .skippedInFastRuns)
struct JSONOutputTests {
  /// The small valid chamber of the corpus (6 seats), relative to the corpus folder.
  static let smallConfig = "valid/config.json5"

  @Test func calibrateJSONAgreesWithItsTables() throws {
    let json = try BellwetherProcess.run(["calibrate", "--config", Self.smallConfig, "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let doc = try Self.onlyJSON(json.stdout)
    let text = try BellwetherProcess.run(["calibrate", "--config", Self.smallConfig])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(doc["schema"] as? String == "bellwether.calibration/1")
    #expect(doc["config"] as? String == "config.json5" && doc["asOf"] as? String == "2018-11-05")
    // The text prints figures to 2 decimals: each JSON figure must round to the printed one.
    let environment = try #require(doc["environment"] as? [String: Any])
    let rows = try #require(doc["calibration"] as? [[String: Any]])
    #expect(Double(rows.count) == Self.number(after: "Specials held before 2018-11-05: ", in: text.stdout))
    let pairs: [(String, String, [String: Any])] = [
      ("specialsEstimate", "E_s = ", environment), ("specialsStandardError", "SE = ", environment), ("tau", "tau = ", environment),
      ("posteriorMean", "muE = ", environment), ("posteriorSD", "sigmaE = ", environment), ("noiseTotalSD", "District noise SD: ", doc),
    ]
    for (key, label, object) in pairs {
      let value = try #require(object[key] as? Double, "\(key)")
      let printed = try #require(Self.number(after: label, in: text.stdout), "\(label)")
      #expect(abs(value - printed) <= 0.005 + 1e-9, "\(key) \(value) against the printed \(printed)")
    }
    // Each special's x is its row's value in the table printed (the first row's, to 2 decimals).
    let firstX = try #require(rows.first?["x"] as? Double)
    let firstLine = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix(rows[0]["date"] as? String ?? "?") })
    #expect(String(format: "%.2f", firstX) == firstLine.split(separator: " ").map(String.init)[firstLine.split(separator: " ").count - 4])
  }

  @Test func benchJSONHasEverySampleAndTheirMedians() throws {
    let json = try BellwetherProcess.run(["bench", "--config", Self.smallConfig, "--draws", "1000", "--threads", "1,2",
                                          "--repetitions", "3", "--format", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let doc = try Self.onlyJSON(json.stdout)
    #expect(doc["schema"] as? String == "bellwether.bench/1")
    // The progress lines went to stderr, one per repetition and thread count.
    #expect(json.stderr.split(separator: "\n").filter { $0.contains("repetition") }.count == 6, "\(json.stderr)")
    // The shape figures against the text output of a second run.
    let text = try BellwetherProcess.run(["bench", "--config", Self.smallConfig, "--draws", "1000", "--threads", "1",
                                          "--repetitions", "1"])
    #expect(text.status == 0, "\(text.stderr)")
    let header = "Bellwether throughput: 1000 draws, \(doc["seats"] as? Int ?? -1) seats (\(doc["contestedSeats"] as? Int ?? -1) contested), "
      + "factor \(doc["factorMethod"] as? String ?? "?") (rank \(doc["factorRank"] as? Int ?? -1))"
    #expect(text.stdout.hasPrefix(header), "\(text.stdout)")
    #expect(doc["seats"] as? Int == 6 && doc["draws"] as? Int == 1000)
    // Six samples; each median is the middle of its three samples (sorted here), each total the sum of its stages.
    let samples = try #require(doc["samples"] as? [[String: Any]])
    #expect(samples.count == 6 && samples.map { $0["threads"] as? Int } == [1, 2, 1, 2, 1, 2])
    let stages = ["loadSeconds", "calibrationSeconds", "factorizationSeconds", "drawSeconds", "aggregationSeconds"]
    for s in samples {
      let sum = stages.reduce(0.0) { $0 + (s[$1] as? Double ?? .nan) }
      #expect(abs(sum - (s["totalSeconds"] as? Double ?? .nan)) <= 1e-12 * max(1, sum))
    }
    let medians = try #require(doc["medians"] as? [[String: Any]])
    #expect(medians.map { $0["threads"] as? Int } == [1, 2])
    for m in medians {
      let t = m["threads"] as? Int
      for stage in stages + ["totalSeconds"] {
        let middle = samples.filter { $0["threads"] as? Int == t }.compactMap { $0[stage] as? Double }.sorted()[1]
        #expect(m[stage] as? Double == middle, "\(stage), \(t ?? -1) thread(s)")
      }
      let draws = try #require(m["drawSeconds"] as? Double)
      #expect(abs((m["drawsPerSecond"] as? Double ?? .nan) - 1000 / draws) <= 1e-9 * 1000 / draws)
    }
    let one = try #require(medians[0]["drawSeconds"] as? Double), two = try #require(medians[1]["drawSeconds"] as? Double)
    #expect(abs((doc["threadScaling"] as? Double ?? .nan) - one / two) <= 1e-12 * one / two)
  }

  @Test func quietLeavesStderrEmptyOnSuccess() throws {
    let bench = try BellwetherProcess.run(["bench", "--config", Self.smallConfig, "--draws", "500", "--threads", "1",
                                           "--repetitions", "2", "--quiet"])
    #expect(bench.status == 0 && bench.stderr.isEmpty, "\(bench.stderr)")
    #expect(bench.stdout.hasPrefix("Bellwether throughput: 500 draws"))
    let calibrate = try BellwetherProcess.run(["calibrate", "--config", Self.smallConfig, "--quiet", "--format", "json"])
    #expect(calibrate.status == 0 && calibrate.stderr.isEmpty, "\(calibrate.stderr)")
    _ = try Self.onlyJSON(calibrate.stdout)
    // An error still prints under --quiet.
    let bad = try BellwetherProcess.run(["calibrate", "--config", "no-such.json5", "--quiet"])
    #expect(bad.status == 1 && bad.stderr.contains("no-such.json5") && bad.stdout.isEmpty, "\(bad.stderr)")
  }

  @Test func sweepJSONIsSweepJSONAndAgreesWithTheCSVAndEachPoint() throws {
    let scratch = try ScratchFolder()
    let grid = scratch.path + "/grid.json5"
    try """
      { base: "\(BellwetherProcess.corpus)/\(Self.smallConfig)", parameters: { "incumbency.advantage": [2, 6.5], "specials.beta": [0.25] } }
      """.write(toFile: grid, atomically: true, encoding: .utf8)
    let out = scratch.path + "/sweep"
    let run = try BellwetherProcess.run(["sweep", grid, "--draws", "2000", "--threads", "1", "--out", out, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try Self.onlyJSON(run.stdout)
    #expect(run.stdout == (try String(contentsOfFile: out + "/sweep.json", encoding: .utf8)) + "\n")
    #expect(doc["schema"] as? String == "bellwether.sweep/1")
    #expect(doc["parameters"] as? [String] == ["incumbency.advantage", "specials.beta"])
    let points = try #require(doc["points"] as? [[String: Any]])
    let csv = try String(contentsOfFile: out + "/sweep.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(csv.first == ["point", "incumbency.advantage", "specials.beta", "majority_probability", "mean_seats", "interval80_low", "interval80_high",
                          "environment_mean", "environment_sd"])
    #expect(points.count == 2 && csv.count == 3)
    for (k, p) in points.enumerated() {
      let row = csv[k + 1]
      let values = try #require(p["parameters"] as? [String: Any])
      #expect(p["point"] as? Int == k && row[0] == String(k))
      #expect(values["incumbency.advantage"] as? Double == Double(row[1]) && values["specials.beta"] as? Double == Double(row[2]))
      #expect(String(format: "%.6f", p["majorityProbability"] as? Double ?? .nan) == row[3])
      #expect(String(format: "%.3f", p["meanSeats"] as? Double ?? .nan) == row[4])
      #expect(p["interval80"] as? [Int] == [Int(row[5]) ?? -1, Int(row[6]) ?? -1])
      // And exactly the headline of the point's own forecast.json.
      let file = out + "/" + (p["forecast"] as? String ?? "?")
      let forecast = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
      let headline = try #require(forecast["headline"] as? [String: Any])
      #expect(p["majorityProbability"] as? Double == headline["majorityProbability"] as? Double)
      #expect(p["meanSeats"] as? Double == headline["meanSeats"] as? Double)
    }
    #expect(points[0]["parameters"].flatMap { ($0 as? [String: Any])?["incumbency.advantage"] as? Double } == 2)
  }

  @Test func backtestJSONIsBacktestJSONAndAgreesWithTheSummary() throws {
    let scratch = try ScratchFolder()
    let arguments = ["backtest", "--cycle", "2006", "--as-of", "2006-11-06", "--draws", "2000", "--threads", "2"]
    let json = try BellwetherProcess.run(arguments + ["--out", scratch.path + "/json", "--format", "json"], in: TestSupport.repositoryRoot)
    #expect(json.status == 0, "\(json.stderr)")
    let doc = try Self.onlyJSON(json.stdout)
    #expect(json.stdout == (try String(contentsOfFile: scratch.path + "/json/backtest.json", encoding: .utf8)) + "\n")
    let text = try BellwetherProcess.run(arguments + ["--out", scratch.path + "/text"], in: TestSupport.repositoryRoot)
    #expect(text.status == 0, "\(text.stderr)")
    // "  Bellwether (prior + specials)          mean 250.2  80% 225-277  Brier 0.0762"
    let line = try #require(text.stdout.split(separator: "\n").first { $0.contains("Bellwether (prior + specials)") })
    let actual = try #require((doc["actual"] as? [String: Any])?["democraticSeats"] as? Int)
    #expect(text.stdout.hasPrefix("U.S. House 2006: actual \(actual) Democratic seats"))
    let dates = try #require(doc["dates"] as? [[String: Any]])
    #expect(dates.count == 1 && dates[0]["asOf"] as? String == "2006-11-06")
    let row = try #require((dates[0]["rows"] as? [[String: Any]])?.first { $0["label"] as? String == "Bellwether (prior + specials)" })
    let seats = try #require(row["seats"] as? [String: Any])
    let decided = try #require((row["districts"] as? [String: Any])?["decided"] as? [String: Any])
    #expect(line.contains(String(format: "mean %.1f", seats["mean"] as? Double ?? .nan)), "\(line)")
    #expect(line.contains("80% \(seats["lower80"] as? Int ?? -1)-\(seats["upper80"] as? Int ?? -1)"), "\(line)")
    #expect(line.contains(String(format: "Brier %.4f", decided["brier"] as? Double ?? .nan)), "\(line)")
  }

  @Test func fitJSONIsFitJSONAndAgreesWithTheSummary() throws {
    let scratch = try ScratchFolder()
    let arguments = ["fit", "--for-cycle", "2010", "--horizons", "1"]
    let json = try BellwetherProcess.run(arguments + ["--out", scratch.path + "/json", "--format", "json"], in: TestSupport.repositoryRoot)
    #expect(json.status == 0, "\(json.stderr)")
    let doc = try Self.onlyJSON(json.stdout)
    #expect(json.stdout == (try String(contentsOfFile: scratch.path + "/json/fit.json", encoding: .utf8)) + "\n")
    let text = try BellwetherProcess.run(arguments + ["--out", scratch.path + "/text"], in: TestSupport.repositoryRoot)
    #expect(text.status == 0, "\(text.stderr)")
    // "  generic-ballot miss 1998-2008: eve +3.42 ± 1.24, SD 3.04, predictive SD 3.28; ..."
    let fits = try #require(doc["fits"] as? [[String: Any]])
    #expect(fits.count == 1 && fits[0]["forCycle"] as? Int == 2010)
    let horizons = try #require((fits[0]["genericBallot"] as? [String: Any])?["horizons"] as? [[String: Any]])
    let eve = try #require(horizons.first { $0["days"] as? Int == 1 }?["summary"] as? [String: Any])
    let line = try #require(text.stdout.split(separator: "\n").first { $0.contains("generic-ballot miss") })
    let expected = String(format: "eve %+.2f ± %.2f, SD %.2f, predictive SD %.2f", eve["mean"] as? Double ?? .nan,
                          eve["standardErrorOfMean"] as? Double ?? .nan, eve["sd"] as? Double ?? .nan,
                          eve["predictiveSD"] as? Double ?? .nan)
    #expect(line.contains(expected), "\(line) lacks \(expected)")
  }

  // MARK: - Helpers

  /// The JSON object that is the whole of `stdout` (one document and its newline, nothing else).
  static func onlyJSON(_ stdout: String) throws -> [String: Any] {
    #expect(stdout.hasPrefix("{") && stdout.hasSuffix("}\n"), "stdout holds more than the JSON: \(stdout.prefix(200))")
    // JSONSerialization refuses anything after the document, so this also proves nothing else is there.
    return try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
  }

  /// The number printed right after the first `label` in `text`.
  static func number(after label: String, in text: String) -> Double? {
    guard let range = text.range(of: label) else { return nil }
    let digits = text[range.upperBound...].prefix { "+-0123456789.".contains($0) }
    return Double(digits.hasPrefix("+") ? String(digits.dropFirst()) : String(digits))
  }
}
