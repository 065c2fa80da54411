import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The seats curve read from the joint (environment, seats) histogram must agree with the seat
/// distribution simulated with the environment fixed, and must rise with the environment.
struct SeatsCurveTests {
  /// One run of the 41-seat chamber shared by the tests (posterior about D+2.6 +- 1.7, t5).
  static let run: ForecastResult = try! SyntheticChamber.smallResult(draws: 300_000, seed: 11)

  @Test(.tags(.slow), .skippedInFastRuns) func jointPointsAgreeWithFixedEnvironmentRerunsWithinMonteCarloError() throws {
    let plan = Self.run.model.plan
    let curve = SeatsCurve.compute(plan: plan, tallies: Self.run.tallies, pointDraws: 5_000)
    let joint = curve.points.filter { $0.source == .joint }
    #expect(joint.count >= 10)
    // Re-simulate at each joint point's environment (the bin's conditional mean) with E fixed,
    // an independent stream, 40,000 draws.
    var fixedP: [Double] = [], fixedSE: [Double] = [], fixedMean: [Double] = [], fixedVar: [Double] = []
    for (i, p) in joint.enumerated() {
      let fixed = plan.replacing(environment: p.environment, draws: 40_000, seed: 1_000 + UInt64(i))
      let t = Simulator.run(plan: fixed, threads: 2)!
      let d = SeatDistribution(counts: t.seatCounts, majority: plan.majority)
      fixedP.append(d.majorityProbability)
      fixedSE.append((d.majorityProbability * (1 - d.majorityProbability) / 40_000).squareRoot())
      fixedMean.append(d.mean)
      fixedVar.append(t.seatCounts.enumerated().reduce(0.0) { $0 + Double($1.element) * pow(Double($1.offset) - d.mean, 2) } / 40_000)
    }
    // Remaining bias of a bin read at its conditional mean: f''(e) Var(E | bin) / 2, with
    // Var(E | bin) <= w^2 / 12, for f = the chance or the mean seats. Bound |f''| by the reruns'
    // largest second difference plus 4 SE of it.
    let w = SimulationPlan.environmentBinWidth
    let environments = joint.map(\.environment)
    let biasP = Self.curvatureBound(environments, fixedP, fixedSE) * w * w / 12 / 2
    let biasMean = Self.curvatureBound(environments, fixedMean, fixedVar.map { ($0 / 40_000).squareRoot() }) * w * w / 12 / 2
    #expect(biasP < 0.01 && biasMean < 0.5)
    for (i, p) in joint.enumerated() {
      // Binomial SE of the difference of two independent estimates; 4 SE each point.
      let se = (p.majorityStandardError * p.majorityStandardError + fixedSE[i] * fixedSE[i]).squareRoot()
      let floor = 0.5 / Double(p.draws) + 0.5 / 40_000  // a point at 0 or 1 still has a resolution
      #expect(abs(p.majorityProbability - fixedP[i]) <= 4 * se + biasP + floor,
              "E = \(p.environment): joint \(p.majorityProbability) vs fixed \(fixedP[i])")
      // Mean seats: 4 SE with the seat variance of the fixed run (the same distribution).
      let seMean = (fixedVar[i] / Double(p.draws) + fixedVar[i] / 40_000).squareRoot()
      #expect(abs(p.meanSeats - fixedMean[i]) <= 4 * seMean + biasMean)
    }
  }

  /// An upper bound on |f''| from values `f` with standard errors `se` at points `x`: the largest
  /// second divided difference plus 4 of its standard errors (bounded by the sum of the terms' SEs).
  static func curvatureBound(_ x: [Double], _ f: [Double], _ se: [Double]) -> Double {
    var bound = 0.0
    for i in 1..<(x.count - 1) {
      let (h0, h1, span) = (x[i] - x[i - 1], x[i + 1] - x[i], x[i + 1] - x[i - 1])
      let second = 2 * ((f[i + 1] - f[i]) / h1 - (f[i] - f[i - 1]) / h0) / span
      let noise = 2 * (se[i + 1] / h1 + se[i] * (1 / h1 + 1 / h0) + se[i - 1] / h0) / span
      bound = max(bound, abs(second) + 4 * noise)
    }
    return bound
  }

  @Test(.tags(.slow), .skippedInFastRuns) func chanceOfMajorityAndSeatsRiseWithTheEnvironment() {
    let curve = SeatsCurve.compute(plan: Self.run.model.plan, tallies: Self.run.tallies, range: -4...9, pointDraws: 5_000)
    let points = curve.points
    #expect(points.count == 26)
    #expect(points.map(\.environment) == points.map(\.environment).sorted())
    for (a, b) in zip(points, points.dropFirst()) {
      // Non-decreasing up to Monte Carlo noise: 4 SE of the difference.
      let se = (a.majorityStandardError * a.majorityStandardError + b.majorityStandardError * b.majorityStandardError).squareRoot()
      #expect(b.majorityProbability - a.majorityProbability >= -4 * se - 1e-12)
      #expect(a.seats025 <= a.seats10 && a.seats10 <= a.median && a.median <= a.seats90 && a.seats90 <= a.seats975)
    }
    // Across the whole range the movement is large and monotone in expectation.
    #expect(points.last!.majorityProbability - points.first!.majorityProbability > 0.5)
    #expect(points.last!.meanSeats > points.first!.meanSeats + 5)
  }

  @Test(.tags(.slow), .skippedInFastRuns) func sparseBinsAreResimulatedAndEveryPointHasTheDrawFloor() throws {
    let plan = Self.run.model.plan
    let curve = SeatsCurve.compute(plan: plan, tallies: Self.run.tallies, range: -20...20, pointDraws: 5_000)
    #expect(curve.points.count == 80)
    #expect(curve.points.allSatisfy { $0.draws >= 5_000 })
    let fixed = curve.points.filter { $0.source == .fixed }
    #expect(!fixed.isEmpty && fixed.count < 80)
    // A re-simulated point sits at its bin's midpoint, with its own stream.
    let p = try #require(fixed.first)
    #expect(p.environment == (p.binLow + p.binHigh) / 2)
    // The joint points are exactly the bins with enough draws.
    let row = plan.seats + 1
    for q in curve.points {
      let b = Int(((q.binLow + SimulationPlan.environmentRange) / SimulationPlan.environmentBinWidth).rounded())
      let n = Self.run.tallies.environmentSeats[(b * row)..<((b + 1) * row)].reduce(0, +)
      #expect((q.source == .joint) == (n >= 5_000))
      if q.source == .joint {
        #expect(q.draws == n)
        #expect(q.environment > q.binLow && q.environment < q.binHigh)
      }
    }
    // Deterministic: the same again, whatever the threads.
    let again = SeatsCurve.compute(plan: plan, tallies: Self.run.tallies, range: -20...20, pointDraws: 5_000, threads: 1)
    #expect(again == curve)
  }

  @Test func evenOddsEnvironmentInterpolatesTheCrossing() {
    func point(_ e: Double, _ p: Double) -> SeatsCurve.Point {
      SeatsCurve.Point(environment: e, binLow: e - 0.25, binHigh: e + 0.25, source: .joint, draws: 1000, majorityProbability: p,
                       majorityStandardError: 0, meanSeats: 0, seats025: 0, seats10: 0, median: 0, seats90: 0, seats975: 0)
    }
    // 0.3 at E = 1, 0.7 at E = 1.5: one half at 1.25.
    #expect(SeatsCurve.crossing([point(0.5, 0.1), point(1, 0.3), point(1.5, 0.7), point(2, 0.9)], level: 0.5) == 1.25)
    // A noisy dip above one half is crossed back: the last upward crossing counts.
    #expect(abs(SeatsCurve.crossing([point(0, 0.4), point(1, 0.6), point(2, 0.45), point(3, 0.55)], level: 0.5)! - 2.5) < 1e-12)
    #expect(SeatsCurve.crossing([point(0, 0.6), point(1, 0.9)], level: 0.5) == nil)
    #expect(SeatsCurve.crossing([point(0, 0.1), point(1, 0.2)], level: 0.5) == nil)
  }
}
