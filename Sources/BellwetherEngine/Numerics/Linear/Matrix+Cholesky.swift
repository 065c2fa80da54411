internal import CBLAS

/// Why a factorisation failed.
package enum FactorizationError: Error, Equatable, CustomStringConvertible {
  /// The matrix is not positive definite: LAPACK stopped at this 1-based leading minor.
  case notPositiveDefinite(minor: Int)
  /// LAPACK rejected an argument (a programming error).
  case lapackArgument(Int)

  package var description: String {
    switch self {
    case .notPositiveDefinite(let minor):
      return "matrix is not positive definite (leading minor \(minor) is not positive)"
    case .lapackArgument(let index):
      return "LAPACK rejected argument \(index)"
    }
  }
}

extension Matrix {
  /// The lower Cholesky factor L with `self = L * L'`, by LAPACK `dpotrf`.
  ///
  /// Cholesky factorisation (Golub and Van Loan, *Matrix Computations*, 4th ed., section 4.2).
  /// The strict upper triangle, which LAPACK leaves untouched, is zeroed.
  /// - Throws: `FactorizationError.notPositiveDefinite` when the matrix is not positive definite.
  /// - Complexity: O(n^3 / 3).
  package func choleskyLower() throws -> Matrix {
    precondition(rows == columns, "Cholesky needs a square matrix")
    _ = BLAS.singleThreaded
    var factor = self
    var n = Int32(rows)
    var lda = Int32(max(1, rows))
    var info: Int32 = 0
    var uplo = Int8(UInt8(ascii: "L"))
    if rows > 0 {
      factor.storage.withUnsafeMutableBufferPointer { p in
        dpotrf_(&uplo, &n, p.baseAddress, &lda, &info)
      }
    }
    if info > 0 { throw FactorizationError.notPositiveDefinite(minor: Int(info)) }
    if info < 0 { throw FactorizationError.lapackArgument(Int(-info)) }
    for c in 0..<columns {
      for r in 0..<c { factor[r, c] = 0 }
    }
    return factor
  }

  /// `x` with `L L' x = y`, this matrix the lower factor L (forward, then back substitution).
  package func choleskySolve(_ y: [Double]) -> [Double] {
    var x = forwardSubstitution(y)
    for i in stride(from: rows - 1, through: 0, by: -1) {
      var s = x[i]
      for k in (i + 1)..<max(i + 1, rows) { s -= self[k, i] * x[k] }
      x[i] = s / self[i, i]
    }
    return x
  }

  /// `x` with `L x = y`, this matrix lower triangular (forward substitution).
  package func forwardSubstitution(_ y: [Double]) -> [Double] {
    var x = y
    for i in 0..<rows {
      var s = x[i]
      for k in 0..<i { s -= self[i, k] * x[k] }
      x[i] = s / self[i, i]
    }
    return x
  }
}
