import Foundation

/// Stateless sampling functions over any `RandomNumberGenerator`; the generator holds the state.
enum Distributions {
  /// A uniform double in the open interval (0, 1), from the top 53 bits.
  @inlinable @inline(__always)
  static func uniformOpen<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    (Double(rng.next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw by the ziggurat method with 256 layers.
  ///
  /// Marsaglia and Tsang, "The Ziggurat Method for Generating Random Variables", Journal of
  /// Statistical Software 5(8), 2000, with Doornik's correction (the layer index and the uniform
  /// come from independent bits): J. A. Doornik, "An Improved Ziggurat Method to Generate Normal
  /// Random Samples", 2005.
  @inlinable @inline(__always)
  static func standardNormal<G: RandomNumberGenerator>(using rng: inout G) -> Double {
    while true {
      let bits = rng.next()
      let layer = Int(truncatingIfNeeded: bits & 0xFF)
      // The top 53 bits as a signed value in [-1, 1), independent of the 8 layer bits.
      let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52
      let table = Ziggurat.table
      if abs(u) < table.ratio[layer] { return u * table.x[layer] }
      if let value = Ziggurat.slowPath(layer: layer, u: u, using: &rng) { return value }
    }
  }

  /// A gamma(shape, 1) draw (Marsaglia and Tsang, "A Simple Method for Generating Gamma
  /// Variables", ACM TOMS 26(3), 2000, doi:10.1145/358407.358414); shapes below 1 use the
  /// boost `G(a) = G(a + 1) * U^(1/a)` from the same paper.
  static func gamma<G: RandomNumberGenerator>(shape: Double, using rng: inout G) -> Double {
    precondition(shape > 0, "gamma shape must be positive")
    if shape < 1 {
      let boosted = gamma(shape: shape + 1, using: &rng)
      return boosted * pow(uniformOpen(using: &rng), 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = standardNormal(using: &rng)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniformOpen(using: &rng)
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// A chi-squared draw with `df` degrees of freedom: `2 * gamma(df / 2)`.
  static func chiSquared<G: RandomNumberGenerator>(df: Double, using rng: inout G) -> Double {
    2 * gamma(shape: df / 2, using: &rng)
  }

  /// A Student-t draw rescaled to unit variance: `t_nu * sqrt((nu - 2) / nu)` (docs/model.md §2.4).
  /// `nu = .infinity` gives a standard normal.
  /// - Precondition: `nu > 2`.
  static func unitVarianceStudentT<G: RandomNumberGenerator>(nu: Double, using rng: inout G) -> Double {
    let z = standardNormal(using: &rng)
    guard nu.isFinite else { return z }
    precondition(nu > 2, "unit-variance t needs nu > 2")
    let chi2 = chiSquared(df: nu, using: &rng)
    return z / (chi2 / nu).squareRoot() * ((nu - 2) / nu).squareRoot()
  }

  /// The factor `sqrt(c / chi2_nu)` that turns a Gaussian vector of covariance Sigma into a
  /// multivariate t (docs/model.md §3.3): `c = nu - 2` keeps Sigma as the covariance (`.sd`),
  /// `c = nu` makes Sigma the t's scale matrix (`.scale`); 1 when `nu` is infinite.
  static func multivariateTScale<G: RandomNumberGenerator>(nu: Double, convention: ModelPriors.NoiseTScale = .sd,
                                                           using rng: inout G) -> Double {
    guard nu.isFinite else { return 1 }
    return (convention.numerator(nu: nu) / chiSquared(df: nu, using: &rng)).squareRoot()
  }
}

/// The 256-layer ziggurat tables for the standard normal density, built once.
@usableFromInline
struct Ziggurat: Sendable {
  /// Right edge of the base layer (the tail starts here).
  static let r = 3.6541528853610088
  /// Area of each layer.
  static let v = 0.00492867323399

  /// Layer edges x[0..256] (x[0] is the base's pseudo-width V / f(R)).
  @usableFromInline let x: [Double]
  /// x[i + 1] / x[i]: the fraction of layer i that lies wholly under the curve.
  @usableFromInline let ratio: [Double]

  @usableFromInline static let table = Ziggurat()

  init() {
    var x = [Double](repeating: 0, count: 257)
    var f = exp(-0.5 * Ziggurat.r * Ziggurat.r)
    x[0] = Ziggurat.v / f
    x[1] = Ziggurat.r
    x[256] = 0
    for i in 2..<256 {
      x[i] = (-2 * log(Ziggurat.v / x[i - 1] + f)).squareRoot()
      f = exp(-0.5 * x[i] * x[i])
    }
    self.x = x
    ratio = (0..<256).map { x[$0 + 1] / x[$0] }
  }

  /// A draw from the normal's tail beyond R (or below -R), by Marsaglia's tail algorithm (1964).
  static func tail<G: RandomNumberGenerator>(negative: Bool, using rng: inout G) -> Double {
    var x: Double
    var y: Double
    repeat {
      x = log(Distributions.uniformOpen(using: &rng)) / r
      y = log(Distributions.uniformOpen(using: &rng))
    } while -2 * y < x * x
    return negative ? x - r : r - x
  }

  /// The rare branch: the tail beyond R from layer 0, or the wedge test of another layer.
  @usableFromInline
  static func slowPath<G: RandomNumberGenerator>(layer: Int, u: Double, using rng: inout G) -> Double? {
    let table = Ziggurat.table
    if layer == 0 { return tail(negative: u < 0, using: &rng) }
    let x = u * table.x[layer]
    let f0 = exp(-0.5 * (table.x[layer] * table.x[layer] - x * x))
    let f1 = exp(-0.5 * (table.x[layer + 1] * table.x[layer + 1] - x * x))
    if f1 + Distributions.uniformOpen(using: &rng) * (f0 - f1) < 1 { return x }
    return nil
  }
}
