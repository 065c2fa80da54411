import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

struct EnvironmentScenarioTests {
  @Test(arguments: [("D+5", 5.0), ("R+2", -2.0), ("r+2.5", -2.5), ("d+0.25", 0.25), (" D+7 ", 7.0), ("EVEN", 0.0),
                    ("even", 0.0), ("D+60", 60.0), ("R+0", 0.0), ("D+.5", 0.5)])
  func parsesPartyPlusPoints(text: String, value: Double) throws {
    #expect(try EnvironmentScenario.parse(text) == value)
  }

  @Test(arguments: ["", "5", "+5", "-2", "D5", "D-5", "D+-5", "X+3", "D+", "D+nan", "D+inf", "D+1e1", "D+5.5.5",
                    "D+60.5", "DR+3", "D+ 5", "D+٣"])
  func refusesAnythingElseWithAClearMessage(text: String) {
    #expect(throws: EnvironmentScenario.ParseError(text: text)) { try EnvironmentScenario.parse(text) }
    let message = EnvironmentScenario.ParseError(text: text).description
    #expect(message.contains("D+5") && message.contains("R+2.5") && message.contains("'\(text)'"))
  }

  @Test func formatsBothWaysRound() throws {
    #expect(EnvironmentScenario.format(5) == "D+5.0")
    #expect(EnvironmentScenario.format(-2.54, digits: 2) == "R+2.54")
    #expect(EnvironmentScenario.format(0.01) == "EVEN")
    for v in [-12.5, -0.5, 3.0, 17.25] {
      #expect(try EnvironmentScenario.parse(EnvironmentScenario.format(v, digits: 2)) == v)
    }
  }

  @Test func parsesRanges() throws {
    #expect(try EnvironmentScenario.parseRange("R+5..D+15") == -5...15)
    #expect(throws: EnvironmentScenario.ParseError.self) { try EnvironmentScenario.parseRange("D+5..R+5") }
    #expect(throws: EnvironmentScenario.ParseError.self) { try EnvironmentScenario.parseRange("D+5") }
  }

  @Test func aFixedEnvironmentPinsEveryDraw() throws {
    // ForecastModel.build(environment:) is the scenario: every draw has E = 4 exactly.
    let result = try ReportFixtures.smallResult(draws: 3_000, environment: 4)
    #expect(result.model.plan.environmentSD == 0 && result.model.plan.environmentMean == 4)
    #expect(result.environmentDrawMean == 4)
    let row = result.model.plan.seats + 1
    let bin = Int((4 + SimulationPlan.environmentRange) / SimulationPlan.environmentBinWidth)
    #expect(result.tallies.environmentSeats[(bin * row)..<((bin + 1) * row)].reduce(0, +) == 3_000)
  }

  @Test func theEnvironmentSumRoundsToTheNearestFixedPointStep() throws {
    // E fixed at -3.0009: each draw adds round(-3.0009 * 1024) = round(-3072.92) = -3073 steps of
    // 1/1024 point, so the mean is -3073 / 1024 exactly (rounding toward zero would give -3).
    let result = try ReportFixtures.smallResult(draws: 2_000, environment: -3.0009)
    #expect(result.environmentDrawMean == -3073.0 / 1024)
    #expect(abs(result.environmentDrawMean - -3.0009) <= 0.5 / 1024)
  }
}
