internal import CBLAS

extension Matrix {
  /// Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix, by LAPACK `dsyevr`
  /// (relatively robust representations: Dhillon and Parlett, "Multiple representations to compute
  /// orthogonal eigenvectors of symmetric tridiagonal matrices", Linear Algebra Appl. 387, 2004).
  /// Only the lower triangle is read.
  /// - Throws: `FactorizationError.lapackArgument` if LAPACK fails.
  /// - Complexity: O(n^3).
  func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
    precondition(rows == columns, "eigen-decomposition needs a square matrix")
    _ = BLAS.singleThreaded
    var a = self
    var n = Int32(rows)
    var lda = Int32(max(1, rows))
    var jobz = Int8(UInt8(ascii: "V")), range = Int8(UInt8(ascii: "A")), uplo = Int8(UInt8(ascii: "L"))
    var vl = 0.0, vu = 0.0, abstol = 0.0
    var il: Int32 = 0, iu: Int32 = 0, found: Int32 = 0, info: Int32 = 0
    var values = [Double](repeating: 0, count: rows)
    var vectors = Matrix(rows: rows, columns: rows)
    var support = [Int32](repeating: 0, count: 2 * max(1, rows))
    var lwork: Int32 = -1, liwork: Int32 = -1
    var workQuery = 0.0
    var iworkQuery: Int32 = 0
    guard rows > 0 else { return ([], vectors) }
    a.storage.withUnsafeMutableBufferPointer { pa in
      vectors.storage.withUnsafeMutableBufferPointer { pz in
        dsyevr_(&jobz, &range, &uplo, &n, pa.baseAddress, &lda, &vl, &vu, &il, &iu, &abstol, &found,
                &values, pz.baseAddress, &lda, &support, &workQuery, &lwork, &iworkQuery, &liwork, &info)
      }
    }
    lwork = Int32(workQuery)
    liwork = iworkQuery
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    a.storage.withUnsafeMutableBufferPointer { pa in
      vectors.storage.withUnsafeMutableBufferPointer { pz in
        dsyevr_(&jobz, &range, &uplo, &n, pa.baseAddress, &lda, &vl, &vu, &il, &iu, &abstol, &found,
                &values, pz.baseAddress, &lda, &support, &work, &lwork, &iwork, &liwork, &info)
      }
    }
    if info != 0 { throw FactorizationError.lapackArgument(Int(info)) }
    return (values, vectors)
  }
}
