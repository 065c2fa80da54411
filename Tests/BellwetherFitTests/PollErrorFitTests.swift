import Foundation
import Testing
import BellwetherEngine
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
    // SEs (normal theory, delta method): SE(s) = V sqrt(2 / d) / (2 s). Poll SD: V = pollVar, d = 3
    // within-seat degrees of freedom; district SD: V = spread, d = 4 seats; shared SD: V = varMeans,
    // d = 1 (two cycles), nil when the clamp leaves it 0.
    let pollSE = pollVar * (2.0 / 3).squareRoot() / (2 * pollVar.squareRoot())
    #expect(abs(try #require(fit.pollSDSE) - pollSE) < 1e-12)
    if districtVar > 0 {
      #expect(abs(try #require(fit.districtSDSE) - spread * (2.0 / 4).squareRoot() / (2 * districtVar.squareRoot())) < 1e-12)
    } else {
      #expect(fit.districtSDSE == nil)
    }
    let sharedVar = max(0, varMeans - expected)
    if sharedVar > 0 {
      #expect(abs(try #require(fit.sharedSDSE) - varMeans * 2.0.squareRoot() / (2 * sharedVar.squareRoot())) < 1e-12)
    } else {
      #expect(fit.sharedSDSE == nil)
    }
  }

  @Test func tooFewPollsGiveNoFit() {
    #expect(PollErrorFit.fit([PollObservation(cycle: 1, seat: "A", error: 1, sponsor: 0)]) == nil)
    // Two polls, each its own seat: no within-seat spread, so no poll SD.
    #expect(PollErrorFit.fit([PollObservation(cycle: 1, seat: "A", error: 1, sponsor: 0),
                              PollObservation(cycle: 1, seat: "B", error: 2, sponsor: 0)]) == nil)
  }
}

/// `PollHistoryTable`: errors are poll minus result, and a bad row names file, line and field.
struct PollHistoryTableTests {
  static let header = "cycle,seat,date,pollster,sponsor,margin,result_margin\n"

  @Test func rowsBecomeErrorsWithTheirSponsor() throws {
    let text = Self.header + "2002,NY-01,2002-10-20,A,,4.5,1.5\n2004,CA-10,2004-10-01,B,R,-10,-2\n"
    let polls = try PollHistoryTable.read(CSVTable(data: Data(text.utf8), file: "h.csv"))
    #expect(polls == [PollObservation(cycle: 2002, seat: "NY-01", error: 3, sponsor: 0, pollster: "A"),
                      PollObservation(cycle: 2004, seat: "CA-10", error: -8, sponsor: -1, pollster: "B")])
  }

  @Test(arguments: [
    ("2003,NY-01,2002-10-20,A,,4.5,1.5", "field 'cycle': expected an even election year"),
    ("2002,NY-01,2002-11-05,A,,4.5,1.5", "field 'date': expected a date before the 2002 election"),
    ("2002,NY-01,2002-10-20,A,X,4.5,1.5", "field 'sponsor': expected D, R or empty, found 'X'"),
    ("2002,NY-01,2002-10-20,A,,140,1.5", "field 'margin': expected a two-party margin within -100...100 points"),
    ("2002,NY-01,2002-10-20,A,,4,", "field 'result_margin'"),
  ])
  func aBadRowNamesFileLineAndField(row: String, message: String) throws {
    let text = Self.header + "2002,NY-02,2002-10-20,A,,4.5,1.5\n" + row + "\n"
    do {
      _ = try PollHistoryTable.read(CSVTable(data: Data(text.utf8), file: "h.csv"))
      Issue.record("accepted \(row)")
    } catch {
      let description = String(describing: error)
      #expect(description.hasPrefix("h.csv:3") && description.contains(message), "\(description)")
    }
  }
}
