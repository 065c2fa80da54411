import BellwetherEngine
import Foundation

/// One malformed input of the corpus in `Tests/Malformed` and the exact error it must produce.
package struct MalformedCase: Codable, Sendable, CustomStringConvertible {
  /// The file, relative to `Tests/Malformed`.
  package var file: String
  /// Which core reader it is run through (see `MalformedCorpus.read`).
  package var reader: String
  /// The error text, with the corpus folder removed from paths (`config/x.json5:3:5: ...`).
  package var error: String

  package var description: String { file }
}

/// The corpus of malformed inputs (`Tests/Malformed/manifest.json`), read from disk beside the tests
/// so that no resource bundle is needed.
package enum MalformedCorpus {
  /// `Tests/Malformed`.
  package static let root = TestSupport.malformedCorpus

  /// The manifest's cases; empty if it cannot be read (a separate test fails then).
  package static let cases: [MalformedCase] = (try? loadManifest()) ?? []

  package static func loadManifest() throws -> [MalformedCase] {
    let data = try Data(contentsOf: URL(fileURLWithPath: root + "/manifest.json"))
    return try JSONDecoder().decode([MalformedCase].self, from: data)
  }

  package static let cycleStart = CalendarDate(iso: "2017-01-01")!
  package static let electionDate = CalendarDate(iso: "2018-11-06")!
  package static let levels: Set<String> = ["federal", "statewide", "state_legislative"]

  /// Runs a file through its reader.
  /// - Returns: the error text with the corpus folder removed, or nil if the input was accepted.
  package static func errorText(of item: MalformedCase) -> String? {
    do {
      try read(item)
      return nil
    } catch {
      return "\(error)".replacingOccurrences(of: root + "/", with: "")
    }
  }

  /// The readers a case can name: `districts`, `specials` (checked against `valid/districts.csv`),
  /// `generic-ballot` and `house-vote` (the other table from `valid/`), `config` (`ForecastConfig`),
  /// `inputs` (config and its tables) and `model` (inputs and the model `Forecaster` builds).
  package static func read(_ item: MalformedCase) throws {
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
      _ = try Forecaster(configPath: path).model()
    default:
      throw CorpusError(description: "unknown reader '\(item.reader)' for \(item.file)")
    }
  }

  package struct CorpusError: Error, CustomStringConvertible {
    package var description: String
  }
}
