/// The four standard deviations of the correlated district noise (MODEL.md section 3):
/// `Sigma = state^2 S S' + region^2 R R' + lean^2 K + idiosyncratic^2 I`.
public struct NoiseScales: Sendable, Codable, Equatable {
  public var state: Double
  public var region: Double
  public var lean: Double
  public var idiosyncratic: Double

  /// Creates scales directly.
  public init(state: Double, region: Double, lean: Double, idiosyncratic: Double) {
    self.state = state
    self.region = region
    self.lean = lean
    self.idiosyncratic = idiosyncratic
  }

  /// Scales calibrated from the specials' dispersion: the total SD is
  /// `max(minimumSD, scaleFromTau * tau)`, split by the configured variance shares.
  public init(tau: Double, priors: ModelPriors) {
    let total = max(priors.noiseMinimumSD, priors.noiseScaleFromTau * tau)
    let shares = priors.noiseShares
    state = (shares.state).squareRoot() * total
    region = (shares.region).squareRoot() * total
    lean = (shares.lean).squareRoot() * total
    idiosyncratic = (shares.idiosyncratic).squareRoot() * total
  }

  /// The total SD of one district's noise, `sqrt(state^2 + region^2 + lean^2 + idiosyncratic^2)`.
  public var total: Double {
    (state * state + region * region + lean * lean + idiosyncratic * idiosyncratic).squareRoot()
  }
}
