import Foundation

/// An ordinary least-squares fit `y = X b + e` with its classical standard errors (docs/fit.md,
/// "Method").
package struct LeastSquaresFit: Sendable, Equatable {
  /// The columns' names, in the order of `coefficients`.
  package var names: [String]
  /// The estimates `b`.
  package var coefficients: [Double]
  /// Classical standard errors, the square roots of the diagonal of `s^2 (X'X)^-1`; nil when there
  /// are no residual degrees of freedom (as many observations as columns).
  package var standardErrors: [Double]?
  /// `y - X b`, in the order of the observations.
  package var residuals: [Double]
  /// `n - p`.
  package var degreesOfFreedom: Int
  /// `s = sqrt(RSS / (n - p))`; nil when `n == p`.
  package var residualSD: Double?

  /// The estimate of a column, by name.
  package func coefficient(_ name: String) -> Double? {
    names.firstIndex(of: name).map { coefficients[$0] }
  }
}

/// Least squares by Householder QR: `X = Q R`, `b = R^-1 Q'y`, `(X'X)^-1 = R^-1 R^-T`. The normal
/// equations are never formed, so a nearly collinear design loses no more precision than it must.
package enum LeastSquares {
  /// Why a design cannot be fitted.
  package enum Failure: Error, Equatable, CustomStringConvertible {
    /// Fewer observations than columns.
    case tooFewObservations(observations: Int, columns: Int)
    /// A column is (numerically) a linear combination of the columns before it.
    case rankDeficient(column: String)
    /// The rows, the response and the names disagree in length, or a value is not finite.
    case malformed(String)

    package var description: String {
      switch self {
      case .tooFewObservations(let n, let p): return "\(n) observations for \(p) coefficients"
      case .rankDeficient(let column): return "the column \(column) is a linear combination of the others"
      case .malformed(let why): return why
      }
    }
  }

  /// Fits `response` on the columns of `design` (one row per observation).
  /// - Parameters:
  ///   - design: n rows of p values each.
  ///   - response: n values.
  ///   - names: p column names.
  ///   - weights: optional positive weight per observation: weighted least squares, minimising
  ///     `sum w_i r_i^2`. The weights are precision weights relative to their mean (observation i's
  ///     error variance is `s^2 mean(w) / w_i`), so `s^2 = sum (w_i / mean(w)) r_i^2 / (n - p)` and the
  ///     standard errors are `sqrt(diag(s^2 (X' W X / mean(w))^-1))`; equal weights give ordinary
  ///     least squares to the bit. Solved as ordinary least squares on rows scaled by `sqrt(w_i / mean(w))`.
  /// - Throws: `Failure` when n < p, a column is collinear with those before it (its pivot is under
  ///   1e-10 of its own norm), the shapes disagree, or a weight is not positive and finite.
  /// - Complexity: O(n p^2).
  package static func fit(design: [[Double]], response: [Double], names: [String], weights: [Double]? = nil) throws -> LeastSquaresFit {
    let n = response.count, p = names.count
    guard design.count == n, design.allSatisfy({ $0.count == p }) else {
      throw Failure.malformed("a design of \(design.count) rows for \(n) responses and \(p) names")
    }
    guard p > 0 else { throw Failure.malformed("no columns") }
    guard design.allSatisfy({ $0.allSatisfy(\.isFinite) }), response.allSatisfy(\.isFinite) else {
      throw Failure.malformed("a value that is not finite")
    }
    guard n >= p else { throw Failure.tooFewObservations(observations: n, columns: p) }
    if let weights {
      guard weights.count == n else { throw Failure.malformed("\(weights.count) weights for \(n) observations") }
      guard weights.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw Failure.malformed("a weight that is not positive and finite") }
    }
    // Row scales sqrt(w_i / mean(w)); nil (or all equal) leaves the rows as they are.
    let meanWeight = weights.map { $0.reduce(0, +) / Double(n) }
    let scale: [Double]? = weights.flatMap { w in w.allSatisfy { $0 == w[0] } ? nil : w.map { ($0 / meanWeight!).squareRoot() } }

    // Column-major copy (rows scaled), reduced in place to R (upper triangle); y becomes Q'y.
    var a = (0..<p).map { j in design.indices.map { i in design[i][j] * (scale?[i] ?? 1) } }
    var qty = scale.map { sc in response.indices.map { response[$0] * sc[$0] } } ?? response
    for k in 0..<p {
      let columnNorm = norm(a[k], from: 0)
      let alpha = norm(a[k], from: k)
      guard columnNorm > 0, alpha > 1e-10 * columnNorm else { throw Failure.rankDeficient(column: names[k]) }
      // v = x + sign(x_k) |x| e_k, H = I - 2 v v' / v'v, so that H x = -sign(x_k) |x| e_k.
      let sign: Double = a[k][k] >= 0 ? 1 : -1
      var v = Array(a[k][k...])
      v[0] += sign * alpha
      let vv = v.reduce(0) { $0 + $1 * $1 }
      func reflect(_ x: inout [Double]) {
        var dot = 0.0
        for i in 0..<v.count { dot += v[i] * x[k + i] }
        let scale = 2 * dot / vv
        for i in 0..<v.count { x[k + i] -= scale * v[i] }
      }
      for j in k..<p { reflect(&a[j]) }
      reflect(&qty)
    }
    // R b = (Q'y)[0..<p], by back substitution.
    var b = [Double](repeating: 0, count: p)
    for i in stride(from: p - 1, through: 0, by: -1) {
      var s = qty[i]
      for j in (i + 1)..<p { s -= a[j][i] * b[j] }
      b[i] = s / a[i][i]
    }
    let residuals = (0..<n).map { i in response[i] - (0..<p).reduce(0) { $0 + design[i][$1] * b[$1] } }
    let dof = n - p
    guard dof > 0 else {
      return LeastSquaresFit(names: names, coefficients: b, standardErrors: nil, residuals: residuals,
                             degreesOfFreedom: 0, residualSD: nil)
    }
    let rss = residuals.indices.reduce(0.0) { t, i in t + (scale.map { $0[i] * $0[i] } ?? 1) * residuals[i] * residuals[i] }
    let s2 = rss / Double(dof)
    // R^-1 (upper triangular) column by column, then diag(R^-1 R^-T)_i = sum_j (R^-1)_ij^2.
    var inverse = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)  // inverse[i][j], row i
    for j in 0..<p {
      inverse[j][j] = 1 / a[j][j]
      for i in stride(from: j - 1, through: 0, by: -1) {
        var s = 0.0
        for m in (i + 1)...j { s += a[m][i] * inverse[m][j] }
        inverse[i][j] = -s / a[i][i]
      }
    }
    let se = (0..<p).map { i in (s2 * inverse[i].reduce(0) { $0 + $1 * $1 }).squareRoot() }
    return LeastSquaresFit(names: names, coefficients: b, standardErrors: se, residuals: residuals,
                           degreesOfFreedom: dof, residualSD: s2.squareRoot())
  }

  /// The Euclidean norm of `x[from...]`, scaled against overflow.
  private static func norm(_ x: [Double], from: Int) -> Double {
    let scale = x[from...].reduce(0) { max($0, abs($1)) }
    guard scale > 0 else { return 0 }
    return scale * x[from...].reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
  }
}
