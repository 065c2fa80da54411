import Foundation
import Testing
@testable import BellwetherEngine

/// `polls.houseEffects` (docs/model.md §2.5, "House effects"): optional, a table of pollster name to
/// points; a bad entry is refused with its key.
struct PollHouseEffectsConfigTests {
  static func config(_ houseEffects: String?) -> String {
    PollConfigTests.config(data: ", polls: \"p.csv\"",
                           polls: "{ bias: 1, sponsorLean: 6, pollSD: 7, districtSD: 5.5, sharedSD: 2.4, maxAgeDays: 60"
                             + (houseEffects.map { ",\n    houseEffects: \($0)" } ?? "") + " }")
  }

  static func problems(_ text: String) -> [InputError] {
    do { _ = try PollConfigTests.parse(text); return [] } catch let e as InputErrors { return e.errors } catch {
      return [InputError(file: "?", expected: "InputErrors", foundDescription: "\(error)")]
    }
  }

  @Test func readsTheTable() throws {
    let c = try PollConfigTests.parse(Self.config(#"{ "SurveyUSA": -0.7, "Research & Polling Inc.": 1.25, "Øptimus": 0 }"#))
    #expect(c.polls?.houseEffects == ["SurveyUSA": -0.7, "Research & Polling Inc.": 1.25, "Øptimus": 0])
    #expect(c.polls?.houseEffect(of: "SurveyUSA") == -0.7)
    #expect(c.polls?.houseEffect(of: "Unlisted") == 0)
    // Absent: no house effects, the priors as before the key existed.
    let plain = try PollConfigTests.parse(Self.config(nil))
    #expect(plain.polls == PollPriors(bias: 1, sponsorLean: 6, pollSD: 7, districtSD: 5.5, sharedSD: 2.4, maxAgeDays: 60))
    #expect(plain.polls?.houseEffects.isEmpty == true)
  }

  @Test func refusesABadValueNamingTheKey() throws {
    let bad = Self.problems(Self.config(#"{ "SurveyUSA": 25, "Zogby": "high", "Fine": 1 }"#))
    #expect(bad.map(\.field) == ["polls.houseEffects.SurveyUSA", "polls.houseEffects.Zogby"])
    let message = try #require(bad.first).description
    #expect(message.contains("polls.houseEffects.SurveyUSA") && message.contains("a house effect in -20...20 (points toward D)")
            && message.contains("25"))
    #expect(message.contains("/x/c.json5") && bad.first?.line == 11)
    let notATable = Self.problems(Self.config("3"))
    #expect(notATable.map(\.field) == ["polls.houseEffects"])
    #expect(try #require(notATable.first).description.contains("a table of pollster name: house effect"))
  }
}
