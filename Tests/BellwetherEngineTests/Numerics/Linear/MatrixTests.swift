import Testing
@testable import BellwetherEngine

struct MatrixTests {
  @Test func choleskyOfAClassicExample() throws {
    // A = L L' with L = [[2,0,0],[6,1,0],[-8,5,3]] (worked by hand).
    let a = Matrix(rows: 3, columns: 3) { [[4.0, 12, -16], [12, 37, -43], [-16, -43, 98]][$0][$1] }
    let l = try a.choleskyLower()
    let expected = [[2.0, 0, 0], [6, 1, 0], [-8, 5, 3]]
    for r in 0..<3 { for c in 0..<3 { #expect(abs(l[r, c] - expected[r][c]) < 1e-12) } }
  }

  @Test func choleskyRejectsAnIndefiniteMatrix() {
    let a = Matrix(rows: 2, columns: 2) { [[1.0, 2], [2, 1]][$0][$1] }
    #expect(throws: FactorizationError.notPositiveDefinite(minor: 2)) { try a.choleskyLower() }
  }

  @Test func multiplyIsColumnMajorOnNonSquareMatrices() {
    // [1 2 3; 4 5 6] * [1 0; 0 1; 1 1] = [4 5; 10 11]
    let a = Matrix(rows: 2, columns: 3) { [[1.0, 2, 3], [4, 5, 6]][$0][$1] }
    let b = Matrix(rows: 3, columns: 2) { [[1.0, 0], [0, 1], [1, 1]][$0][$1] }
    let c = BLAS.multiply(a, b)
    #expect(c == Matrix(rows: 2, columns: 2) { [[4.0, 5], [10, 11]][$0][$1] })
  }

  @Test func symmetricEigenOfATwoByTwo() throws {
    // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,-1)/sqrt2 and (1,1)/sqrt2.
    let a = Matrix(rows: 2, columns: 2) { $0 == $1 ? 2 : 1 }
    let (values, vectors) = try a.symmetricEigen()
    #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
    #expect(abs(abs(vectors[0, 1]) - 0.5.squareRoot()) < 1e-12)
    #expect(abs(vectors[0, 1] - vectors[1, 1]) < 1e-12)
  }
}
