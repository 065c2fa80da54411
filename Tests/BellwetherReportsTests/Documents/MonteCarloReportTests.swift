import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The Monte Carlo errors as forecast.json, summary.md and report.html give them.
struct MonteCarloReportTests {
  static let result: ForecastResult = try! SyntheticChamber.smallResult(draws: 20_000)

  /// Equal to 1e-12 relative: Foundation's JSON parser on Linux may read the last digit differently.
  static func close(_ a: Any?, _ b: Double?) -> Bool {
    guard let a = a as? Double, let b else { return false }
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
  }

  @Test func errorsAreFormattedToOneSignificantDigit() {
    #expect(Formats.percentError(0.000496) == "± 0.05%")
    #expect(Formats.percentError(0.0123) == "± 1%")
    #expect(Formats.error(0.0123) == "0.01" && Formats.error(2.3) == "2" && Formats.error(0) == "0")
    #expect(Formats.percent(0.437, standardError: 0.000496) == "43.7% ± 0.05%")
    #expect(Formats.percent(0.437, standardError: nil) == "43.7%")
    #expect(Formats.seats(203, range: .init(level: 0.1, levelStandardError: 0.001, low: 203, high: 203)) == "203")
    #expect(Formats.seats(196, range: .init(level: 0.025, levelStandardError: 0.001, low: 195, high: 196)) == "196 (195–196)")
  }

  @Test func forecastJSONHoldsTheErrorsBesideTheUnchangedFigures() throws {
    let data = try ForecastDocument(result: Self.result).encoded()
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let e = Self.result.errors
    let mc = try #require(json["monteCarloErrors"] as? [String: Any])
    #expect(mc["draws"] as? Int == 20_000)
    #expect(Self.close(mc["majorityProbability"], e.majorityProbability))
    #expect(Self.close(mc["meanSeats"], e.meanSeats) && Self.close(mc["expectedNetChange"], e.meanSeats))
    #expect(mc["method"] as? String == ForecastDocument.MonteCarloErrorsSection.methodText)
    let p = Self.result.seats.majorityProbability
    #expect(abs(e.majorityProbability - (p * (1 - p) / 20_000).squareRoot()) < 1e-15)
    let quantiles = try #require(mc["quantiles"] as? [String: [String: Any]])
    #expect(Set(quantiles.keys) == ["2.5", "10", "25", "50", "75", "90", "97.5"])
    let q10 = try #require(quantiles["10"])
    #expect(q10["low"] as? Int == e.quantile(0.1)!.low && q10["high"] as? Int == e.quantile(0.1)!.high)
    #expect((mc["interval80"] as? [[Int]]) == [[e.quantile(0.1)!.low, e.quantile(0.1)!.high], [e.quantile(0.9)!.low, e.quantile(0.9)!.high]])
    // The headline is unchanged: the same figures under the same keys.
    let headline = try #require(json["headline"] as? [String: Any])
    #expect(Self.close(headline["majorityProbability"], p) && Self.close(headline["meanSeats"], Self.result.seats.mean))
    // Each seat's errors beside its figures.
    let districts = try #require(json["districts"] as? [[String: Any]])
    for (row, d) in zip(districts, Self.result.districts) {
      let w = d.democraticWinProbability
      #expect(Self.close(row["democraticWinProbabilityStandardError"], (w * (1 - w) / 20_000).squareRoot()) || w * (1 - w) == 0)
      #expect(Self.close(row["tippingProbabilityStandardError"], d.tippingProbabilityStandardError) || d.tippingProbability == 0)
    }
    let tipping = try #require(json["tippingPoint"] as? [[String: Any]])
    #expect(!tipping.isEmpty && tipping.allSatisfy { $0["standardError"] is Double })
    // Old documents (without the new fields) still decode.
    var old = json
    old["monteCarloErrors"] = nil
    let decoded = try JSONDecoder().decode(ForecastDocument.self, from: JSONSerialization.data(withJSONObject: old))
    #expect(decoded.monteCarloErrors == nil)
  }

