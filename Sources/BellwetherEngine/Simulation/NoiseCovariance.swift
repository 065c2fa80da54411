import Foundation

/// The covariance of the district noise over the contested seats (docs/model.md §3.1):
/// `Sigma = s_state^2 S S' + s_region^2 R R' + s_lean^2 K + s_idio^2 I`, with S and R the seat-to-state
/// and seat-to-region membership matrices and `K[i][k] = exp(-(lean[i] - lean[k])^2 / (2 l^2))`;
/// with a district baseline (§3.4, §3.5) the idiosyncratic variance may differ by seat and the
/// class-level shared errors add `sum_c c c'` over their loading columns.
public struct NoiseCovariance: Sendable {
  /// State of each seat.
  package var states: [String]
  /// Region of each seat.
  package var regions: [String]
  /// Lean of each seat.
  package var leans: [Double]
  /// The four SDs.
  package var scales: NoiseScales
  /// Kernel length l.
  package var kernelLength: Double
  /// Per-seat idiosyncratic variances replacing `scales.idiosyncratic^2` (noise by seat class, §3.4), or nil.
  package var idiosyncraticVariances: [Double]? = nil
  /// Loading columns of the class-level shared errors (§3.5), each over the seats.
  package var sharedColumns: [[Double]] = []
  /// The shared errors' names (e.g. `withPrevious.lean`), one per column.
  package var sharedColumnNames: [String] = []

  /// Creates the covariance description.
  package init(states: [String], regions: [String], leans: [Double], scales: NoiseScales, kernelLength: Double) {
    precondition(states.count == regions.count && regions.count == leans.count)
    self.states = states
    self.regions = regions
    self.leans = leans
    self.scales = scales
    self.kernelLength = kernelLength
  }

  /// The idiosyncratic variance of seat i.
  package func idiosyncraticVariance(_ i: Int) -> Double {
    idiosyncraticVariances?[i] ?? scales.idiosyncratic * scales.idiosyncratic
  }

  /// Seat i's total noise variance `Sigma[i][i]`: the state, region and lean-kernel variances (the
  /// kernel is 1 on its diagonal), its idiosyncratic variance, and its squared shared-error loadings
  /// (docs/model.md §3.1, §3.4, §3.5).
  package func totalVariance(_ i: Int) -> Double {
    scales.state * scales.state + scales.region * scales.region + scales.lean * scales.lean
      + idiosyncraticVariance(i) + sharedColumns.reduce(0) { $0 + $1[i] * $1[i] }
  }

  /// Number of seats.
  package var count: Int { leans.count }

  /// The lean kernel K.
  /// - Complexity: O(n^2).
  func leanKernel() -> Matrix {
    let denominator = 2 * kernelLength * kernelLength
    return Matrix(rows: count, columns: count) { i, k in
      let d = leans[i] - leans[k]
      return exp(-d * d / denominator)
    }
  }

  /// The dense covariance matrix Sigma.
  /// - Complexity: O(n^2).
  public func matrix() -> Matrix {
    var sigma = leanKernel()
    let s2 = scales.state * scales.state, r2 = scales.region * scales.region
    let l2 = scales.lean * scales.lean, i2 = scales.idiosyncratic * scales.idiosyncratic
    for k in 0..<count {
      for i in 0..<count {
        var value = l2 * sigma[i, k]
        if states[i] == states[k] { value += s2 }
        if regions[i] == regions[k] { value += r2 }
        if i == k { value += idiosyncraticVariances?[i] ?? i2 }
        for c in sharedColumns { value += c[i] * c[k] }
        sigma[i, k] = value
      }
    }
    return sigma
  }
}
