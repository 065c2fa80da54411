import Foundation
import Synchronization
import Testing
import TestSupport
@testable import BellwetherEngine

/// The draw kernel's correlation structure, seen only through who wins: with every expected margin
/// zero, a fixed environment and Gaussian noise, two seats both go Democratic with the orthant
/// probability `1/4 + asin(rho) / (2 pi)` (Sheppard's formula), rho being their correlation in
/// Sigma. This checks the whole kernel path (gemm, membership shocks, independent term, chunks and
/// blocks), not the factor's arithmetic alone.
struct KernelCorrelationTests {
  /// Counts, over every draw, each seat's wins and each pair's joint wins.
  final class PairCounter: DrawSink {
    let wantsOutcomes = true
    let seats: Int
    let counts: Mutex<[Int]>

    init(seats: Int) {
      self.seats = seats
      counts = Mutex([Int](repeating: 0, count: seats * seats))
    }

    func consume(block: Int, capture: DrawCapture, count: Int) {
      var local = [Int](repeating: 0, count: seats * seats)
      for j in 0..<count {
        func won(_ d: Int) -> Bool { capture.outcomeByte(d >> 3, ofDraw: j) & (1 << UInt8(d & 7)) != 0 }
        for a in 0..<seats where won(a) {
          for b in 0..<seats where won(b) { local[a * seats + b] += 1 }
        }
      }
      counts.withLock { total in for i in total.indices { total[i] += local[i] } }
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns, arguments: NoiseFactor.Method.allCases)
  func jointWinsMatchOrthantProbabilities(method: NoiseFactor.Method) throws {
    let covariance = NoiseFactorTests.smallCovariance()
    let sigma = covariance.matrix()
    let factor = method == .cholesky ? try NoiseFactor.cholesky(of: sigma)
      : method == .lowRank ? try NoiseFactor.lowRank(of: covariance) : try NoiseFactor.structured(of: covariance)
    let n = covariance.count, draws = 100_000
    let plan = SimulationPlan(seats: n, majority: n / 2 + 1, fixedDemocratic: 0, contestedIndices: Array(0..<n),
                              baseMargins: [Double](repeating: 0, count: n), environmentMean: 0, environmentSD: 0,
                              environmentNu: .infinity, noiseNu: .infinity, factor: factor, seed: 21, draws: draws)
    let counter = PairCounter(seats: n)
    let tallies = try #require(Simulator.run(plan: plan, threads: 2, sink: counter))
    let counts = counter.counts.withLock { $0 }
    for a in 0..<n {
      #expect(counts[a * n + a] == tallies.wins[a])
      for b in 0..<n {
        let rho = a == b ? 1 : sigma[a, b] / (sigma[a, a] * sigma[b, b]).squareRoot()
        let p = 0.25 + asin(rho) / (2 * Double.pi)
        // 5 binomial SEs, plus what the factor's own covariance error (maxAbsoluteError, points^2)
        // can move the probability: |dp/drho| = 1 / (2 pi sqrt(1 - rho^2)) (rho is at most 0.4 here).
        let slope = a == b ? 0 : 1 / (2 * Double.pi * (1 - rho * rho).squareRoot())
        let factorSlack = slope * factor.maxAbsoluteError / (sigma[a, a] * sigma[b, b]).squareRoot()
        let tolerance = 5 * (p * (1 - p) / Double(draws)).squareRoot() + factorSlack
        #expect(abs(Double(counts[a * n + b]) / Double(draws) - p) < tolerance, "seats \(a), \(b)")
      }
    }
  }
}
