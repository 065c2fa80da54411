import Foundation

/// The state, region and lean-kernel parts of the district noise (docs/model.md §3.1, §3.4), estimated
/// from how past cycles' district residuals move together within a cycle (docs/fit.md, "Noise structure").
///
/// Each seat's residual `r_i` is its result minus its own cycle's fit (`DistrictModelFit`'s per-cycle
/// regressions), so a cycle's environment and its class coefficients are taken out. For two seats
/// `i != j` of one cycle the model of §3.1 says
///
///     E[r_i r_j] = v_state [same state] + v_region [same region] + v_lean exp(-(lean_i - lean_j)^2 / (2 l^2)),
///
/// so the three variances are the least-squares fit of the pair products `r_i r_j` on those three
/// regressors (a moment estimator on every within-cycle pair, like fitting a covariogram; Cressie,
/// "Statistics for Spatial Data", 1993, §2.6), constrained to be non-negative (the best of the subsets
/// whose unconstrained fit is non-negative), with the kernel length `l` the one of `lengthGrid` with
/// the smallest residual sum of squares. Standard errors: the delete-one-cycle jackknife (Efron and
/// Stein, 1981), which respects that pairs of one cycle share seats.
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
    /// The variances fitted at this length: state, region, lean.
    package var variances: [Double]
  }

  /// The kernel lengths tried, points of lean.
  package static let lengthGrid: [Double] = [2.5, 5, 7.5, 10, 15, 20, 30]

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

  /// A component by name.
  package func component(_ name: String) -> Component? { components.first { $0.name == name } }

  /// The three regressors' normal equations, summed over pairs: additive across cycles.
  struct NormalEquations {
    var ata = [Double](repeating: 0, count: 9)
    var atb = [Double](repeating: 0, count: 3)
    var btb = 0.0
    var pairs = 0

    static func + (a: NormalEquations, b: NormalEquations) -> NormalEquations {
      var s = a
      for k in 0..<9 { s.ata[k] += b.ata[k] }
      for k in 0..<3 { s.atb[k] += b.atb[k] }
      s.btb += b.btb
      s.pairs += b.pairs
      return s
    }

    /// The residual sum of squares of `x`: `b'b - 2 x'A'b + x'A'A x`.
    func residualSumOfSquares(_ x: [Double]) -> Double {
      var q = btb
      for i in 0..<3 {
        q -= 2 * x[i] * atb[i]
        for j in 0..<3 { q += x[i] * ata[3 * i + j] * x[j] }
      }
      return q
    }

    /// The non-negative least-squares solution: of the subsets of the three regressors whose
    /// unconstrained fit is non-negative (the empty one always is), the one of least residual sum of
    /// squares, the others' variances 0. A subset whose equations are singular is skipped.
    func nonNegativeSolution() -> [Double] {
      var best = [0.0, 0.0, 0.0], bestRSS = residualSumOfSquares(best)
      for mask in 1..<8 {
        let columns = (0..<3).filter { mask & (1 << $0) != 0 }
        guard let solved = Self.solve(columns.map { i in columns.map { ata[3 * i + $0] } }, columns.map { atb[$0] }),
              solved.allSatisfy({ $0 >= 0 }) else { continue }
        var x = [0.0, 0.0, 0.0]
        for (k, c) in columns.enumerated() { x[c] = solved[k] }
        let rss = residualSumOfSquares(x)
        if rss < bestRSS {
          best = x
          bestRSS = rss
        }
      }
      return best
    }

    /// Gaussian elimination with partial pivoting; nil when a pivot is below 1e-12 of the matrix's largest entry.
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double]? {
      var a = m, b = v
      let n = b.count, scale = m.flatMap { $0 }.map(abs).max() ?? 0
      guard scale > 0 else { return nil }
      for k in 0..<n {
        let p = (k..<n).max { abs(a[$0][k]) < abs(a[$1][k]) }!
        guard abs(a[p][k]) > 1e-12 * scale else { return nil }
        a.swapAt(k, p)
        b.swapAt(k, p)
        for i in (k + 1)..<n {
          let f = a[i][k] / a[k][k]
          for j in k..<n { a[i][j] -= f * a[k][j] }
          b[i] -= f * b[k]
        }
      }
      var x = [Double](repeating: 0, count: n)
      for i in stride(from: n - 1, through: 0, by: -1) {
        x[i] = (b[i] - ((i + 1)..<n).reduce(0) { $0 + a[i][$1] * x[$1] }) / a[i][i]
      }
      return x
    }
  }

  /// One residual: its seat's state, region and lean.
  package struct Residual: Sendable, Equatable {
    package var state: String
    package var region: String?
    package var lean: Double
    package var value: Double

    package init(state: String, region: String?, lean: Double, value: Double) {
      self.state = state
      self.region = region
      self.lean = lean
      self.value = value
    }
  }

  /// The pair sums of one cycle's residuals at kernel length `length`.
  /// - Complexity: O(n^2).
  static func normalEquations(_ r: [Residual], length: Double) -> NormalEquations {
    var e = NormalEquations()
    let denominator = 2 * length * length
    for i in r.indices {
      for j in (i + 1)..<r.count {
        let d = r[i].lean - r[j].lean
        let a = [r[i].state == r[j].state ? 1.0 : 0, r[i].region != nil && r[i].region == r[j].region ? 1.0 : 0,
                 exp(-d * d / denominator)]
        let b = r[i].value * r[j].value
        for p in 0..<3 {
          e.atb[p] += a[p] * b
          for q in 0..<3 { e.ata[3 * p + q] += a[p] * a[q] }
        }
        e.btb += b * b
        e.pairs += 1
      }
    }
    return e
  }

  /// Fits the three variances on the residuals of each cycle.
  /// - Returns: nil when no cycle has two residuals.
  package static func fit(residualsByCycle: [Int: [Residual]], lengths: [Double] = lengthGrid) -> NoiseStructureFit? {
    let cycles = residualsByCycle.keys.filter { residualsByCycle[$0]!.count >= 2 }.sorted()
    guard !cycles.isEmpty, !lengths.isEmpty else { return nil }
    let equations = lengths.map { l in cycles.map { normalEquations(residualsByCycle[$0]!, length: l) } }
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
      kernelLength: x[2] > 0 ? lengths[chosen] : nil, lengths: scores, components: components)
  }

  /// The residuals the fit reads: each seat of `seats` in a cycle of `district` minus its own cycle's
  /// fit of its specification (`withPrevious` with a previous race, else `withoutPrevious`); a seat
  /// whose cycle's fit failed has none.
  package static func residuals(seats: [SeatObservation], district: DistrictModelFit) -> [Int: [Residual]] {
    var out: [Int: [Residual]] = [:]
    for (i, c) in district.cycles.enumerated() {
      out[c] = seats.filter { $0.cycle == c }.compactMap { s in
        let spec: DistrictSpecification = s.previousRelative != nil ? .withPrevious : .withoutPrevious
        guard let fits = district.specification(spec)?.perCycle, i < fits.count, let p = fits[i].predict(s) else { return nil }
        return Residual(state: s.state, region: s.region, lean: s.lean, value: s.relativeMargin - p)
      }
    }
    return out
  }
}
