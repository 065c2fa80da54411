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

  @Test func thePageListsEveryFileTheRunWrites() throws {
    // The footer's list is the files rendered (national.csv among them), then the run's other files.
    let result = try SyntheticChamber.smallResult(draws: 2_000)
    let files = try ReportBundle.render(result, history: [], previousSeats: nil, alsoWritten: ["draws.csv.gz", "history.sqlite"])
    let html = String(decoding: try #require(files.first { $0.name == "report.html" }).contents, as: UTF8.self)
    let names = files.map(\.name) + ["draws.csv.gz", "history.sqlite"]
    #expect(names.contains("national.csv"))
    #expect(html.contains("The files of this run: " + names.map { "<code>\($0)</code>" }.joined(separator: ", ") + "."))
  }
}
