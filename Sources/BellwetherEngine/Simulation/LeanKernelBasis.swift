import Foundation

/// A Nystrom basis of the lean kernel `k(x, y) = exp(-(x - y)^2 / (2 l^2))` (docs/model.md §3.2):
/// inducing points `u_1 ... u_m` evenly spaced over the leans' range, at most `spacing * l` apart,
/// and the eigenpairs `(lambda_j, v_j)` of `K_mm = k(u, u)` above `tolerance` times the largest. A
/// lean's features are `phi(x) = Lambda^(-1/2) V' k(u, x)`, so that
/// `k(x, y) ≈ phi(x)' phi(y)`, the Nystrom approximation (Williams and Seeger, "Using the Nystrom
/// method to speed up kernel machines", NIPS 2001). The kernel depends on one variable, so the m
/// points on the lean axis stand for any number of seats: no n x n matrix is ever formed.
struct LeanKernelBasis {
  /// Kernel length l (points).
  let length: Double
  /// The inducing points.
  let inducing: [Double]
  /// `V Lambda^(-1/2)`: m x rank.
  let projection: Matrix

  /// Features per lean.
  var rank: Int { projection.columns }

  /// Seats whose kernel rows are formed at once (m doubles each): bounds the basis's scratch.
  static let chunk = 4096

  /// Builds the basis for leans in `lower...upper`.
  /// - Complexity: O(m^3) with m = (upper - lower) / (spacing l) + 1.
  init(lower: Double, upper: Double, length: Double, spacing: Double, tolerance: Double) throws {
    precondition(upper >= lower && length > 0 && spacing > 0)
    self.length = length
    let m = Self.inducingCount(lower: lower, upper: upper, length: length, spacing: spacing)
    inducing = (0..<m).map { m == 1 ? lower : lower + (upper - lower) * Double($0) / Double(m - 1) }
    let denominator = 2 * length * length
    let points = inducing
    let kmm = Matrix(rows: m, columns: m) { i, k in
      let d = points[i] - points[k]
      return exp(-d * d / denominator)
    }
    let (values, vectors) = try kmm.symmetricEigen()
    let largest = values.last ?? 0
    let kept = (0..<m).reversed().filter { values[$0] > tolerance * largest }
    projection = Matrix(rows: m, columns: kept.count) { j, c in vectors[j, kept[c]] / values[kept[c]].squareRoot() }
  }

  /// Inducing points for a range: the fewest, evenly spaced, at most `spacing * length` apart.
  static func inducingCount(lower: Double, upper: Double, length: Double, spacing: Double) -> Int {
    max(1, Int(((upper - lower) / (spacing * length)).rounded(.up)) + 1)
  }

  /// The features of leans `x[range]`, as a `range.count x rank` matrix (one dgemm per call).
  /// - Complexity: O(count x m x rank).
  func features(_ x: [Double], _ range: Range<Int>) -> Matrix {
    let denominator = 2 * length * length
    let points = inducing
    let knm = Matrix(rows: range.count, columns: points.count) { i, j in
      let d = x[range.lowerBound + i] - points[j]
      return exp(-d * d / denominator)
    }
    return BLAS.multiply(knm, projection)
  }

  /// The largest `|k(p_a, p_b) - phi(p_a)' phi(p_b)|` over every pair of the points (the diagonal
  /// included: there the error is `1 - |phi(p)|^2`, the variance the draws put in the independent term).
  /// - Complexity: O(p^2 x rank) time, p^2 doubles of memory.
  func largestError(over points: [Double]) -> Double {
    guard !points.isEmpty else { return 0 }
    let phi = features(points, points.indices)
    let approximate = BLAS.multiply(phi, phi.transposed)
    let denominator = 2 * length * length
    var worst = 0.0
    for b in points.indices {
      for a in points.indices {
        let d = points[a] - points[b]
        worst = max(worst, abs(exp(-d * d / denominator) - approximate[a, b]))
      }
    }
    return worst
  }
}
