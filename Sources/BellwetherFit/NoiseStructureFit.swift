import BellwetherEngine
import Foundation

/// The state, region and lean-kernel parts of the district noise (docs/model.md §3.1, §3.4), estimated
/// from how past cycles' district residuals move together within a cycle (docs/fit.md, "Noise structure").
///
/// Each seat's residual `r_i` is its result minus its own cycle's fit (`DistrictModelFit`'s per-cycle
/// regressions), so a cycle's environment and its class coefficients are taken out. With `M` the
/// residual-maker of those fits (`I - Q Q'`, `Q` the orthonormal columns of each equation's design, the
/// two equations' blocks side by side), the residuals' covariance under the model of §3.1 is
/// `M Sigma M`, `Sigma = v_state SS' + v_region RR' + v_lean K + v_idio I`, so for two seats `i != j`
///
///     E[r_i r_j] = v_state (M SS' M)_ij + v_region (M RR' M)_ij + v_lean (M K M)_ij + v_idio M_ij
///
/// (the fits soak up part of each shared shock: a class intercept its seats' mean state shock, the
/// lean slope the kernel's smooth part). The four variances are the least-squares fit of the pair
/// products `r_i r_j` on those regressors (a moment estimator on every within-cycle pair, like fitting a
/// covariogram; Cressie, "Statistics for Spatial Data", 1993, §2.6), constrained to be non-negative
/// (the best of the subsets whose unconstrained fit is non-negative), with the kernel length `l` the
/// one of `lengthGrid` with the smallest residual sum of squares. Standard errors: the delete-one-cycle
/// jackknife (Efron and Stein, 1981), which respects that pairs of one cycle share seats.
package struct NoiseStructureFit: Sendable, Codable, Equatable {
  /// One term's estimate.
  package struct Component: Sendable, Codable, Equatable {
    /// `state`, `region` or `lean`.
    package var name: String
    /// Its variance, points squared (at least 0).
    package var variance: Double
    /// Its SD, `sqrt(variance)`.
    package var sd: Double
    /// The delete-one-cycle jackknife SE of `sd`, `sqrt((n - 1) / n sum (sd_(c) - mean)^2)`; nil below
    /// three cycles.
    package var standardError: Double?
    /// Each cycle's own estimate of the variance (the same constrained fit on its pairs alone).
    package var perCycle: [Int: Double]
  }

  /// One kernel length tried.
  package struct LengthScore: Sendable, Codable, Equatable {
    package var length: Double
    /// The residual sum of squares of the pair products, pooled over the cycles.
    package var residualSumOfSquares: Double
    /// The variances fitted at this length: state, region, lean, idiosyncratic.
    package var variances: [Double]
  }

  /// The kernel lengths tried, points of lean.
  package static let lengthGrid: [Double] = [2.5, 5, 7.5, 10, 15, 20, 30, 50]

  /// The cycles whose seats were used.
  package var cycles: [Int]
  /// Seats with a residual, by cycle.
  package var seatsByCycle: [Int: Int]
  /// Of those, seats without a region (paired by state and lean only).
  package var seatsWithoutRegion: Int
  /// Within-cycle seat pairs.
  package var pairs: Int
  /// The mean squared residual over the seats (each seat's total variance, for scale).
  package var residualVariance: Double
  /// The length chosen; nil when the lean term is 0 there (the length is then not identified).
  package var kernelLength: Double?
  package var lengths: [LengthScore]
  /// `state`, `region`, `lean`, at the chosen length (or the grid's first when none is identified).
  package var components: [Component]
  /// The idiosyncratic variance fitted beside them (identified only through the fits' projection, so
  /// loosely; not used by a config, where each class's total sets it, docs/model.md §3.4).
  package var idiosyncraticVariance: Double

  /// Whether the kernel length chosen is the longest tried: then the lean term is not identified either (a
  /// longer length fits better, and the per-cycle fits absorb a shock that smooth in lean).
  package var kernelLengthAtBound: Bool { kernelLength != nil && kernelLength == lengths.last?.length }

  /// A component by name.
  package func component(_ name: String) -> Component? { components.first { $0.name == name } }

  /// The four regressors' normal equations, summed over pairs: additive across cycles.
  struct NormalEquations {
    /// The regressors: same state, same region, lean kernel, idiosyncratic (each after the fits' projection).
    static let columns = 4
    var ata = [Double](repeating: 0, count: columns * columns)
    var atb = [Double](repeating: 0, count: columns)
    var btb = 0.0
    var pairs = 0

    static func + (a: NormalEquations, b: NormalEquations) -> NormalEquations {
      var s = a
      for k in 0..<(columns * columns) { s.ata[k] += b.ata[k] }
      for k in 0..<columns { s.atb[k] += b.atb[k] }
      s.btb += b.btb
      s.pairs += b.pairs
      return s
    }

    /// The residual sum of squares of `x`: `b'b - 2 x'A'b + x'A'A x`.
    func residualSumOfSquares(_ x: [Double]) -> Double {
      let c = Self.columns
      var q = btb
      for i in 0..<c {
        q -= 2 * x[i] * atb[i]
        for j in 0..<c { q += x[i] * ata[c * i + j] * x[j] }
      }
      return q
    }

    /// The non-negative least-squares solution: of the subsets of the regressors whose
    /// unconstrained fit is non-negative (the empty one always is), the one of least residual sum of
    /// squares, the others' variances 0. A subset whose equations are singular (not positive definite:
    /// a regressor that is 0 on every pair, or collinear ones) is skipped.
    func nonNegativeSolution() -> [Double] {
      let n = Self.columns
      var best = [Double](repeating: 0, count: n), bestRSS = residualSumOfSquares(best)
      for mask in 1..<(1 << n) {
        let columns = (0..<n).filter { mask & (1 << $0) != 0 }
        let gram = Matrix(rows: columns.count, columns: columns.count) { ata[n * columns[$0] + columns[$1]] }
        guard let factor = try? gram.choleskyLower() else { continue }
        let solved = factor.choleskySolve(columns.map { atb[$0] })
        guard solved.allSatisfy({ $0 >= 0 }) else { continue }
        var x = [Double](repeating: 0, count: n)
        for (k, c) in columns.enumerated() { x[c] = solved[k] }
        let rss = residualSumOfSquares(x)
        if rss < bestRSS {
          best = x
          bestRSS = rss
        }
      }
      return best
    }
  }

  /// One residual: its seat's state, region and lean.
  package struct Residual: Sendable, Equatable {
    package var state: String
    package var region: String?
    package var lean: Double
    package var value: Double
    /// The seat's row of `Q`, the orthonormal columns of its cycle's fits (zero in the other equation's
    /// columns); empty: no projection (the residuals are taken as the errors themselves).
    package var projection: [Double]

    package init(state: String, region: String?, lean: Double, value: Double, projection: [Double] = []) {
      self.state = state
      self.region = region
      self.lean = lean
      self.value = value
      self.projection = projection
    }
  }

  /// The pair sums of one cycle's residuals at each kernel length of `lengths`: each pair's product
  /// against the projected regressors `(M A M)_ij = A_ij - Q_i (A Q)_j - (A Q)_i Q_j + Q_i (Q'A Q) Q_j`
  /// (rows of `Q` as vectors) for A the same-state, same-region and kernel matrices, and
  /// `M_ij = -Q_i Q_j` for the idiosyncratic term. A same-state pair is a same-region pair too, as in
  /// the engine (`NoiseCovariance`), whatever regions the residuals name.
  /// - Complexity: O(n^2 p) per matrix, p the columns of `Q`.
  static func normalEquations(_ r: [Residual], lengths: [Double]) -> [NormalEquations] {
    let n = r.count, p = r.map(\.projection.count).max() ?? 0
    // Q as one flat row-major array, n x p.
    var q = [Double](repeating: 0, count: n * p)
    for i in 0..<n { for c in 0..<r[i].projection.count { q[i * p + c] = r[i].projection[c] } }
    let sameState = (0..<n).map { i in (0..<n).filter { r[$0].state == r[i].state } }
    let sameRegion = (0..<n).map { i in (0..<n).filter { r[$0].state == r[i].state || (r[i].region != nil && r[$0].region == r[i].region) } }
    /// The projected off-diagonal entries (upper triangle, row by row) of A, given A Q's rows `aq`, and
    /// the raw entry `raw(i, j)`.
    func projected(_ aq: [Double], _ raw: (Int, Int) -> Double) -> [Double] {
      // w_i = (Q'A Q) Q_i = sum_k Q_k (A Q)_k . Q_i ... formed as (Q'AQ) then applied.
      var qaq = [Double](repeating: 0, count: p * p)
      for k in 0..<n { for c in 0..<p where q[k * p + c] != 0 { for d in 0..<p { qaq[c * p + d] += q[k * p + c] * aq[k * p + d] } } }
      var w = [Double](repeating: 0, count: n * p)
      for i in 0..<n { for d in 0..<p { var t = 0.0; for c in 0..<p { t += q[i * p + c] * qaq[c * p + d] }; w[i * p + d] = t } }
      var out: [Double] = []
      out.reserveCapacity(n * (n - 1) / 2)
      for i in 0..<n {
        for j in (i + 1)..<n {
          var v = raw(i, j)
          for c in 0..<p { v += -q[i * p + c] * aq[j * p + c] - aq[i * p + c] * q[j * p + c] + w[i * p + c] * q[j * p + c] }
          out.append(v)
        }
      }
      return out
    }
    /// A Q for a 0/1 membership given by each seat's members.
    func membershipTimesQ(_ members: [[Int]]) -> [Double] {
      var aq = [Double](repeating: 0, count: n * p)
      for i in 0..<n { for k in members[i] { for c in 0..<p { aq[i * p + c] += q[k * p + c] } } }
      return aq
    }
    let stateSet = sameState.map(Set.init), regionSet = sameRegion.map(Set.init)
    let state = projected(membershipTimesQ(sameState)) { stateSet[$0].contains($1) ? 1 : 0 }
    let region = projected(membershipTimesQ(sameRegion)) { regionSet[$0].contains($1) ? 1 : 0 }
    var idiosyncratic: [Double] = []
    idiosyncratic.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n { for j in (i + 1)..<n { var t = 0.0; for c in 0..<p { t -= q[i * p + c] * q[j * p + c] }; idiosyncratic.append(t) } }
    var products: [Double] = []
    products.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n { for j in (i + 1)..<n { products.append(r[i].value * r[j].value) } }
    return lengths.map { length in
      let denominator = 2 * length * length
      var kernel = [Double](repeating: 0, count: n * n)
      for i in 0..<n { for k in 0..<n { let d = r[i].lean - r[k].lean; kernel[i * n + k] = exp(-d * d / denominator) } }
      var kq = [Double](repeating: 0, count: n * p)
      if p > 0 { for i in 0..<n { for k in 0..<n { let v = kernel[i * n + k]; for c in 0..<p { kq[i * p + c] += v * q[k * p + c] } } } }
      let lean = projected(kq) { kernel[$0 * n + $1] }
      var e = NormalEquations()
      let c = NormalEquations.columns
      let columns = [state, region, lean, idiosyncratic]
      for u in 0..<c {
        for t in products.indices { e.atb[u] += columns[u][t] * products[t] }
        for v in u..<c {
          var sum = 0.0
          for t in products.indices { sum += columns[u][t] * columns[v][t] }
          e.ata[c * u + v] = sum
          e.ata[c * v + u] = sum
        }
      }
      e.btb = products.reduce(0) { $0 + $1 * $1 }
      e.pairs = products.count
      return e
    }
  }

  /// Fits the four variances on the residuals of each cycle (the three shared terms are reported).
  /// - Returns: nil when no cycle has two residuals.
  package static func fit(residualsByCycle: [Int: [Residual]], lengths: [Double] = lengthGrid) -> NoiseStructureFit? {
    let cycles = residualsByCycle.keys.filter { residualsByCycle[$0]!.count >= 2 }.sorted()
    guard !cycles.isEmpty, !lengths.isEmpty else { return nil }
    let byCycle = cycles.map { normalEquations(residualsByCycle[$0]!, lengths: lengths) }
    let equations = lengths.indices.map { k in byCycle.map { $0[k] } }
    let pooled = equations.map { $0.dropFirst().reduce($0[0], +) }
    let scores = lengths.indices.map { k -> LengthScore in
      let x = pooled[k].nonNegativeSolution()
      return LengthScore(length: lengths[k], residualSumOfSquares: pooled[k].residualSumOfSquares(x), variances: x)
    }
    // The least residual sum of squares; the first of equal ones.
    let chosen = scores.indices.min { scores[$0].residualSumOfSquares < scores[$1].residualSumOfSquares }!
    let x = scores[chosen].variances
    let names = ["state", "region", "lean"]
    let jackknife: [[Double]]? = cycles.count >= 3 ? cycles.indices.map { left in
      let rest = cycles.indices.filter { $0 != left }.map { equations[chosen][$0] }
      return rest.dropFirst().reduce(rest[0], +).nonNegativeSolution()
    } : nil
    let perCycle = cycles.indices.map { equations[chosen][$0].nonNegativeSolution() }
    let components = names.indices.map { p -> Component in
      var se: Double?
      if let jackknife {
        let sds = jackknife.map { $0[p].squareRoot() }, n = Double(sds.count), mean = sds.reduce(0, +) / n
        se = ((n - 1) / n * sds.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
      }
      return Component(name: names[p], variance: x[p], sd: x[p].squareRoot(), standardError: se,
                       perCycle: Dictionary(uniqueKeysWithValues: cycles.indices.map { (cycles[$0], perCycle[$0][p]) }))
    }
    let all = cycles.flatMap { residualsByCycle[$0]! }
    return NoiseStructureFit(
      cycles: cycles, seatsByCycle: Dictionary(uniqueKeysWithValues: cycles.map { ($0, residualsByCycle[$0]!.count) }),
      seatsWithoutRegion: all.filter { $0.region == nil }.count, pairs: pooled[chosen].pairs,
      residualVariance: all.reduce(0) { $0 + $1.value * $1.value } / Double(all.count),
      kernelLength: x[2] > 0 ? lengths[chosen] : nil, lengths: scores, components: components, idiosyncraticVariance: x[3])
  }

  /// The residuals the fit reads: each seat of `seats` in a cycle of `district` minus its own cycle's
  /// fit of its specification (`withPrevious` with a previous race, else `withoutPrevious`), with its row
  /// of that cycle's `Q` (each equation's design `X` times `L^-T`, `L L' = X'X`, so `Q Q' = X (X'X)^-1 X'`;
  /// the `withPrevious` columns first); a seat whose cycle's fit failed has none.
  package static func residuals(seats: [SeatObservation], district: DistrictModelFit) -> [Int: [Residual]] {
    var out: [Int: [Residual]] = [:]
    let specifications: [DistrictSpecification] = [.withPrevious, .withoutPrevious]
    for (i, c) in district.cycles.enumerated() {
      let fits = specifications.map { spec -> DistrictRegression? in
        guard let perCycle = district.specification(spec)?.perCycle, i < perCycle.count, perCycle[i].failure == nil else { return nil }
        return perCycle[i]
      }
      let widths = fits.map { $0?.coefficients.count ?? 0 }, total = widths.reduce(0, +)
      var cycle: [Residual] = []
      for (k, spec) in specifications.enumerated() {
        guard let fit = fits[k] else { continue }
        let sample = seats.filter { $0.cycle == c && spec.includes($0) && fit.predict($0) != nil }
        let names = fit.coefficients.map(\.name)
        let rows = sample.map { s in names.map { DistrictSpecification.value($0, s) } }
        let p = names.count
        let gram = Matrix(rows: p, columns: p) { a, b in rows.reduce(0) { $0 + $1[a] * $1[b] } }
        guard let l = try? gram.choleskyLower() else { continue }
        let offset = widths[..<k].reduce(0, +)
        for (s, x) in zip(sample, rows) {
          var projection = [Double](repeating: 0, count: total)
          // L q = x: the seat's row of Q = X L^-T.
          projection.replaceSubrange(offset..<(offset + p), with: l.forwardSubstitution(x))
          cycle.append(Residual(state: s.state, region: s.region, lean: s.lean, value: s.relativeMargin - fit.predict(s)!,
                                projection: projection))
        }
      }
      out[c] = cycle
    }
    return out
  }
}
