import Foundation
import Testing
import TestSupport
@testable import BellwetherBacktest
@testable import BellwetherEngine

/// The generic backtest path: a small cycle written here (config, districts with the optional
/// previous-race columns, specials, national series, results), read by its own tables alone.
@Suite struct CycleResultsTests {
  /// Four seats whose outcome no draw changes (leans of +-60 against district noise of SD 1 and a
  /// fixed prior N(0, 1)), one fixed seat, and a previous-race column on three of them.
  static func cycle(results: String) throws -> Forecaster {
    let folder = try TestSupport.folder(with: [
      "cycle.json5": """
        {
          chamber: { name: "Small 2014", seats: 5, majority: 3, cycleStart: "2013-01-01", electionDate: "2014-11-04" },
          asOf: "2014-11-03",
          data: { districts: "d.csv", specials: "s.csv", genericBallot: "gb.csv", houseVote: "hv.csv", results: "r.csv" },
          lean: { presidentialYear: 2012, nationalMargin: 3.9 },
          environment: { prior: "fixed", mean: 0, sd: 1, nu: null },
          specials: { alpha: "derived", beta: 0.5, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
          incumbency: { advantage: 4 },
          noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
          simulation: { draws: 2048, seed: 7 },
        }
        """,
      "d.csv": """
        id,state,region,lean,incumbent,status,held_by,note,prev_margin,prev_contest
        AA-01,AA,X,60,D,contested,D,,30.0,D_vs_R
        AA-02,AA,X,60,open,contested,R,,-4.0,D_vs_R
        BB-01,BB,X,-60,R,contested,R,,-50.0,R_no_D
        BB-02,BB,X,-60,D;R,contested,R,two members,,
        CC-01,CC,X,10,D,fixed-D,D,unopposed,,

        """,
      "s.csv": """
        date,state,seat,level,margin,lean,shift,source
        2013-06-04,AA,AA-02,federal,-2.0,-6.0,4.0,test

        """,
      "gb.csv": "date,cycle,dem,rep\n2014-11-01,2014,45,46\n",
      "hv.csv": "cycle,dem_margin_2p\n2012,1.2\n2014,-5.7\n",
      "r.csv": results,
    ])
    return try Forecaster(configPath: folder + "/cycle.json5")
  }

  static let results = """
    id,winner,margin,contest,note
    AA-01,D,25.0,D_vs_R,
    AA-02,R,-3.0,D_vs_R,
    BB-01,R,,R_no_D,
    BB-02,,,D_vs_R,recount
    CC-01,D,,D_no_R,

    """

  @Test("a cycle's own tables give its outcomes, its House vote and its previous results")
  func outcomesFromTheCycleTables() throws {
    let forecaster = try Self.cycle(results: Self.results)
    // alpha "derived" = (1 - 0.5) x 3.9.
    #expect(forecaster.config.priors.translationAlpha == 1.95)
    let data = try BacktestData.fromResults(of: forecaster)
    #expect(data.cycle == 2014 && data.publisher == nil && data.versions.isEmpty)
    #expect(data.outcomes.houseVoteMargin == -5.7)
    #expect(data.outcomes.seats.map(\.id) == ["AA-01", "AA-02", "BB-01", "BB-02", "CC-01"])
    #expect(data.outcomes.seats.map(\.winner) == [.democratic, .republican, .republican, nil, .democratic])
    #expect(data.outcomes.seats.map(\.contested) == [true, true, false, true, false])
    #expect(data.outcomes.undecided.map(\.id) == ["BB-02"])
    // Previous results: two-party races only (BB-01's was R_no_D), and not AA-02, which held a
    // federal special during the cycle. AA-01: 30.0 minus the 2012 House vote 1.2 = 28.8.
    #expect(data.previousResults.keys.sorted() == ["AA-01"])
    #expect(data.previousResults["AA-01"] == PreviousHouseResult(seat: "AA-01", winner: .democratic, relativeMargin: 28.8))
  }

