import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// `national.csv` is one row whose values are forecast.json's, read back from the written JSON.
struct NationalCSVTests {
  @Test func theRowEqualsForecastJSON() throws {
    let result = try SyntheticChamber.smallResult(draws: 2_000)
    let files = try ReportBundle.render(result)
    let json = try #require(files.first { $0.name == "forecast.json" }).contents
    let csv = String(decoding: try #require(files.first { $0.name == "national.csv" }).contents, as: UTF8.self)
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines[0] == NationalCSV.header.joined(separator: ","))
    let row = Dictionary(uniqueKeysWithValues: zip(NationalCSV.header, lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
    let doc = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    let run = try #require(doc["run"] as? [String: Any])
    let headline = try #require(doc["headline"] as? [String: Any])
    let environment = try #require(doc["environment"] as? [String: Any])
    let quantiles = try #require(headline["quantiles"] as? [String: Int])
    let chamber = try #require(run["chamber"] as? [String: Any])
    #expect(row["forecast_date"] == run["asOf"] as? String)
    #expect(row["cycle"] == String(try #require(chamber["electionDate"] as? String).prefix(4)))
    #expect(row["config"] == run["config"] as? String)
    #expect(row["engine_version"] == run["engineVersion"] as? String)
    // Numbers: the JSON's, rounded as the CSV writes them (4 decimals for a probability, 2 for
    // seats and points, 6 for a standard error; seats are integers).
    func fixed(_ any: Any?, _ digits: Int) throws -> String { String(format: "%.\(digits)f", try #require(any as? Double)) }
    let errors = try #require(doc["monteCarloErrors"] as? [String: Any])
    #expect(row["majority"] == (headline["majority"] as? Int).map(String.init))
    #expect(row["majority_probability"] == (try fixed(headline["majorityProbability"], 4)))
    #expect(row["mean_seats"] == (try fixed(headline["meanSeats"], 2)))
    #expect(row["median_seats"] == (headline["medianSeats"] as? Int).map(String.init))
    #expect(row["interval80_low"] == quantiles["10"].map(String.init))
    #expect(row["interval80_high"] == quantiles["90"].map(String.init))
    #expect(row["interval95_low"] == quantiles["2.5"].map(String.init))
    #expect(row["interval95_high"] == quantiles["97.5"].map(String.init))
    #expect(row["environment_posterior_mean"] == (try fixed(environment["posteriorMean"], 2)))
    #expect(row["environment_posterior_sd"] == (try fixed(environment["posteriorSD"], 2)))
    #expect(row["monte_carlo_errors_majority_probability"] == (try fixed(errors["majorityProbability"], 6)))
    // The 80% interval of forecast.json is the same p10/p90.
    #expect((headline["interval80"] as? [Int]) == [Int(row["interval80_low"]!)!, Int(row["interval80_high"]!)!])
    // Deterministic: the same run renders the same bytes.
    #expect(NationalCSV.render(result) == csv)
  }
}
