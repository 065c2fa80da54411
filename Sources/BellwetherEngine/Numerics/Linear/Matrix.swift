/// A dense real matrix in column-major order: element (row, col) is `storage[row + col * rows]`.
///
/// Column-major is the one storage order used everywhere in Bellwether; it is LAPACK's, and every
/// BLAS call passes it with the leading dimension equal to `rows`.
public struct Matrix: Equatable, Sendable {
  /// Number of rows.
  package let rows: Int
  /// Number of columns.
  package let columns: Int
  /// The elements, column after column.
  var storage: [Double]

  /// A matrix of zeros.
  package init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0)
    self.rows = rows
    self.columns = columns
    storage = [Double](repeating: 0, count: rows * columns)
  }

  /// A matrix filled by a function of (row, column).
  package init(rows: Int, columns: Int, _ element: (Int, Int) -> Double) {
    self.init(rows: rows, columns: columns)
    for c in 0..<columns {
      for r in 0..<rows { storage[r + c * rows] = element(r, c) }
    }
  }

  /// The identity matrix.
  package static func identity(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n) { $0 == $1 ? 1 : 0 }
  }

  /// Element access.
  package subscript(row: Int, column: Int) -> Double {
    get { storage[row + column * rows] }
    set { storage[row + column * rows] = newValue }
  }

  /// The transpose.
  var transposed: Matrix {
    Matrix(rows: columns, columns: rows) { self[$1, $0] }
  }
}