  @Test("the backtest of the small cycle scores what a hand computes")
  func scoredByHand() throws {
    let forecaster = try Self.cycle(results: Self.results)
    let data = try BacktestData.fromResults(of: forecaster)
    let day = try #require(CalendarDate(iso: "2014-11-03"))
    let report = try Backtest.run(forecaster: forecaster, data: data, dates: [day], variants: [.standard], draws: 2048,
                                  threads: 1)
    let row = try #require(report.dates.first?.rows.first)
    // Leans of +-60 against SD 1: the model gives AA-01 and AA-02 to the Democrats and BB-01 to the
    // Republicans in every draw, CC-01 is fixed D. Decided seats: AA-01 (right), AA-02 (wrong: the
    // Republican won), BB-01 (right), CC-01 (right); BB-02 has no winner. Brier = (0 + 1 + 0 + 0) / 4.
    #expect(row.districts[.decided]?.brier == 0.25)
    #expect(row.districts[.decided]?.races == 4)
    // Contested (D vs R, decided): AA-01 and AA-02 only: (0 + 1) / 2.
    #expect(row.districts[.contested]?.brier == 0.5)
    // The Democrats won AA-01 and CC-01; the model gives them AA-01, AA-02, CC-01 and BB-02 (lean -60
    // but BB-02 is D;R, no incumbency term either way, and -60 still loses): 3 seats every draw.
    #expect(report.actual.democraticSeats == 2)
    #expect(row.seats.mean == 3)
    #expect(report.publisher == nil)
    #expect(BacktestMarkdown.render(report).contains("no published forecasts of this cycle"))
  }

  @Test("a results row for a seat not in the chamber, or a winner against its margin, is refused with its line")
  func badResults() throws {
    var text = Self.results.replacingOccurrences(of: "CC-01,D,,D_no_R,", with: "ZZ-09,D,,D_no_R,")
    var error = try #require(throws: InputError.self) { try BacktestData.fromResults(of: try Self.cycle(results: text)) }
    #expect(error.line == 6 && error.field == "id")
    text = Self.results.replacingOccurrences(of: "AA-02,R,-3.0", with: "AA-02,R,3.0")
    error = try #require(throws: InputError.self) { try BacktestData.fromResults(of: try Self.cycle(results: text)) }
    #expect(error.line == 3 && error.field == "margin")
  }

  @Test("backtests of several cycles gather into one table and pool their seats")
  func acrossCycles() throws {
    let forecaster = try Self.cycle(results: Self.results)
    let data = try BacktestData.fromResults(of: forecaster)
    let day = try #require(CalendarDate(iso: "2014-11-03"))
    let report = try Backtest.run(forecaster: forecaster, data: data, dates: [day], variants: [.standard], draws: 2048,
                                  threads: 1)
    // The same cycle twice: the pooled scores are the single cycle's, over twice the seats.
    let both = try CrossCycleBacktest([(report, data.outcomes), (report, data.outcomes)])
    #expect(both.cycles.count == 2 && both.pooled.races == 8)
    #expect(both.pooled.brier == 0.25)
    #expect(both.cycles[0].seats.actual == 2 && both.cycles[0].houseVoteMargin == -5.7)
    let text = CrossCycleMarkdown.render(both)
    // Always 3 seats against 2 won: percentile P(S < 2) + P(S = 2) / 2 = 0; log loss: AA-02's 1 is
    // clipped to 1 - 1e-4 and lost, -ln(1e-4) / 4 = 2.303 nats.
    #expect(text.contains(" | R+5.7 | 3.0 | 3–3 | 2 | **no** | 0% | 100.0% | 0.2500 | 2.303 | 1 | — |"))
    #expect(text.contains("Pooled over 8 decided seats of 2 cycles: Brier 0.2500"))
    // Neither count inside its interval: with calibrated 80% intervals, P(0 of 2) = 0.2^2 = 0.04.
    #expect(both.honesty.inside80 == 0 && both.honesty.cycles == 2 && abs(both.honesty.inside80Probability - 0.04) < 1e-12)
    #expect(text.contains("Actual seat count inside the 80% interval in 0 of 2 cycles; with calibrated intervals, at most 0 of 2 happens with probability 0.04."))
    let svg = ReliabilityChart.render(both)
    #expect(svg.hasPrefix("<svg") && svg.contains("Every cycle pooled"))
  }
}
