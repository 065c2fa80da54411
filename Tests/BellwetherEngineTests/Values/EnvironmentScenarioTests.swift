import Testing
@testable import BellwetherEngine

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
}
