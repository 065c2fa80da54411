import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

/// Inputs for the report, scenario and history tests: a small synthetic chamber built in code, and
/// the repository's real 2018 config.
enum ReportFixtures {
  /// The repository root (two levels above this file's folder).
  static let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The real 2018 House inputs from `config/house-2018.json5`.
  static func house2018() throws -> ForecastInputs {
    try ForecastInputs.load(config: try ForecastConfig.load(path: repositoryRoot + "/config/house-2018.json5"))
  }

  /// A chamber of `seats` seats (majority `seats / 2 + 1`), leans spread evenly over -20...+20 in
  /// four states and two regions, alternating incumbents, the first seat fixed to the Democrats and
  /// the last to the Republicans; a fixed environment prior N(2, 2^2), t with 5 degrees of freedom;
  /// twelve specials between 2018-02-01 and 2018-10-01.
  static func smallInputs(seats: Int = 41, draws: Int = 50_000, seed: UInt64 = 7) -> ForecastInputs {
    let priors = ModelPriors(
      environmentPrior: .fixed(mean: 2, sd: 2), environmentNu: 5, translationAlpha: 1, translationBeta: 0.4, translationSD: 3,
      recencyHalfLifeDays: 180, specialSamplingSD: 5, levelWeights: ["federal": 1, "state_legislative": 0.5],
      incumbencyAdvantage: 3, noiseScaleFromTau: 0.5, noiseMinimumSD: 5,
      noiseShares: .init(state: 0.25, region: 0.1, lean: 0.15, idiosyncratic: 0.5), kernelLength: 10, noiseNu: 8)
    let start = CalendarDate(iso: "2017-01-01")!, election = CalendarDate(iso: "2018-11-06")!
    let config = ForecastConfig(
      path: "/synthetic/test.json5",
      chamber: Chamber(name: "Test chamber", seats: seats, majority: seats / 2 + 1, cycleStart: start, electionDate: election),
      asOf: CalendarDate(iso: "2018-11-05")!,
      data: .init(districts: "/synthetic/districts.csv", specials: "/synthetic/specials.csv", genericBallot: nil, houseVote: nil),
      priors: priors, draws: draws, seed: seed)
    let states = ["AA", "BB", "CC", "DD"]
    var districts: [District] = []
    for i in 0..<seats {
      let lean = -20 + 40 * Double(i) / Double(seats - 1)
      let status: District.Status = i == 0 ? .fixed(.republican) : (i == seats - 1 ? .fixed(.democratic) : .contested)
      let incumbent: Party? = i % 3 == 0 ? nil : (lean > 0 ? .democratic : .republican)
      districts.append(District(id: String(format: "%@-%02d", states[i % 4], i + 1), state: states[i % 4],
                                region: i % 4 < 2 ? "East" : "West", lean: lean, incumbent: incumbent, status: status,
                                heldBy: lean > 0 ? .democratic : .republican))
    }
    let shifts = [4.0, -3, 9, 12, 1, 6, 15, -6, 8, 3, 11, 5]
    let specials = shifts.enumerated().map { i, x in
      SpecialElection(date: CalendarDate(iso: "2018-02-01")!.adding(days: 20 * i), state: states[i % 4], seat: "HD-\(i + 1)",
                      level: i % 2 == 0 ? "federal" : "state_legislative", margin: nil, lean: nil, shift: x, source: "test")
    }
    return ForecastInputs(config: config, districts: districts, specials: specials, national: nil,
                          hashes: ["config": String(repeating: "a", count: 64), "districts.csv": String(repeating: "b", count: 64)])
  }

  /// A finished run of the small chamber.
  static func smallResult(draws: Int = 50_000, seed: UInt64 = 7, environment: Double? = nil, threads: Int = 2) throws -> ForecastResult {
    let model = try ForecastModel.build(inputs: smallInputs(draws: draws, seed: seed), environment: environment)
    return ForecastRun.execute(model, threads: threads)!
  }
}

/// Collects the elements of an XML document (names and attributes, in document order), and fails
/// on malformed XML: the charts' well-formedness check, with Foundation's XMLParser (libxml2).
final class XMLElements: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
  }
  var elements: [Element] = []
  var error: Error?
  var texts: [String] = []

  /// Parses `text`; nil when it is not well-formed XML.
  static func parse(_ text: String) -> XMLElements? {
    let collector = XMLElements()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    guard parser.parse(), collector.error == nil else { return nil }
    return collector
  }

  func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) {
    elements.append(Element(name: elementName, attributes: attributes))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

  /// Elements with this name whose `class` attribute contains `cls` (as a whole word).
  func all(_ name: String, class cls: String? = nil) -> [Element] {
    elements.filter { e in
      e.name == name && (cls == nil || (e.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls!)))
    }
  }
}

extension XMLElements.Element {
  /// A numeric attribute.
  func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
}
