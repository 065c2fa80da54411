import Foundation

extension NoiseFactor {
  /// Relative eigenvalue cut-off of the lean kernel in the low-rank factor.
  public static let lowRankTolerance = 1e-3

  /// A low-rank-plus-diagonal factor of the covariance.
  ///
  /// The state and region terms are exact rank-(states + regions) loadings (`s_state S`,
  /// `s_region R`). The lean kernel K is replaced by its leading eigenpairs (LAPACK `dsyevr`) with
  /// eigenvalues above `lowRankTolerance` times the largest; the diagonal it drops is added to the
  /// idiosyncratic variance, so every seat's variance stays exact and only off-diagonal covariances
  /// move, by at most `maxAbsoluteError` (points squared), reported with the factor.
  /// - Complexity: O(n^3) for the eigen-decomposition, once per run.
  public static func lowRank(of covariance: NoiseCovariance) throws -> NoiseFactor {
    let n = covariance.count
    let s = covariance.scales
    let states = Array(Set(covariance.states)).sorted()
    let regions = Array(Set(covariance.regions)).sorted()
    var columns: [[Double]] = []
    if s.state > 0 {
      for st in states { columns.append(covariance.states.map { $0 == st ? s.state : 0 }) }
    }
    if s.region > 0 {
      for rg in regions { columns.append(covariance.regions.map { $0 == rg ? s.region : 0 }) }
    }
    var diagonal = [Double](repeating: s.idiosyncratic * s.idiosyncratic, count: n)
    if s.lean > 0 && n > 0 {
      let (values, vectors) = try covariance.leanKernel().symmetricEigen()
      let largest = values.last ?? 0
      var kept = [Double](repeating: 0, count: n)  // diagonal of the kept part of K
      for k in stride(from: n - 1, through: 0, by: -1) where values[k] > lowRankTolerance * largest {
        let root = values[k].squareRoot()
        var column = [Double](repeating: 0, count: n)
        for i in 0..<n {
          column[i] = s.lean * root * vectors[i, k]
          kept[i] += values[k] * vectors[i, k] * vectors[i, k]
        }
        columns.append(column)
      }
      for i in 0..<n { diagonal[i] += s.lean * s.lean * max(0, 1 - kept[i]) }
    }
    let rank = max(1, columns.count)
    var loadings = [Float](repeating: 0, count: n * rank)
    for (k, column) in columns.enumerated() {
      for i in 0..<n { loadings[i + k * n] = Float(column[i]) }
    }
    let factor = NoiseFactor(seats: n, rank: rank, loadings: loadings, idiosyncratic: diagonal.map { Float($0.squareRoot()) },
                             method: .lowRank, maxAbsoluteError: 0)
    let exact = covariance.matrix()
    let implied = factor.impliedCovariance()
    var worst = 0.0
    for i in exact.storage.indices { worst = max(worst, abs(exact.storage[i] - implied.storage[i])) }
    return NoiseFactor(seats: n, rank: rank, loadings: loadings, idiosyncratic: factor.idiosyncratic,
                       method: .lowRank, maxAbsoluteError: worst)
  }
}
