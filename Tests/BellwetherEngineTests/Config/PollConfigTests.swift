import Foundation
import Testing
@testable import BellwetherEngine

/// The `polls` table and `data.polls` (docs/model.md §2.5): read, validated, refused when missing.
struct PollConfigTests {
  static func config(data extra: String, polls: String?) -> String {
    """
    {
      chamber: { name: "T", seats: 2, majority: 2, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
      asOf: "2018-11-05",
      data: { districts: "d.csv", specials: "s.csv"\(extra) },
      environment: { prior: "fixed", mean: 0, sd: 1, nu: null },
      specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
      incumbency: { advantage: 0 },
      noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
      simulation: { draws: 1, seed: 1 },\(polls.map { "\n  polls: \($0)," } ?? "")
    }
    """
  }
  static func parse(_ text: String) throws -> ForecastConfig {
    try ForecastConfig.parse(data: Data(text.utf8), path: "/x/c.json5")
  }

  @Test func readsThePollsTable() throws {
    let c = try Self.parse(Self.config(data: ", polls: \"p.csv\"",
                                       polls: "{ bias: 1, sponsorLean: 6, pollSD: 7, districtSD: 5.5, sharedSD: 2.4, maxAgeDays: 60 }"))
    #expect(c.data.polls == "/x/p.csv")
    #expect(c.polls == PollPriors(bias: 1, sponsorLean: 6, pollSD: 7, districtSD: 5.5, sharedSD: 2.4, maxAgeDays: 60))
    // Without data.polls the model reads no polls.
    #expect(try Self.parse(Self.config(data: "", polls: nil)).polls == nil)
  }

  @Test func refusesMissingOrBadValues() {
    func keys(_ text: String) -> [String] {
      do { _ = try Self.parse(text); return [] } catch let e as InputErrors { return e.errors.compactMap(\.field) } catch { return ["?"] }
    }
    #expect(keys(Self.config(data: ", polls: \"p.csv\"", polls: nil)) == ["polls"])
    #expect(keys(Self.config(data: ", polls: \"p.csv\"",
                             polls: "{ bias: 1, sponsorLean: 6, pollSD: 0, districtSD: -1, sharedSD: 2, maxAgeDays: 1.5 }"))
            == ["polls.pollSD", "polls.districtSD", "polls.maxAgeDays"])
    #expect(keys(Self.config(data: ", polls: \"p.csv\"",
                             polls: "{ bias: 1, sponsorLean: 6, pollSD: 7, districtSD: 5, sharedSD: 2, maxAgeDays: 9, extra: 1 }"))
            == ["polls.extra"])
  }
}
