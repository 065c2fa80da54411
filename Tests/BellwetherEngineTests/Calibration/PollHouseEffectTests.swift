import Foundation
import Testing
@testable import BellwetherEngine

/// docs/model.md §2.5, "House effects": a listed pollster's effect is subtracted from its polls
/// with bias and sponsor lean, so the evidence with house effects equals the evidence without them
/// on polls already shifted by their pollster's effect (an equivalence that does not go through
/// the adjustment line).
struct PollHouseEffectTests {
  static let day = CalendarDate(iso: "2018-11-05")!

  static func poll(_ seat: String, _ pollster: String, _ margin: Double, _ sponsor: Party? = nil) -> DistrictPoll {
    DistrictPoll(seat: seat, date: day.adding(days: -4), pollster: pollster, sampleSize: 600, margin: margin, sponsor: sponsor)
  }

  @Test func equalsTheEvidenceOfPollsPreShiftedByTheirEffect() throws {
    let effects = ["A": 2.5, "B": -1.25]  // C is not listed: no effect
    let polls = [Self.poll("AA-01", "A", 6), Self.poll("AA-01", "B", -4, .republican), Self.poll("AA-02", "C", 3.5),
                 Self.poll("AA-02", "A", 1, .democratic), Self.poll("AA-03", "B", -9.75)]
    let shifted = polls.map { p -> DistrictPoll in
      var p = p
      p.margin -= effects[p.pollster] ?? 0
      return p
    }
    var sigma = Matrix(rows: 3, columns: 3)
    for i in 0..<3 {
      for j in 0..<3 { sigma[i, j] = i == j ? 36 : 9 }
    }
    var withEffects = PollPriors(bias: 0.75, sponsorLean: 4, pollSD: 6, districtSD: 3, sharedSD: 2, maxAgeDays: 30)
    let without = withEffects
    withEffects.houseEffects = effects
    func evidence(_ polls: [DistrictPoll], _ priors: PollPriors) throws -> PollEvidence {
      try #require(PollEvidence.combine(polls: polls, asOf: Self.day, priors: priors, contestedIDs: ["AA-01", "AA-02", "AA-03"],
                                        base: [-2, 4, -8], sigma: sigma, environmentMean: 5, environmentSD: 2))
    }
    let a = try evidence(polls, withEffects), b = try evidence(shifted, without)
    // The numbers are multiples of 1/4, so both orders of subtraction are exact; 1e-12 leaves room anyway.
    #expect(a.seats.map(\.id) == b.seats.map(\.id) && a.pollsUsed == b.pollsUsed)
    for (s, t) in zip(a.seats, b.seats) {
      #expect(abs(s.average - t.average) < 1e-12 && abs(s.shift - t.shift) < 1e-12 && s.gain == t.gain)
    }
    #expect(abs(a.mean - b.mean) < 1e-12 && abs(a.sd - b.sd) < 1e-12 && abs(a.meanResidual - b.meanResidual) < 1e-12)
    // And the effects matter: without them AA-01's average (polls by A and B) is higher by the mean of
    // their effects, (2.5 − 1.25) / 2 = 0.625, and AA-02's (C and A) by 2.5 / 2.
    let c = try evidence(polls, without)
    #expect(abs(c.seats[0].average - a.seats[0].average - 0.625) < 1e-12)
    #expect(abs(c.seats[1].average - a.seats[1].average - 1.25) < 1e-12)
  }
}
