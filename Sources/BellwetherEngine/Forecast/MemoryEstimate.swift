import Foundation

/// The bytes a structured-factor run allocates beyond its inputs (docs/performance.md, "Large
/// chambers"), counted array by array before any of them is allocated, so that a chamber the
/// machine cannot hold is refused with the seats and bytes named instead of trapping on an
/// allocation. Counted: the factor and its scratch (`NoiseFactor.structured`), the plan's per-seat
/// arrays, and for each Dispatch worker its tallies (`Tallies`) and kernel buffers (`DrawKernel`),
/// plus the template and merged tallies; for a run on every core (the default `--threads`).
package struct MemoryEstimate: Sendable, Equatable {
  /// Seats in the chamber and contested seats.
  package var seats: Int
  package var contested: Int
  /// Dispatch workers assumed.
  package var workers: Int
  /// Bytes of the factor, its scratch and the plan.
  package var setupBytes: UInt64
  /// Bytes of the workers' tallies and kernel buffers.
  package var simulationBytes: UInt64
  /// Everything.
  package var bytes: UInt64 { setupBytes + simulationBytes }

  /// The estimate for a structured factor.
  /// - Parameters:
  ///   - seats: the chamber's seats; `contested` its contested seats.
  ///   - groups: states plus regions (one shared normal each per draw).
  ///   - inducing: the lean basis's inducing points (its rank is at most this).
  ///   - errorPoints: points of the lean axis of the error check.
  ///   - marginBins: bins of one offset class's margin histogram.
  ///   - workers: Dispatch workers.
  package static func structured(seats: Int, contested n: Int, groups: Int, inducing m: Int, errorPoints p: Int,
                                 marginBins: Int, workers: Int) -> MemoryEstimate {
    let n = UInt64(n), m = UInt64(m), p = UInt64(p), seatsPlusOne = UInt64(seats + 1), chunk = UInt64(DrawKernel.chunkSize)
    let rows = min(n, UInt64(LeanKernelBasis.chunk))
    // Factor: Float loadings n x rank (rank <= m), idiosyncratic SDs, two Int32 group maps, the
    // Double diagonal; basis scratch: a chunk's kernel rows and features, the error check's
    // features (and their transpose) and its p x p product; plan: base margins and seat indices.
    let factor = 4 * n * m + 4 * n + 8 * n + 8 * n
    let basis = 16 * rows * m + 24 * p * m + 8 * p * p
    let plan = 8 * n + 8 * n + 8 * n + 8 * n  // base margins, contested indices, seat variances, offset-class members
    // Tallies: seat counts, wins, tipping, one offset-class histogram, the environment-by-seats table.
    let tallies = 8 * (seatsPlusOne + 2 * n + UInt64(marginBins) + UInt64(SimulationPlan.environmentBins) * seatsPlusOne)
    // Kernel: correlated and independent noise for a chunk, shared normals, margins, candidates,
    // bit set, base and expected margins, win counts, class members.
    let kernel = 4 * n * chunk * 2 + 4 * UInt64(Int(m) + groups) * chunk + 4 * n * 3 + n / 8 + 8 + 4 * n * 3 + 8 * n
    let w = UInt64(workers)
    return MemoryEstimate(seats: seats, contested: Int(n), workers: workers, setupBytes: factor + basis + plan,
                          simulationBytes: w * (tallies + kernel) + 2 * tallies)
  }

  /// Workers of a run on every core.
  package static var defaultWorkers: Int { max(1, min(64, ProcessInfo.processInfo.activeProcessorCount)) }
}
