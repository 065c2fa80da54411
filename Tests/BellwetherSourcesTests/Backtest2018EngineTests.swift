import Foundation
import Testing
import TestSupport
@testable import BellwetherBacktest
@testable import BellwetherEngine
@testable import BellwetherSources

/// Runs the real 2018 config on November 5 with few draws (20,000) and checks the plumbing against
/// independent computations (skipped without ../shared/data).
@Suite("2018 backtest run", .tags(.slow), .skippedInFastRuns, .enabled(if: Backtest2018Data.available, "needs ../shared/data"))
struct Backtest2018EngineTests {
  @Test("environment rows, specials before the date only, and scores recomputed from the probabilities")
  func eve() throws {
    let eve = try #require(CalendarDate(iso: "2018-11-05"))
    // The environment rows are checked against the prior and the specials alone, so the district
    // polls (docs/model.md §2.5), which condition every row's environment further, are left out here
    // (PollEvidenceModelTests checks them on the same config).
    var withoutPolls = try Forecaster(configPath: TestSupport.defaultConfig).inputs
    withoutPolls.polls = []
    let forecaster = Forecaster(inputs: withoutPolls)
    let inputs = forecaster.inputs, config = forecaster.config
    let data = try Backtest2018Source.load(folder: TestSupport.sharedData, dates: [eve])
    let report = try Backtest.run(forecaster: forecaster, data: data, dates: [eve], variants: [.standard, .priorOnly, .specialsOnly],
                                  draws: 20_000, threads: 2)
    let date = try #require(report.dates.first)
    let e = date.environment

    // Only specials held before the as-of date, with a positive weight, are used.
    let before = inputs.specials.filter { $0.date < eve && (config.priors.levelWeights[$0.level] ?? 0) > 0 }
    #expect(e.specialsUsed == before.count)
    #expect(!inputs.specials.filter { $0.date >= eve }.isEmpty)  // the election-day specials exist and are left out

    // The three environment rows, and their combination.
    let rows = Dictionary(uniqueKeysWithValues: date.rows.map { ($0.version, $0) })
    #expect(rows["prior"]?.environmentMean == e.priorMean)
    #expect(rows["specials"]?.environmentMean == e.translatedMean)
    #expect(rows["default"]?.environmentMean == e.posteriorMean)
    // The combination by a second method: prior times the translated specials' likelihood,
    // integrated numerically on a grid (TestSupport.normalPosteriorByQuadrature, whose comment
    // derives its error: well under 1e-9), not the precision-weighted formula the engine uses.
    let posterior = TestSupport.normalPosteriorByQuadrature(
      priorMean: e.priorMean, priorSD: e.priorSD, likelihoodMean: try #require(e.translatedMean),
      likelihoodSD: try #require(e.translatedSD))
    #expect(abs(e.posteriorMean - posterior.mean) < 1e-9)
    #expect(abs(e.posteriorSD - posterior.sd) < 1e-9)

    for row in date.rows {
      // Mean seats equal the sum of the seats' win probabilities: exactly for Bellwether (both count
      // the same draws); for 538 within its rounding (435 probabilities printed to 4 decimals: 0.022).
      let tolerance = row.forecaster == "Bellwether" ? 1e-6 : 435 * 0.00005
      #expect(abs(row.seats.mean - row.probabilities.values.reduce(0, +)) < tolerance, "\(row.label)")
      // Brier over the decided seats, recomputed in a loop.
      var sum = 0.0
      for seat in data.outcomes.seats where seat.winner != nil {
        let p = try #require(row.probabilities[seat.id])
        sum += (p - (seat.winner == .democratic ? 1 : 0)) * (p - (seat.winner == .democratic ? 1 : 0))
      }
      #expect(abs(try #require(row.districts[.decided]).brier - sum / 434) < 1e-12, "\(row.label)")
      #expect(row.seats.actual == 235)
    }
    #expect(date.rows.suffix(3).map(\.label) == ["FiveThirtyEight Lite", "FiveThirtyEight Classic", "FiveThirtyEight Deluxe"])
  }
}