  @Test func summaryAndPageShowTheErrorsBesideTheFigures() {
    let e = Self.result.errors
    let s = Self.result.seats
    let summary = SummaryMarkdown.render(Self.result)
    #expect(summary.contains("**\(Formats.percent(s.majorityProbability))** \(Formats.percentError(e.majorityProbability)) |"))
    #expect(summary.contains("\(String(format: "%.1f", s.mean)) ± \(Formats.error(e.meanSeats)) / \(s.median)"))
    #expect(summary.contains(MonteCarloText.standardErrors(Self.result)) && summary.contains(MonteCarloText.quantileRanges(Self.result)))
    #expect(summary.contains("Monte Carlo error of these 20,000 draws"))
    let html = ReportHTML.render(Self.result)
    #expect(html.contains("Monte Carlo error \(Formats.percentError(e.majorityProbability))"))
    #expect(html.contains(SVGDocument.escape(MonteCarloText.standardErrors(Self.result))))
    #expect(html.contains("<th scope=\"row\">Monte Carlo error</th>"))
    #expect(html.contains("Democratic seats held · Monte Carlo error ± \(Formats.error(e.meanSeats))"))
    let terminal = TerminalSummary.render(Self.result, files: [])
    #expect(terminal.contains("\(Formats.percent(s.majorityProbability)) \(Formats.percentError(e.majorityProbability))"))
  }

  @Test func aTargetRunWritesTheBytesOfAPlainRunOfItsDraws() throws {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs()).model(ForecastOptions(draws: 1_000))
    let target = try #require(Forecaster.run(model, targetStandardError: 0.003, maximumDraws: 1_000_000, threads: 2))
    var plain = model
    plain.plan = model.plan.replacing(draws: target.model.plan.draws)
    let direct = try #require(Forecaster.run(plain, threads: 1))
    let a = try ReportBundle.render(target), b = try ReportBundle.render(direct)
    #expect(a.map(\.name) == b.map(\.name))
    for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name)") }
  }
}

/// Counts in text a person reads carry thousands separators; the scenario summary says it is one.
struct TerminalTextTests {
  @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (200_000, "200,000"), (1_000_000, "1,000,000"), (-12_345, "-12,345")])
  func thousandsSeparators(n: Int, text: String) {
    #expect(Formats.count(n) == text)
  }

  @Test func aScenarioSummaryIsLabelledAndCountsAreGrouped() throws {
    let forecaster = Forecaster(inputs: try SyntheticChamber.smallInputs())
    let scenario = try #require(Forecaster.run(try forecaster.model(ForecastOptions(draws: 2_000, environment: 5.3)), threads: 1))
    let text = TerminalSummary.render(scenario, files: [])
    #expect(text.hasPrefix("Scenario (national environment fixed at D+5.3): ") && text.contains("(2,000 draws"), "\(text)")
    #expect(text.contains("Environment (scenario): D+5.3"))
    let plain = try #require(Forecaster.run(try forecaster.model(ForecastOptions(draws: 2_000)), threads: 1))
    #expect(!TerminalSummary.render(plain, files: []).contains("cenario"))
  }
}

/// Which estimator ran, as forecast.json and summary.md say it (docs/model.md §4.3).
struct EstimatorReportTests {
  @Test func aConditionalRunSaysSoAndASampledRunIsUnchanged() throws {
    let forecaster = Forecaster(inputs: SyntheticChamber.smallInputs(draws: 4096, seed: 7))
    let conditional = try #require(try forecaster.forecast(ForecastOptions(estimator: .conditional), threads: 2))
    let sampled = try #require(try forecaster.forecast(ForecastOptions(), threads: 2))
    func run(_ result: ForecastResult) throws -> [String: Any] {
      let json = try #require(try JSONSerialization.jsonObject(with: try ForecastDocument(result: result).encoded()) as? [String: Any])
      return try #require(json["run"] as? [String: Any])
    }
    #expect(try run(conditional)["estimator"] as? String == "conditional")
    #expect(try run(sampled)["estimator"] == nil)
    #expect(SummaryMarkdown.render(conditional).contains("Estimator: conditional (Rao-Blackwellised, docs/model.md §4.3)"))
    #expect(!SummaryMarkdown.render(sampled).contains("Estimator:"))
    // The conditional figures are what the report shows: the headline and the seats' chances.
    #expect(conditional.seats.majorityProbability != sampled.seats.majorityProbability)
    let sums = try #require(conditional.tallies.conditional)
    #expect(conditional.seats.majorityProbability
      == ConditionalTallies.meanAndError(sum: sums.majoritySum, squares: sums.majoritySquares, draws: 4096).mean)
  }
}
