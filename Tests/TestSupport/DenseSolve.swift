/// Dense linear algebra the tests use as a second method, sharing nothing with the engine's LAPACK path.
package enum DenseSolve {
  /// Solves `A X = B` (A n x n, B n x m, row-major nested arrays) by Gauss-Jordan elimination with
  /// partial pivoting.
  package static func solve(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let n = a.count
    var m = zip(a, b).map { $0 + $1 }
    for c in 0..<n {
      let p = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) }!
      m.swapAt(c, p)
      let pivot = m[c][c]
      m[c] = m[c].map { $0 / pivot }
      for r in 0..<n where r != c {
        let f = m[r][c]
        if f != 0 { m[r] = zip(m[r], m[c]).map { $0 - f * $1 } }
      }
    }
    return m.map { Array($0[n...]) }
  }

  /// `A^-1` by `solve(A, I)`.
  package static func inverse(_ a: [[Double]]) -> [[Double]] {
    solve(a, a.indices.map { i in a.indices.map { $0 == i ? 1.0 : 0.0 } })
  }
}
