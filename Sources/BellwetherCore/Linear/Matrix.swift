/// A dense real matrix in column-major order: element (row, col) is `storage[row + col * rows]`.
///
/// Column-major is the one storage order used everywhere in Bellwether; it is LAPACK's, and every
/// BLAS call passes it with the leading dimension equal to `rows`.
public struct Matrix: Equatable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements, column after column.
  public var storage: [Double]

  /// A matrix of zeros.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0)
    self.rows = rows
    self.columns = columns
    storage = [Double](repeating: 0, count: rows * columns)
  }

  /// A matrix filled by a function of (row, column).
  public init(rows: Int, columns: Int, _ element: (Int, Int) -> Double) {
    self.init(rows: rows, columns: columns)
    for c in 0..<columns {
      for r in 0..<rows { storage[r + c * rows] = element(r, c) }
    }
  }

  /// The identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n) { $0 == $1 ? 1 : 0 }
  }

  /// Element access.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { storage[row + column * rows] }
    set { storage[row + column * rows] = newValue }
  }

  /// The transpose.
  public var transposed: Matrix {
    Matrix(rows: columns, columns: rows) { self[$1, $0] }
  }
}
