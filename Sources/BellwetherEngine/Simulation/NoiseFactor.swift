import Foundation

/// A factor of the noise covariance that the draw kernel applies to blocks of standard normals:
///
///     eps = F z  +  sum over memberships g of  loading_g * u_g[group_g(seat)]  +  D w
///
/// with `z` (rank per draw), `u_g` (one per group of membership g: a state, a region) and `w` (one per
/// seat) independent standard normals, so that
/// `Cov(eps) = F F' + sum_g loading_g^2 M_g M_g' + diag(D^2)`, where `M_g` is the seat-to-group
/// membership matrix. A membership term is a gather, not a gemm: a state's shock is one number
/// shared by its seats, so it costs one normal per state instead of a dense column per state.
///
/// The dense path (`.cholesky`) is exact: F = the Cholesky factor of Sigma, no memberships, no D.
/// Single precision is used in the kernel: margins are in points and the relative rounding of a
/// float (6e-8) is far below any reported digit.
public struct NoiseFactor: Sendable {
  /// How the factor was made.
  public enum Method: String, Sendable, Codable, CaseIterable {
    /// Dense lower Cholesky factor of Sigma (LAPACK potrf): exact, rank = seats.
    case cholesky
    /// Exact state and region memberships plus the leading eigenvectors of the lean kernel, with
    /// the idiosyncratic SD (and the kernel's discarded diagonal) as a separate diagonal term.
    case lowRank = "low-rank"
    /// Exact state and region memberships plus a Nystrom factor of the lean kernel from inducing
    /// points on the lean axis, with no n x n matrix anywhere (`NoiseFactor.structured(of:)`); the
    /// default's choice above `NoiseFactor.denseSeatLimit` contested seats (docs/model.md §3.2).
    case structured
  }

  /// A shared shock by group (state or region): seats of one group share one normal.
  package struct Membership: Sendable, Equatable {
    /// The group (0..<groups) of each seat.
    let groupOf: [Int32]
    /// Number of groups.
    let groups: Int
    /// The SD of the group's shock (points).
    let loading: Float

    /// Creates a membership term.
    package init(groupOf: [Int32], groups: Int, loading: Float) {
      self.groupOf = groupOf
      self.groups = groups
      self.loading = loading
    }
  }

  /// Rows (seats).
  package let seats: Int
  /// Columns of the dense loadings (normals per draw through the gemm; may be 0).
  package let rank: Int
  /// Dense loadings, column-major, `seats x rank`.
  let loadings: [Float]
  /// Membership terms.
  let memberships: [Membership]
  /// Per-seat SD of the independent term, or empty when there is none.
  package let idiosyncratic: [Float]
  /// How it was made.
  package let method: Method
  /// Largest absolute entry of `Sigma - Cov(eps)` (0 for Cholesky), computed in double (for the
  /// structured factor, over the pairs of `NoiseFactor.errorPoints`).
  package let maxAbsoluteError: Double
  /// Frobenius norm of `Sigma - Cov(eps)` (0 for Cholesky), computed in double: it bounds how far
  /// the factor can move any probability of a whole draw (docs/forecast-schema.md, "Re-simulating a run").
  /// For the structured factor, the bound `seats x maxAbsoluteError` (no n x n difference is formed).
  package let frobeniusError: Double

  /// Standard normals one draw consumes.
  package var normalsPerDraw: Int {
    rank + memberships.map(\.groups).reduce(0, +) + (idiosyncratic.isEmpty ? 0 : seats)
  }

  /// The dense Cholesky factor of a covariance.
  /// - Throws: `FactorizationError.notPositiveDefinite` if Sigma is not positive definite.
  public static func cholesky(of sigma: Matrix) throws -> NoiseFactor {
    let l = try sigma.choleskyLower()
    return NoiseFactor(seats: sigma.rows, rank: sigma.rows, loadings: l.storage.map(Float.init), memberships: [],
                       idiosyncratic: [], method: .cholesky, maxAbsoluteError: 0)
  }

  /// Creates a factor from parts.
  package init(seats: Int, rank: Int, loadings: [Float], memberships: [Membership] = [], idiosyncratic: [Float],
              method: Method, maxAbsoluteError: Double, frobeniusError: Double = 0) {
    precondition(loadings.count == seats * rank)
    precondition(idiosyncratic.isEmpty || idiosyncratic.count == seats)
    precondition(memberships.allSatisfy { m in m.groupOf.count == seats && m.groupOf.allSatisfy { $0 >= 0 && Int($0) < m.groups } })
    self.seats = seats
    self.rank = rank
    self.loadings = loadings
    self.memberships = memberships
    self.idiosyncratic = idiosyncratic
    self.method = method
    self.maxAbsoluteError = maxAbsoluteError
    self.frobeniusError = frobeniusError
  }

  /// The covariance this factor implies, in double.
  /// - Complexity: O(seats^2 x rank).
  func impliedCovariance() -> Matrix {
    let f = Matrix(rows: seats, columns: rank) { Double(loadings[$0 + $1 * seats]) }
    var c = rank > 0 ? BLAS.multiply(f, f.transposed) : Matrix(rows: seats, columns: seats)
    for m in memberships {
      let l2 = Double(m.loading) * Double(m.loading)
      for k in 0..<seats {
        for i in 0..<seats where m.groupOf[i] == m.groupOf[k] { c[i, k] += l2 }
      }
    }
    for (i, s) in idiosyncratic.enumerated() { c[i, i] += Double(s) * Double(s) }
    return c
  }

  /// The maximal runs of consecutive seats that share every membership's group, as (first seat,
  /// end seat), with each run's group in every membership (`groups[run * memberships.count + k]`).
  /// Seats are put in region and state order before factoring, so a run is usually a whole state.
  /// Empty without memberships.
  var membershipRuns: (runs: [(start: Int32, end: Int32)], groups: [Int32]) {
    var runs: [(start: Int32, end: Int32)] = []
    var groups: [Int32] = []
    guard !memberships.isEmpty && seats > 0 else { return (runs, groups) }
    var start = 0
    for i in 1...seats where i == seats || memberships.contains(where: { $0.groupOf[i] != $0.groupOf[start] }) {
      runs.append((Int32(start), Int32(i)))
      groups += memberships.map { $0.groupOf[start] }
      start = i
    }
    return (runs, groups)
  }

  /// The marginal variance of each seat's noise implied by the factor, in double.
  /// - Complexity: O(seats x rank).
  var seatVariances: [Double] {
    let shared = memberships.map { Double($0.loading) * Double($0.loading) }.reduce(0, +)
    return (0..<seats).map { i in
      var v = shared + (idiosyncratic.isEmpty ? 0 : Double(idiosyncratic[i]) * Double(idiosyncratic[i]))
      for k in 0..<rank { v += Double(loadings[i + k * seats]) * Double(loadings[i + k * seats]) }
      return v
    }
  }

  /// The largest marginal variance of any seat (used to size histograms).
  var largestVariance: Double { seatVariances.max() ?? 0 }
}
