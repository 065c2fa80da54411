import Foundation
import Testing
@testable import BellwetherFit

/// `PollErrorFit` against moments computed by hand (docs/fit.md, "District polls").
struct PollErrorFitTests {
  @Test func momentsByHand() throws {
    func o(_ c: Int, _ s: String, _ e: Double, _ sp: Double = 0) -> PollObservation { PollObservation(cycle: c, seat: s, error: e, sponsor: sp) }
    // Cycle 1: seat A errors 1, 3 (nonpartisan), seat B 2 and a D-sponsored 9. Cycle 2: seat C -2, 0; seat D 4.
    let data = [o(1, "A", 1), o(1, "A", 3), o(1, "B", 2), o(1, "B", 9, 1), o(2, "C", -2), o(2, "C", 0), o(2, "D", 4)]
    let fit = try #require(PollErrorFit.fit(data))
    // bias: mean of 1, 3, 2, -2, 0, 4 = 8/6.
    let bias = 8.0 / 6
    #expect(abs(fit.bias - bias) < 1e-12)
    // sponsor lean: the one sponsored poll, 9 - bias.
    let lean = 9 - bias
    #expect(abs(fit.sponsorLean - lean) < 1e-12)
    // Adjusted a = e - bias (and - lean for the sponsored: 9 - bias - lean = 0 + ... = bias - bias = 0 -> a = 0).
    // A: 1-b, 3-b; B: 2-b, 9-b-lean = 0; C: -2-b, -b; D: 4-b.
    let A = [1 - bias, 3 - bias], B = [2 - bias, 0.0], C = [-2 - bias, -bias], D = [4 - bias]
    func m(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    func ss(_ x: [Double]) -> Double { let k = m(x); return x.reduce(0) { $0 + ($1 - k) * ($1 - k) } }
    let pollVar = (ss(A) + ss(B) + ss(C)) / 3
    #expect(abs(fit.pollSD - pollVar.squareRoot()) < 1e-12)
    // District: per cycle, (avg - cycle mean)^2 * k/(k-1) with k = 2 seats, averaged over 4 seats,
    // less pollVar * mean(1/n) = pollVar * (1/2 + 1/2 + 1/2 + 1) / 4.
    let c1 = m([m(A), m(B)]), c2 = m([m(C), m(D)])
    let spread = 2 * (pow(m(A) - c1, 2) + pow(m(B) - c1, 2) + pow(m(C) - c2, 2) + pow(m(D) - c2, 2)) / 4
    let districtVar = max(0, spread - pollVar * 2.5 / 4)
    #expect(abs(fit.districtSD - districtVar.squareRoot()) < 1e-12)
    // Shared: sample variance of (c1, c2) less the mean of districtVar/2 + pollVar * (sum 1/n)/4.
    let varMeans = pow(c1 - c2, 2) / 2
    let expected = ((districtVar / 2 + pollVar * 1.0 / 4) + (districtVar / 2 + pollVar * 1.5 / 4)) / 2
    #expect(abs(fit.sharedSD - max(0, varMeans - expected).squareRoot()) < 1e-12)
    #expect(fit.polls == 7 && fit.sponsored == 1 && fit.seats == 4 && fit.cycles == [1, 2])
  }

  @Test func tooFewPollsGiveNoFit() {
    #expect(PollErrorFit.fit([PollObservation(cycle: 1, seat: "A", error: 1, sponsor: 0)]) == nil)
    // Two polls, each its own seat: no within-seat spread, so no poll SD.
    #expect(PollErrorFit.fit([PollObservation(cycle: 1, seat: "A", error: 1, sponsor: 0),
                              PollObservation(cycle: 1, seat: "B", error: 2, sponsor: 0)]) == nil)
  }
}
