import Foundation

/// Times the pieces of the draw kernel in isolation, at the shapes a run uses, so `bench` can say
/// where a block's time goes and how fast its gemm runs against the machine's own gemm rate.
package enum KernelProbe {
  /// Seconds to generate `count` single-precision normals with the kernel's batch generator.
  package static func normalSeconds(count: Int, seed: UInt64 = 1) -> Double {
    var buffer = [Float](repeating: 0, count: min(count, 1 << 20))
    var rng = Xoshiro256StarStar(seed: seed)
    var remaining = count
    let clock = ContinuousClock()
    let start = clock.now
    do {
      buffer.withUnsafeMutableBufferPointer { b in
        while remaining > 0 {
          let chunk = min(remaining, b.count)
          Distributions.fillStandardNormals(UnsafeMutableBufferPointer(rebasing: b[0..<chunk]), using: &rng)
          remaining -= chunk
        }
      }
    }
    return (clock.now - start).seconds
  }

  /// Seconds for `repetitions` single-precision gemms of shape (m x k) * (k x n), and their GFLOP/s.
  package static func gemm(m: Int, n: Int, k: Int, repetitions: Int) -> (seconds: Double, gflops: Double) {
    let a = [Float](repeating: 0.5, count: m * k)
    let b = [Float](repeating: 0.25, count: k * n)
    var c = [Float](repeating: 0, count: m * n)
    let clock = ContinuousClock()
    let start = clock.now
    do {
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          c.withUnsafeMutableBufferPointer { pc in
            for _ in 0..<repetitions {
              BLAS.multiply(m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
            }
          }
        }
      }
    }
    let seconds = (clock.now - start).seconds
    return (seconds, 2 * Double(m) * Double(n) * Double(k) * Double(repetitions) / seconds / 1e9)
  }

  /// The kernel's gemm for a whole run of `plan`: one (contested x chunk) * (chunk x rank) product
  /// per chunk of draws, at the chunk size the kernel uses.
  package static func kernelGemm(plan: SimulationPlan) -> (seconds: Double, gflops: Double) {
    let chunks = plan.blockCount * (SimulationPlan.blockSize / DrawKernel.chunkSize)
    return gemm(m: plan.contested, n: DrawKernel.chunkSize, k: plan.factor.rank, repetitions: chunks)
  }

  /// The machine's own single-thread sgemm rate (GFLOP/s): the best of three 1024^3 products.
  package static func machineGemmRate() -> Double {
    _ = gemm(m: 256, n: 256, k: 256, repetitions: 4)  // warm up
    return (0..<3).map { _ in gemm(m: 1024, n: 1024, k: 1024, repetitions: 2).gflops }.max() ?? .nan
  }
}
