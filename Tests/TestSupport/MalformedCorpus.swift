@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources
import Foundation

/// One malformed input of the corpus in `Tests/Malformed` and the exact error it must produce.
struct MalformedCase: Codable, Sendable, CustomStringConvertible {
  /// The file, relative to `Tests/Malformed`.
  var file: String
  /// Which core reader it is run through (see `MalformedCorpus.read`).
  var reader: String
  /// The error text, with the corpus folder removed from paths (`config/x.json5:3:5: ...`).
  var error: String

  var description: String { file }
}

/// The corpus of malformed inputs (`Tests/Malformed/manifest.json`), read from disk beside the tests
/// so that no resource bundle is needed.
enum MalformedCorpus {
  /// `Tests/Malformed`, found from this source file's path.
  static let root: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Malformed").path

  /// The manifest's cases; empty if it cannot be read (a separate test fails then).
  static let cases: [MalformedCase] = (try? loadManifest()) ?? []

  static func loadManifest() throws -> [MalformedCase] {
    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/manifest.json"))
    return try JSONDecoder().decode([MalformedCase].self, from: data)
  }

  static let cycleStart = CalendarDate(iso: "2017-01-01")!
  static let electionDate = CalendarDate(iso: "2018-11-06")!
  static let levels: Set<String> = ["federal", "statewide", "state_legislative"]

  /// Runs a file through its reader.
  /// - Returns: the error text with the corpus folder removed, or nil if the input was accepted.
  static func errorText(of item: MalformedCase) -> String? {
    do {
      try read(item)
      return nil
    } catch {
      return "\(error)".replacingOccurrences(of: root + "/", with: "")
    }
  }

  /// The readers a case can name: `districts`, `specials` (checked against `valid/districts.csv`),
  /// `generic-ballot` and `house-vote` (the other table from `valid/`), `config` (`ForecastConfig`),
  /// `inputs` (config and its tables) and `model` (inputs and `ForecastModel.build`).
  static func read(_ item: MalformedCase) throws {
    let path = root + "/" + item.file
    func valid(_ name: String) throws -> CSVTable { try CSVTable(contentsOf: root + "/valid/" + name) }
    switch item.reader {
    case "districts":
      _ = try DistrictTable.read(CSVTable(contentsOf: path))
    case "specials":
      _ = try SpecialsTable.read(CSVTable(contentsOf: path), cycleStart: cycleStart, electionDate: electionDate,
                                 levels: levels, districts: DistrictTable.read(valid("districts.csv")))
    case "generic-ballot":
      _ = try NationalSeries.read(genericBallot: CSVTable(contentsOf: path), houseVote: valid("house_vote.csv"))
    case "house-vote":
      _ = try NationalSeries.read(genericBallot: valid("generic_ballot.csv"), houseVote: CSVTable(contentsOf: path))
    case "config":
      _ = try ForecastConfig.load(path: path)
    case "inputs":
      _ = try ForecastInputs.load(config: ForecastConfig.load(path: path))
    case "model":
      _ = try ForecastModel.build(inputs: ForecastInputs.load(config: ForecastConfig.load(path: path)))
    default:
      throw CorpusError(description: "unknown reader '\(item.reader)' for \(item.file)")
    }
  }

  struct CorpusError: Error, CustomStringConvertible {
    var description: String
  }
}
