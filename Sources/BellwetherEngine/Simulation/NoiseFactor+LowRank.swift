import Foundation

extension NoiseFactor {
  /// Relative eigenvalue cut-off of the lean kernel in the low-rank factor.
  static let lowRankTolerance = 1e-4

  /// The exact state and region terms of a covariance: one shared normal per state and per region
  /// (a term whose SD is 0 is left out).
  /// - Complexity: O(n log n).
  static func membershipTerms(of covariance: NoiseCovariance) -> [Membership] {
    let s = covariance.scales
    func membership(_ labels: [String], sd: Double) -> Membership? {
      guard sd > 0 else { return nil }
      let names = Array(Set(labels)).sorted()
      let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
      return Membership(groupOf: labels.map { index[$0]! }, groups: names.count, loading: Float(sd))
    }
    return [membership(covariance.states, sd: s.state), membership(covariance.regions, sd: s.region)].compactMap { $0 }
  }

  /// A low-rank-plus-diagonal factor of the covariance.
  ///
  /// The state and region terms are exact membership terms (one shared normal per state and per
  /// region). The lean kernel K is replaced by its leading eigenpairs (LAPACK `dsyevr`) with
  /// eigenvalues above `lowRankTolerance` times the largest; the diagonal it drops is added to the
  /// idiosyncratic variance, so every seat's variance stays exact and only off-diagonal covariances
  /// move, by at most `maxAbsoluteError` (points squared), reported with the factor beside the
  /// Frobenius norm of the whole difference (`frobeniusError`).
  /// - Complexity: O(n^3) for the eigen-decomposition, once per run.
  public static func lowRank(of covariance: NoiseCovariance) throws -> NoiseFactor {
    let n = covariance.count
    let s = covariance.scales
    let memberships = membershipTerms(of: covariance)
    var columns: [[Double]] = []
    var diagonal = (0..<n).map(covariance.idiosyncraticVariance)
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
    columns += covariance.sharedColumns  // the shared errors of §3.5 are exact low-rank terms
    var loadings = [Float](repeating: 0, count: n * columns.count)
    for (k, column) in columns.enumerated() {
      for i in 0..<n { loadings[i + k * n] = Float(column[i]) }
    }
    let idiosyncratic = diagonal.contains { $0 > 0 } ? diagonal.map { Float($0.squareRoot()) } : []
    let draft = NoiseFactor(seats: n, rank: columns.count, loadings: loadings, memberships: memberships,
                            idiosyncratic: idiosyncratic, method: .lowRank, maxAbsoluteError: 0)
    let exact = covariance.matrix()
    let implied = draft.impliedCovariance()
    var worst = 0.0, squares = 0.0
    for i in exact.storage.indices {
      let difference = exact.storage[i] - implied.storage[i]
      worst = max(worst, abs(difference))
      squares += difference * difference
    }
    return NoiseFactor(seats: n, rank: columns.count, loadings: loadings, memberships: memberships,
                       idiosyncratic: idiosyncratic, method: .lowRank, maxAbsoluteError: worst,
                       frobeniusError: squares.squareRoot())
  }
}
