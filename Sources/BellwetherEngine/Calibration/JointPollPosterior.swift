import Foundation

/// The model conditioned on every district poll at once (`polls.conditioning: "joint"`, docs/model.md
/// §2.5): the exact Gaussian conditional of the environment, of every shared noise component and of
/// each polled seat's own noise, means and covariances, in the form the draw kernel takes:
///
///     margin[d] = baseMargins[d] + environmentLoadings[d] * E + s * (G zeta + D' xi)[d]
///
/// with `E` drawn from `N(environmentMean, environmentSD^2)` (as a Student t of that SD, §2.4) and
/// `factor` holding `G` and `D'`.
///
/// Before the polls a seat's margin is `base[d] + lambda[d] E + eps[d]`, `lambda[d]` its prior loading
/// on the environment (1, or elastic swing's `1 + elasticity |lean|`, §1.6, times `1 - selectionSlope`
/// for a polled seat). The prior noise is the factor's latent form (§3.2): `eps[d] = f[d]' z + i[d]`,
/// `z` independent standard normals (its dense columns and one per state and per region),
/// `i[d] ~ N(0, sigma_d^2)` the independent term. A polled seat's adjusted average observes
/// `r[d] = ybar[d] - base[d] = lambda[d] E + f[d]' z + u + i[d] + eta[d]`, with `u ~ N(0, sharedSD^2)` the cycle's shared poll error and
/// `eta[d] ~ N(0, e[d])` the average's own error. With `theta = ((E - muE)/sigmaE, z, u/sharedSD)`
/// (standard normal a priori) and `h[d]` the seat's coefficients on it, the observations are
/// independent given theta, with variances `v[d] = sigma_d^2 + e[d]`, so (Bayesian linear regression)
/// `theta | r ~ N(m, Lambda^-1)`, `Lambda = I + sum h h' / v`, `m = Lambda^-1 sum h (r - lambda muE) / v`.
/// Given theta and its own observation, a polled seat's independent term is `N(g (r - lambda E - f' z - u),
/// sigma_d^2 (1 - g))`, `g = sigma_d^2 / v`; an unpolled seat's is untouched. The draw conditions the
/// rest of theta on the environment's component (precision `Lambda_rr`, mean shifted by
/// `-Lambda_rr^-1 Lambda_r0` per unit), which makes each seat's coefficient on E differ from 1.
package struct JointPollPosterior: Sendable {
  /// Each contested seat's constant term (kernel order).
  package var baseMargins: [Double]
  /// Each contested seat's coefficient on the environment draw.
  package var environmentLoadings: [Double]
  /// The environment after the polls: mean and SD.
  package var environmentMean: Double
  package var environmentSD: Double
  /// The noise given the environment: dense loadings `G` (no memberships) and the per-seat
  /// independent SDs `D'`.
  package var factor: NoiseFactor
  /// Number of latent components conditioned (the environment, the factor's shared normals, the
  /// shared poll error).
  package var components: Int
  /// For each polled seat (in the order given): the derivative of its expected margin with respect
  /// to its own adjusted poll average (how much of a point of polling moves it).
  package var ownWeights: [Double]
  /// Each contested seat's expected margin at the posterior mean, `base + loading * mean`.
  package var expectedMargins: [Double] {
    baseMargins.indices.map { baseMargins[$0] + environmentLoadings[$0] * environmentMean }
  }

  /// Conditions the prior model on the polled seats' adjusted averages.
  /// - Parameters:
  ///   - polled: the polled seats (their `index`, `average` and `errorVariance`), from `PollEvidence`.
  ///   - sharedSD: the cycle's shared poll error SD.
  ///   - base: the contested seats' baselines (kernel order), polled seats' already lowered by the
  ///     selection slope (`PollEvidence.selected`).
  ///   - loadings: each seat's prior loading on the environment, `lambda` (nil: every seat 1).
  ///   - environmentMean, environmentSD: the environment before the polls (an SD of 0 keeps it fixed).
  ///   - prior: the factor of the prior noise covariance.
  /// - Throws: `FactorizationError` if the posterior precision is not positive definite (it is
  ///   `I` plus a positive semi-definite matrix, so only through rounding).
  /// - Complexity: O(k q^2 + q^3 + n q^2) for k polled seats, n seats and q latent components.
  package static func condition(polled: [PollEvidence.Seat], sharedSD: Double, base: [Double], loadings: [Double]? = nil,
                                environmentMean: Double, environmentSD: Double, prior: NoiseFactor) throws -> JointPollPosterior {
    let n = prior.seats
    precondition(base.count == n && (loadings?.count ?? n) == n)
    let lambda0 = loadings ?? [Double](repeating: 1, count: n)
    let hasE = environmentSD > 0, hasU = sharedSD > 0
    let groupsBefore = prior.memberships.indices.map { k in prior.memberships[..<k].map(\.groups).reduce(0, +) }
    let groups = prior.memberships.map(\.groups).reduce(0, +)
    // Latent order: [E] + dense columns + membership groups + [u].
    let offsetZ = hasE ? 1 : 0
    let offsetU = offsetZ + prior.rank + groups
    let q = offsetU + (hasU ? 1 : 0)
    let idioVariance = (0..<n).map { prior.idiosyncratic.isEmpty ? 0 : Double(prior.idiosyncratic[$0]) * Double(prior.idiosyncratic[$0]) }

    /// Seat d's coefficients on the noise latents (dense columns and memberships), written into `row`.
    func noiseLoadings(_ d: Int, into row: inout [Double], scale: Double) {
      for k in 0..<prior.rank { row[offsetZ + k] += scale * Double(prior.loadings[d + k * n]) }
      for (k, m) in prior.memberships.enumerated() {
        row[offsetZ + prior.rank + groupsBefore[k] + Int(m.groupOf[d])] += scale * Double(m.loading)
      }
    }

    // Precision and information of theta.
    var lambda = Matrix.identity(q)
    var information = [Double](repeating: 0, count: q)
    var h = [[Double]]()
    var observationVariance = [Double]()
    for seat in polled {
      let d = seat.index
      var row = [Double](repeating: 0, count: q)
      if hasE { row[0] = lambda0[d] * environmentSD }
      noiseLoadings(d, into: &row, scale: 1)
      if hasU { row[offsetU] = sharedSD }
      let v = idioVariance[d] + seat.errorVariance
      let residual = seat.average - base[d] - lambda0[d] * environmentMean
      for a in 0..<q where row[a] != 0 {
        information[a] += row[a] * residual / v
        for b in 0..<q where row[b] != 0 { lambda[a, b] += row[a] * row[b] / v }
      }
      h.append(row)
      observationVariance.append(v)
    }
    let full = try lambda.choleskyLower()
    let mean = full.choleskySolve(information)

    // The environment's marginal and the rest given it.
    let r = q - offsetZ
    let restFactor = try Matrix(rows: r, columns: r) { lambda[$0 + offsetZ, $1 + offsetZ] }.choleskyLower()
    var perUnitE = [Double](repeating: 0, count: r)  // d theta_rest / d theta_0 given theta_0
    var environmentPosteriorMean = environmentMean, environmentPosteriorSD = 0.0
    if hasE {
      let cross = (0..<r).map { lambda[$0 + offsetZ, 0] }
      perUnitE = restFactor.choleskySolve(cross).map { -$0 }
      var schur = lambda[0, 0]
      for a in 0..<r { schur += cross[a] * perUnitE[a] }
      environmentPosteriorMean = environmentMean + environmentSD * mean[0]
      environmentPosteriorSD = environmentSD / schur.squareRoot()
    }
    let restMean = Array(mean[offsetZ...])

    // Each seat's margin: a0 + kappa E + b' theta_rest + independent.
    var gain = [Double](repeating: 0, count: n)
    var observed = [Double](repeating: 0, count: n)
    var isPolled = [Bool](repeating: false, count: n)
    for (i, seat) in polled.enumerated() {
      gain[seat.index] = idioVariance[seat.index] / observationVariance[i]
      observed[seat.index] = seat.average - base[seat.index]
      isPolled[seat.index] = true
    }
    var baseMargins = [Double](repeating: 0, count: n)
    var loadingsOnE = [Double](repeating: 0, count: n)
    var dense = [Float](repeating: 0, count: n * r)
    var independent = [Float](repeating: 0, count: n)
    /// Seat d's margin, `a0 + kappa E + b' theta_rest + independent`, as its coefficients on the whole of
    /// theta (slot 0: `kappa sigmaE`, per unit of theta_0), and kappa (`(1 - g) lambda` polled, `lambda` not).
    func marginCoefficients(_ d: Int) -> (row: [Double], kappa: Double) {
      var row = [Double](repeating: 0, count: q)
      let share = isPolled[d] ? 1 - gain[d] : 1
      let kappa = share * lambda0[d]
      if hasE { row[0] = kappa * environmentSD }
      noiseLoadings(d, into: &row, scale: share)
      if isPolled[d] && hasU { row[offsetU] = -gain[d] * sharedSD }
      return (row, kappa)
    }
    for d in 0..<n {
      let (row, kappa) = marginCoefficients(d)
      let coefficients = Array(row[offsetZ...])
      var atMean = 0.0, onE = 0.0
      for a in 0..<r {
        atMean += coefficients[a] * restMean[a]
        onE += coefficients[a] * perUnitE[a]
      }
      let a0 = base[d] + (isPolled[d] ? gain[d] * observed[d] : 0)
      // theta_rest = restMean + perUnitE (theta_0 - m_0) + L^-T zeta, theta_0 = (E - muE) / sigmaE.
      if hasE {
        loadingsOnE[d] = kappa + onE / environmentSD
        baseMargins[d] = a0 + atMean - onE * (environmentMean / environmentSD + mean[0])
      } else {
        // A fixed environment: E is the constant muE, so the seat's kappa of it is folded into the
        // base and the loading stays 1 (docs/forecast-schema.md, step 3b).
        loadingsOnE[d] = 1
        baseMargins[d] = a0 + atMean + (kappa - 1) * environmentMean
      }
      // G's row: solve L g = b_rest (so that G G' = B Lambda_rr^-1 B').
      let g = restFactor.forwardSubstitution(coefficients)
      for a in 0..<r { dense[d + a * n] = Float(g[a]) }
      independent[d] = Float((idioVariance[d] * (isPolled[d] ? 1 - gain[d] : 1)).squareRoot())
    }
    // The weight of each polled seat's own average in its expected margin: d/d r_d of
    // a0 + kappa (muE + sigmaE m_0) + b' m_rest, with d m / d r_d = Lambda^-1 h_d / v_d.
    let ownWeights = polled.enumerated().map { i, seat in
      let dm = full.choleskySolve(h[i].map { $0 / observationVariance[i] })
      let row = marginCoefficients(seat.index).row
      return gain[seat.index] + zip(row, dm).reduce(0.0) { $0 + $1.0 * $1.1 }
    }
    let keepIndependent = independent.contains { $0 > 0 }
    let factor = NoiseFactor(seats: n, rank: r, loadings: dense, idiosyncratic: keepIndependent ? independent : [],
                             method: prior.method, maxAbsoluteError: prior.maxAbsoluteError,
                             frobeniusError: prior.frobeniusError)
    return JointPollPosterior(baseMargins: baseMargins, environmentLoadings: loadingsOnE,
                              environmentMean: environmentPosteriorMean, environmentSD: environmentPosteriorSD,
                              factor: factor, components: q, ownWeights: ownWeights)
  }
}
