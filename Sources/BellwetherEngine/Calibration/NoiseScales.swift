/// The four standard deviations of the correlated district noise (docs/model.md §3.1):
/// `Sigma = state^2 S S' + region^2 R R' + lean^2 K + idiosyncratic^2 I`.
package struct NoiseScales: Sendable, Codable, Equatable {
  package var state: Double
  package var region: Double
  package var lean: Double
  package var idiosyncratic: Double

  /// Creates scales directly.
  package init(state: Double, region: Double, lean: Double, idiosyncratic: Double) {
    self.state = state
    self.region = region
    self.lean = lean
    self.idiosyncratic = idiosyncratic
  }

  /// Scales calibrated from the specials' dispersion: the total SD is
  /// `max(minimumSD, scaleFromTau * tau)`, split by the configured variance shares; with
  /// `noise.componentSD` (docs/model.md §3.4) the state, region and lean SDs are those instead. Each is
  /// then multiplied by the square root of `noise.varianceInflation` (§3.4).
  package init(tau: Double, priors: ModelPriors) {
    let total = max(priors.noiseMinimumSD, priors.noiseScaleFromTau * tau)
    let shares = priors.noiseShares
    let inflation = (priors.noiseVarianceInflation ?? 1).squareRoot()
    state = inflation * (priors.noiseComponentSD?.state ?? (shares.state).squareRoot() * total)
    region = inflation * (priors.noiseComponentSD?.region ?? (shares.region).squareRoot() * total)
    lean = inflation * (priors.noiseComponentSD?.lean ?? (shares.lean).squareRoot() * total)
    idiosyncratic = inflation * (shares.idiosyncratic).squareRoot() * total
  }

  /// The total SD of one district's noise, `sqrt(state^2 + region^2 + lean^2 + idiosyncratic^2)`.
  package var total: Double {
    (state * state + region * region + lean * lean + idiosyncratic * idiosyncratic).squareRoot()
  }
}
