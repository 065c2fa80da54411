import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The whole report set of the real 2018 config.
struct ReportBundleTests {
  @Test(.tags(.slow), .skippedInFastRuns) func defaultReportIsByteIdenticalForAnyThreadCount() throws {
    let forecaster = try Forecaster(configPath: TestSupport.defaultConfig)
    let model = try forecaster.model(ForecastOptions(draws: 12_000, seed: 99))
    let one = try ReportBundle.render(try #require(Forecaster.run(model, threads: 1)))
    let two = try ReportBundle.render(try #require(Forecaster.run(model, threads: 2)))
    let five = try ReportBundle.render(try #require(Forecaster.run(model, threads: 5)))
    #expect(Array(one.map(\.name).prefix(5)) == ["forecast.json", "districts.csv", "national.csv", "summary.md", "report.html"])
    for i in one.indices {
      #expect(one[i].contents == two[i].contents)
      #expect(one[i].contents == five[i].contents)
    }
    let doc = try JSONSerialization.jsonObject(with: one[0].contents) as? [String: Any]
    #expect(doc?["schema"] as? String == "bellwether.forecast/1")
    // A different seed gives a different report.
    let other = try forecaster.model(ForecastOptions(draws: 12_000, seed: 100))
    #expect(try ReportBundle.render(try #require(Forecaster.run(other, threads: 2)))[0].contents != one[0].contents)
  }
}
