import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The seats curve embedded in report.html (`SeatsCurve.adaptive`, docs/reports.md "The seats
/// curve on the page"), checked two independent ways: against the run's exported draws binned
/// here, and against re-simulations with the environment fixed at each point.
@Suite(.serialized)
struct PageSeatsCurveTests {
  /// A 20,000-draw run of the 41-seat chamber (posterior about D+2.6 ± 1.7, t5) with its draws exported.
  static let run: (result: ForecastResult, file: DrawFile) = {
    let (result, file, _) = try! DrawExportTests.export(draws: 20_000, threads: 2, outcomes: false, name: "page-curve")
    return (result, file)
  }()

  /// The page's curve of that run.
  static var curve: SeatsCurve { ReportHTML.charts(run.result, history: []).curve! }

  @Test func aTwentyThousandDrawRunShowsTheCurve() throws {
    let html = ReportHTML.render(Self.run.result)
    #expect(html.contains("<section id=\"curve\">") && html.contains("href=\"#curve\""))
    #expect(Self.curve.points.count >= SeatsCurve.adaptiveMinimumPoints)
  }

  @Test func pointsAreTheExportedDrawsBinnedByEnvironment() throws {
    let (result, file) = Self.run
    let curve = Self.curve
    let majority = result.model.plan.majority
    #expect(curve.pointDraws == ReportHTML.curvePointDraws && curve.runDraws == 20_000)
    let width = curve.points[0].binHigh - curve.points[0].binLow
    for p in curve.points {
      // One width for all, aligned on multiples of it (EVEN is a boundary).
      #expect(abs(p.binHigh - p.binLow - width) < 1e-12)
      #expect(abs((p.binLow / width) - (p.binLow / width).rounded()) < 1e-9)
      // The draws whose environment fell in the bin, counted here from the exported file.
      let inBin = file.environment.indices.filter { file.environment[$0] >= p.binLow && file.environment[$0] < p.binHigh }
      let wins = inBin.filter { Int(file.democraticSeats[$0]) >= majority }.count
      #expect(p.draws == inBin.count && p.draws >= ReportHTML.curvePointDraws)
      #expect(p.majorityProbability == Double(wins) / Double(inBin.count))
      let meanSeats = inBin.reduce(0.0) { $0 + Double(file.democraticSeats[$1]) } / Double(inBin.count)
      #expect(abs(p.meanSeats - meanSeats) < 1e-9)
      var sorted = inBin.map { Int(file.democraticSeats[$0]) }
      sorted.sort()
      #expect(p.median == sorted[(sorted.count - 1) / 2] || p.median == sorted[sorted.count / 2])
      // The point sits at E[E | bin] from the known environment distribution; the exported draws'
      // mean environment in the bin estimates the same number with SE at most (w / 2) / sqrt(n)
      // (no distribution on an interval of width w has an SD above w / 2): 4 SE.
      let drawMean = inBin.reduce(0.0) { $0 + file.environment[$1] } / Double(inBin.count)
      #expect(abs(p.environment - drawMean) <= 4 * (width / 2) / Double(inBin.count).squareRoot(),
              "bin \(p.binLow)..<\(p.binHigh): placed at \(p.environment), draws' mean \(drawMean)")
      #expect(p.environment > p.binLow && p.environment < p.binHigh)
    }
    // The width is the narrowest that reaches the target: each narrower width, counted here from
    // the draws, gives fewer than adaptiveTargetPoints bins of curvePointDraws draws.
    let k = Int((width / SimulationPlan.environmentBinWidth).rounded())
    for narrower in SeatsCurve.adaptiveBinMultiples where narrower < k {
      let w = Double(narrower) * SimulationPlan.environmentBinWidth
      var counts: [Int: Int] = [:]
      for e in file.environment where abs(e) < SimulationPlan.environmentRange - w { counts[Int((e / w).rounded(.down)), default: 0] += 1 }
      #expect(counts.values.filter { $0 >= ReportHTML.curvePointDraws }.count < SeatsCurve.adaptiveTargetPoints)
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func pointsAgreeWithFixedEnvironmentRerunsWithinMonteCarloError() throws {
    let plan = Self.run.result.model.plan
    let points = Self.curve.points
    let rerunDraws = 40_000
    var fixedP: [Double] = [], fixedSE: [Double] = [], fixedMean: [Double] = [], fixedVar: [Double] = []
    for (i, p) in points.enumerated() {
      let t = try #require(Simulator.run(plan: plan.replacing(environment: p.environment, draws: rerunDraws, seed: 7_000 + UInt64(i)), threads: 2))
      let d = SeatDistribution(counts: t.seatCounts, majority: plan.majority)
      fixedP.append(d.majorityProbability)
      fixedSE.append((d.majorityProbability * (1 - d.majorityProbability) / Double(rerunDraws)).squareRoot())
      fixedMean.append(d.mean)
      fixedVar.append(t.seatCounts.enumerated().reduce(0.0) { $0 + Double($1.element) * pow(Double($1.offset) - d.mean, 2) } / Double(rerunDraws))
    }
    // What the binning leaves: f''(e) Var(E | bin) / 2 with Var(E | bin) <= w^2 / 12, |f''| bounded
    // from the reruns (`curvatureBound`).
    let w = points[0].binHigh - points[0].binLow
    let environments = points.map(\.environment)
    let (biasP, biasMean): (Double, Double) = points.count >= 3
      ? (Self.curvatureBound(environments, fixedP, fixedSE) * w * w / 24,
         Self.curvatureBound(environments, fixedMean, fixedVar.map { ($0 / Double(rerunDraws)).squareRoot() }) * w * w / 24)
      : (0.02, 0.5)
    for (i, p) in points.enumerated() {
      // The difference of two independent binomial estimates, n = p.draws (>= 1,000) and 40,000
      // draws: 4 SE of it, plus the binning bias and half a count of resolution each.
      let se = (p.majorityStandardError * p.majorityStandardError + fixedSE[i] * fixedSE[i]).squareRoot()
      #expect(abs(p.majorityProbability - fixedP[i]) <= 4 * se + biasP + 0.5 / Double(p.draws) + 0.5 / Double(rerunDraws),
              "E = \(p.environment): page \(p.majorityProbability) ± \(p.majorityStandardError) vs fixed \(fixedP[i])")
      let seMean = (fixedVar[i] / Double(p.draws) + fixedVar[i] / Double(rerunDraws)).squareRoot()
      #expect(abs(p.meanSeats - fixedMean[i]) <= 4 * seMean + biasMean)
    }
  }

  @Test func tooFewDrawsGiveNoCurveAndNoSection() throws {
    // 1,000 draws cannot fill three bins of 1,000 draws.
    let result = try SyntheticChamber.smallResult(draws: 1_000)
    #expect(ReportHTML.charts(result, history: []).curve == nil)
    #expect(!ReportHTML.render(result).contains("<section id=\"curve\">"))
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
}
