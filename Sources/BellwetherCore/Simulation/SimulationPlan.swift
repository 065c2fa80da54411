/// Everything the draw kernel needs, resolved from the inputs and calibration (MODEL.md section 4):
/// `margin[d][j] = base[d] + E_j + eps[d][j]`, `base[d] = lean[d] + inc[d]`.
public struct SimulationPlan: Sendable {
  /// Seats in the chamber.
  public var seats: Int
  /// Seats the Democrats need for a majority.
  public var majority: Int
  /// Seats fixed to the Democrats (no two-party contest).
  public var fixedDemocratic: Int
  /// Indices (into the chamber's districts) of the contested seats, in kernel order.
  public var contestedIndices: [Int]
  /// `lean + inc` for each contested seat.
  public var baseMargins: [Double]
  /// Posterior mean and SD of the national environment.
  public var environmentMean: Double
  public var environmentSD: Double
  /// Degrees of freedom of the national t draw (infinite: normal).
  public var environmentNu: Double
  /// Degrees of freedom of the multivariate-t noise (infinite: Gaussian).
  public var noiseNu: Double
  /// The factor of the noise covariance.
  public var factor: NoiseFactor
  /// Master seed.
  public var seed: UInt64
  /// Total draws.
  public var draws: Int

  /// Draws per block: the unit of random streams, of parallel work and of shards. Fixed, so that
  /// the numbers never depend on the thread count.
  public static let blockSize = 1024

  /// Number of blocks.
  public var blockCount: Int { (draws + SimulationPlan.blockSize - 1) / SimulationPlan.blockSize }

  /// Draws in one block (the last may be short).
  public func drawsInBlock(_ block: Int) -> Int {
    min(SimulationPlan.blockSize, draws - block * SimulationPlan.blockSize)
  }

  /// Creates a plan.
  public init(seats: Int, majority: Int, fixedDemocratic: Int, contestedIndices: [Int], baseMargins: [Double],
              environmentMean: Double, environmentSD: Double, environmentNu: Double, noiseNu: Double,
              factor: NoiseFactor, seed: UInt64, draws: Int) {
    precondition(baseMargins.count == factor.seats && contestedIndices.count == baseMargins.count)
    precondition(draws > 0)
    self.seats = seats
    self.majority = majority
    self.fixedDemocratic = fixedDemocratic
    self.contestedIndices = contestedIndices
    self.baseMargins = baseMargins
    self.environmentMean = environmentMean
    self.environmentSD = environmentSD
    self.environmentNu = environmentNu
    self.noiseNu = noiseNu
    self.factor = factor
    self.seed = seed
    self.draws = draws
  }

  /// Number of contested seats.
  public var contested: Int { baseMargins.count }

  /// Width (points) of the per-seat margin histogram bins used for margin intervals.
  public static let marginBinWidth = 0.25
  /// Half-width (points) of each seat's margin histogram, centred on its expected margin: wide
  /// enough to hold the 80% interval with room to spare.
  public var marginWindow: Double {
    let spread = (environmentSD * environmentSD + factor.expectedTotalVariance).squareRoot()
    return max(25, (10 * spread).rounded(.up))
  }

  /// Environment histogram: bins of this width (points) over `-environmentRange...environmentRange`.
  public static let environmentBinWidth = 0.5
  public static let environmentRange = 60.0
  public static var environmentBins: Int { Int(2 * environmentRange / environmentBinWidth) + 1 }
}

extension NoiseFactor {
  /// The largest marginal variance of the factor (used to size histograms).
  var expectedTotalVariance: Double {
    var best = 0.0
    for i in 0..<seats {
      var v = idiosyncratic.isEmpty ? 0 : Double(idiosyncratic[i]) * Double(idiosyncratic[i])
      for k in 0..<rank { v += Double(loadings[i + k * seats]) * Double(loadings[i + k * seats]) }
      best = max(best, v)
    }
    return best
  }
}
