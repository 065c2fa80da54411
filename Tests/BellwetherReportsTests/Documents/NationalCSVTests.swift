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
    // Numbers: the JSON's, rounded as the CSV writes them (6 and 4 decimals; seats are integers).
    func fixed(_ any: Any?, _ digits: Int) throws -> String { String(format: "%.\(digits)f", try #require(any as? Double)) }
    #expect(row["p_dem_majority"] == (try fixed(headline["majorityProbability"], 6)))
    #expect(row["mean_dem_seats"] == (try fixed(headline["meanSeats"], 4)))
    #expect(row["median_dem_seats"] == (headline["medianSeats"] as? Int).map(String.init))
    #expect(row["dem_seats_p10"] == quantiles["10"].map(String.init))
    #expect(row["dem_seats_p90"] == quantiles["90"].map(String.init))
    #expect(row["dem_seats_p2_5"] == quantiles["2.5"].map(String.init))
    #expect(row["dem_seats_p97_5"] == quantiles["97.5"].map(String.init))
    #expect(row["environment_mean"] == (try fixed(environment["posteriorMean"], 4)))
    #expect(row["environment_sd"] == (try fixed(environment["posteriorSD"], 4)))
    // The 80% interval of forecast.json is the same p10/p90.
    #expect((headline["interval80"] as? [Int]) == [Int(row["dem_seats_p10"]!)!, Int(row["dem_seats_p90"]!)!])
    // Deterministic: the same run renders the same bytes.
    #expect(NationalCSV.render(result) == csv)
  }
}
