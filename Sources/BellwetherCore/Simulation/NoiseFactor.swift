import Foundation

/// A factor of the noise covariance that the draw kernel multiplies by blocks of standard normals:
/// `eps = loadings * z + idiosyncratic .* w`, with `z` (rank x draws) and `w` (seats x draws)
/// independent standard normals, so that `Cov(eps) = loadings loadings' + diag(idiosyncratic^2)`.
///
/// The dense path (`.cholesky`) is exact: loadings = the Cholesky factor of Sigma, no separate
/// idiosyncratic term. Single precision is used in the kernel: margins are in points and the
/// factor's relative rounding (about 6e-8) is far below any reported digit.
public struct NoiseFactor: Sendable {
  /// How the factor was made.
  public enum Method: String, Sendable, Codable, CaseIterable {
    /// Dense lower Cholesky factor of Sigma (LAPACK potrf): exact, rank = seats.
    case cholesky
    /// Exact state and region memberships plus the leading eigenvectors of the lean kernel, with
    /// the idiosyncratic SD (and the kernel's discarded diagonal) as a separate diagonal term.
    case lowRank = "low-rank"
  }

  /// Rows (seats).
  public let seats: Int
  /// Columns (independent normals per draw through the gemm).
  public let rank: Int
  /// Loadings, column-major, `seats x rank`.
  public let loadings: [Float]
  /// Per-seat SD of the independent term, or empty when there is none.
  public let idiosyncratic: [Float]
  /// How it was made.
  public let method: Method
  /// Largest absolute entry of `Sigma - (loadings loadings' + diag)` (0 for Cholesky, in double).
  public let maxAbsoluteError: Double

  /// The dense Cholesky factor of a covariance.
  /// - Throws: `FactorizationError.notPositiveDefinite` if Sigma is not positive definite.
  public static func cholesky(of sigma: Matrix) throws -> NoiseFactor {
    let l = try sigma.choleskyLower()
    return NoiseFactor(seats: sigma.rows, rank: sigma.rows, loadings: l.storage.map(Float.init),
                       idiosyncratic: [], method: .cholesky, maxAbsoluteError: 0)
  }

  /// Creates a factor from parts.
  public init(seats: Int, rank: Int, loadings: [Float], idiosyncratic: [Float], method: Method, maxAbsoluteError: Double) {
    precondition(loadings.count == seats * rank)
    precondition(idiosyncratic.isEmpty || idiosyncratic.count == seats)
    self.seats = seats
    self.rank = rank
    self.loadings = loadings
    self.idiosyncratic = idiosyncratic
    self.method = method
    self.maxAbsoluteError = maxAbsoluteError
  }

  /// The covariance this factor implies, `loadings loadings' + diag(idiosyncratic^2)`, in double.
  public func impliedCovariance() -> Matrix {
    let f = Matrix(rows: seats, columns: rank) { Double(loadings[$0 + $1 * seats]) }
    var c = BLAS.multiply(f, f.transposed)
    for (i, s) in idiosyncratic.enumerated() { c[i, i] += Double(s) * Double(s) }
    return c
  }
}
