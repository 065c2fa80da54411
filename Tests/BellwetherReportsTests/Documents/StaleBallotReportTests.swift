import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// A stale generic-ballot average used under `environment.staleBallot: "warn"` is said in every
/// report that states the prior: forecast.json (`environment.prior.staleWarning` and its method),
/// summary.md and report.html; a fresh one adds nothing.
struct StaleBallotReportTests {
  @Test func aWarnedStaleAverageIsInEveryReport() throws {
    let config = TestSupport.malformedCorpus + "/accepted/generic-ballot-stale-warn.json5"
    let model = try Forecaster(configPath: config).model(ForecastOptions(draws: 2000))
    let warning = try #require(model.prior.staleWarning)
    #expect(warning.hasPrefix("STALE generic-ballot average: the latest is from 2017-07-01, 492 days before the as-of date 2018-11-05"))
    let result = try #require(Forecaster.run(model, threads: 1))
    let files = Dictionary(uniqueKeysWithValues: try ReportBundle.render(result).map { ($0.name, String(decoding: $0.contents, as: UTF8.self)) })
    let forecastJSON = try #require(files["forecast.json"])
    let json = try JSONSerialization.jsonObject(with: Data(forecastJSON.utf8)) as? [String: Any]
    let prior = try #require((json?["environment"] as? [String: Any])?["prior"] as? [String: Any])
    #expect(prior["staleWarning"] as? String == warning)
    #expect((prior["method"] as? String)?.contains(warning) == true)
    #expect(files["summary.md"]?.contains(warning) == true)
    // report.html escapes the quotes of `"warn"`.
    #expect(files["report.html"]?.contains(warning.replacingOccurrences(of: "\"", with: "&quot;")) == true)

    // The shipped 2018 config: its last average is of the as-of date itself.
    let fresh = try Forecaster(configPath: TestSupport.defaultConfig).model(ForecastOptions(draws: 2000))
    #expect(fresh.prior.staleWarning == nil)
    let freshResult = try #require(Forecaster.run(fresh, threads: 1))
    let freshFiles = try ReportBundle.render(freshResult)
    let freshJSON = String(decoding: freshFiles[0].contents, as: UTF8.self)
    #expect(!freshJSON.contains("staleWarning") && !freshJSON.contains("STALE"))
  }
}
