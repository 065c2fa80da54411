import Foundation
import Testing
@testable import BellwetherBench
@testable import BellwetherEngine

/// `bench`'s report divides each isolated stage by the count it timed.
@Suite struct ThroughputBenchmarkTests {
  static func benchmark(normalsPerDraw: Int) -> ThroughputBenchmark {
    let sample = ThroughputBenchmark.Sample(threads: 1, load: 0.01, calibration: 0.001, factorization: 0.02, draws: 2,
                                            aggregation: 0.03)
    return ThroughputBenchmark(
      configPath: "c.json5", drawCount: 1_000_000, seats: 435, contested: 394, factorMethod: .lowRank, rank: 23,
      samples: [sample], machineGemmGFlops: 80, kernelGemmGFlops: 60, kernelGemmSeconds: 0.5, kernelNormalSeconds: 0.95,
      normalsPerDraw: normalsPerDraw, peakResidentBytes: 34 << 20)
  }

  @Test("the normals' time is divided by the normals drawn: draws x normals per draw")
  func normalsPerSample() {
    // 0.95 s for 1,000,000 x 475 normals: 0.95 / 4.75e8 s = 2.00 ns each (the old figure divided by
    // draws x (rank + contested) = 4.17e8 and printed 2.28 ns).
    let text = Self.benchmark(normalsPerDraw: 475).render()
    #expect(text.contains("0.950 s for 4.75e+08 normals, 475 per draw (2.00 ns each)"), "\(text)")
  }

  @Test("the normals per draw are the factor's: rank, one per group of each membership, and one per seat")
  func normalsPerDrawOfAFactor() throws {
    let sigma = Matrix(rows: 2, columns: 2) { $0 == $1 ? 4 : 1 }
    // A dense Cholesky factor draws one normal per seat and nothing else.
    #expect(try NoiseFactor.cholesky(of: sigma).normalsPerDraw == 2)
  }
}
