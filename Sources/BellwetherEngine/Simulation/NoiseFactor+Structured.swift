import Foundation

extension NoiseFactor {
  /// Contested seats up to which the default factor (`low-rank`) is made from dense n x n matrices
  /// (an exact Cholesky proof of positive definiteness, the eigen-decomposition of K and a dense
  /// error check); above it, the structured factor. Chosen by measurement (docs/performance.md,
  /// "Large chambers"): at 903 contested seats the dense factor takes 0.7-1.1 s, the structured 0.05 s.
  package static let denseSeatLimit = 1000
  /// Largest gap between inducing points of the structured factor, in kernel lengths.
  static let inducingSpacing = 0.4
  /// Relative eigenvalue cut-off of the inducing points' kernel matrix.
  static let structuredTolerance = 1e-8
  /// Points of the lean axis over whose pairs the structured factor's error is measured.
  static let errorGridPoints = 2048

  /// The leans over whose every pair the structured factor's covariance error is measured: the
  /// seats' distinct leans when there are at most `errorGridPoints` of them (the error is then the
  /// exact largest over seat pairs), else that many evenly spaced points from the lowest to the
  /// highest lean.
  static func errorPoints(_ leans: [Double]) -> [Double] {
    let distinct = Array(Set(leans)).sorted()
    guard distinct.count > errorGridPoints, let lower = distinct.first, let upper = distinct.last else { return distinct }
    return (0..<errorGridPoints).map { lower + (upper - lower) * Double($0) / Double(errorGridPoints - 1) }
  }

  /// The structured factor (docs/model.md §3.2): the state and region terms exactly (one shared
  /// normal per state and per region), the lean kernel by its Nystrom basis on the lean axis
  /// (`LeanKernelBasis`: loadings `s_lean phi(lean_i)`), and an independent term per seat carrying
  /// the idiosyncratic variance plus the part of the kernel's diagonal the basis misses, so every
  /// seat's variance is exact; with noise by seat class (§3.4) that term starts from the seat's own
  /// idiosyncratic variance, and the class-level shared errors (§3.5) are exact loading columns after the
  /// basis's. Only the lean part of an off-diagonal covariance moves, by
  /// `s_lean^2 |k - phi' phi|`; its largest value over the pairs of `errorPoints` is
  /// `maxAbsoluteError`, and `frobeniusError` is the bound `seats x maxAbsoluteError`.
  /// - Complexity: O(n x m x rank) time and O(n x rank) memory (m inducing points, about
  ///   2.5 per kernel length of the leans' range): no n x n matrix.
  public static func structured(of covariance: NoiseCovariance) throws -> NoiseFactor {
    let n = covariance.count
    let s = covariance.scales
    let memberships = membershipTerms(of: covariance)
    var diagonal = (0..<n).map { covariance.idiosyncraticVariance($0) }
    var loadings: [Float] = []
    var rank = 0
    var worst = 0.0
    if s.lean > 0, n > 0, let lower = covariance.leans.min(), let upper = covariance.leans.max() {
      let basis = try LeanKernelBasis(lower: lower, upper: upper, length: covariance.kernelLength,
                                      spacing: inducingSpacing, tolerance: structuredTolerance)
      rank = basis.rank
      loadings = [Float](repeating: 0, count: n * rank)
      let l2 = s.lean * s.lean
      for start in stride(from: 0, to: n, by: LeanKernelBasis.chunk) {
        let range = start..<min(n, start + LeanKernelBasis.chunk)
        let phi = basis.features(covariance.leans, range)
        for (row, i) in range.enumerated() {
          var squares = 0.0
          for k in 0..<rank {
            let value = phi[row, k]
            loadings[i + k * n] = Float(s.lean * value)
            squares += value * value
          }
          diagonal[i] += l2 * max(0, 1 - squares)
        }
      }
      worst = l2 * basis.largestError(over: errorPoints(covariance.leans))
    }
    // The shared errors' columns, exact, after the basis's (column-major, as the basis's).
    for column in covariance.sharedColumns {
      loadings += column.map(Float.init)
      rank += 1
    }
    let idiosyncratic = diagonal.contains { $0 > 0 } ? diagonal.map { Float($0.squareRoot()) } : []
    return NoiseFactor(seats: n, rank: rank, loadings: loadings, memberships: memberships, idiosyncratic: idiosyncratic,
                       method: .structured, maxAbsoluteError: worst, frobeniusError: Double(n) * worst)
  }

  /// Whether Sigma is positive definite by its structure alone (docs/model.md §3.1): a positive
  /// idiosyncratic SD adds a positive diagonal to positive semi-definite terms; without it, a
  /// positive lean SD over distinct leans suffices (the Gaussian kernel is strictly positive
  /// definite on distinct points: its Fourier transform is positive). The structured path's proof
  /// in place of a dense Cholesky factorisation; a false answer does not prove Sigma singular.
  static func provablyPositiveDefinite(_ covariance: NoiseCovariance) -> Bool {
    if covariance.scales.idiosyncratic > 0 { return true }
    return covariance.scales.lean > 0 && Set(covariance.leans).count == covariance.count
  }
}
