import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// `districts.csv`'s leading run columns (FiveThirtyEight's house_district_forecast.csv convention)
/// and the engine version shared with forecast.json and `bellwether --version`.
struct DistrictsCSVTests {
  @Test func districtNumberIsTheIdSuffix() {
    #expect(DistrictsCSV.district("PA-07") == "7")
    #expect(DistrictsCSV.district("AK-01") == "1")
    #expect(DistrictsCSV.district("CA-52") == "52")
    #expect(DistrictsCSV.district("HD-101") == "101")
    #expect(DistrictsCSV.district("AK-AL") == "AL")
    #expect(DistrictsCSV.district("Seat") == "")
  }

  @Test func leadingColumnsCarryTheRunAndEveryRowItsSeat() throws {
    let result = try SyntheticChamber.smallResult(draws: 2_000)
    let text = DistrictsCSV.render(result)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    #expect(lines[0] == "forecast_date,cycle,config,engine_version,state,district,id,region,status,incumbent,lean,"
      + "base_margin,democratic_win_probability,democratic_win_probability_standard_error,mean_margin,margin10,margin90,"
      + "tipping_probability,tipping_probability_standard_error,note")
    #expect(lines.count == 1 + result.districts.count)
    let document = try JSONSerialization.jsonObject(with: try ForecastDocument(result: result).encoded()) as? [String: Any]
    let run = try #require(document?["run"] as? [String: Any])
    #expect(run["engineVersion"] as? String == EngineVersion.text)
    #expect(EngineVersion.text == "\(EngineVersion.release)+stream\(SimulationPlan.streamVersion)")
    for (line, d) in zip(lines.dropFirst(), result.districts) {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      // The synthetic chamber: as of 2018-11-05, election 2018-11-06, config /synthetic/test.json5.
      #expect(Array(f.prefix(4)) == ["2018-11-05", "2018", "test.json5", EngineVersion.text])
      #expect(f[4] == d.state && f[6] == d.id && f[7] == d.region)
      #expect(Int(f[5]) == Int(d.id.split(separator: "-").last!)!)
      #expect(f[12] == String(format: "%.4f", d.democraticWinProbability))
    }
    #expect(run["config"] as? String == "test.json5")
    #expect(run["asOf"] as? String == "2018-11-05")
  }
}
