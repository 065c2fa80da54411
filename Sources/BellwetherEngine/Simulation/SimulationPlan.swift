/// Everything the draw kernel needs, resolved from the inputs and calibration (docs/model.md §4.1):
/// `margin[d][j] = base[d] + E_j + eps[d][j]`, `base[d] = lean[d] + inc[d]`; with jointly conditioned
/// polls (§2.5) `margin[d][j] = base[d] + loading[d] E_j + eps[d][j]`.
public struct SimulationPlan: Sendable {
  /// Seats in the chamber.
  package let seats: Int
  /// Seats the Democrats need for a majority.
  package let majority: Int
  /// Seats fixed to the Democrats (no two-party contest).
  package let fixedDemocratic: Int
  /// Indices (into the chamber's districts) of the contested seats, in kernel order.
  package let contestedIndices: [Int]
  /// `lean + inc` for each contested seat.
  package let baseMargins: [Double]
  /// Each contested seat's coefficient on the environment draw, or nil when every seat's is 1 (the
  /// model without jointly conditioned polls, docs/model.md §2.5).
  package let environmentLoadings: [Double]?
  /// Posterior mean and SD of the national environment.
  package let environmentMean: Double
  package let environmentSD: Double
  /// Degrees of freedom of the national t draw (infinite: normal).
  package let environmentNu: Double
  /// Degrees of freedom of the multivariate-t noise (infinite: Gaussian).
  package let noiseNu: Double
  /// What the factor's covariance is to the multivariate t (docs/model.md §3.3).
  package let noiseTScale: ModelPriors.NoiseTScale
  /// The factor of the noise covariance.
  package let factor: NoiseFactor
  /// Master seed.
  package let seed: UInt64
  /// Total draws.
  public let draws: Int
  /// Seats whose margin offsets share one distribution (one margin histogram each).
  let offsetClasses: OffsetClasses
  /// How the draws become probabilities (docs/model.md §4.3). The draws themselves, and every
  /// sampled tally, are the same for either.
  package var estimator: Estimator = .sampled

  /// Version of the mapping from (seed, block) to random numbers and draws. Bumped whenever the
  /// kernel consumes random numbers differently, so partials from different engine builds are
  /// never merged.
  package static let streamVersion = 3

  /// Draws per block: the unit of random streams, of parallel work and of shards. Fixed, so that
  /// the numbers never depend on the thread count.
  package static let blockSize = 1024

  /// Number of blocks.
  public var blockCount: Int { (draws + SimulationPlan.blockSize - 1) / SimulationPlan.blockSize }

  /// Draws in one block (the last may be short).
  func drawsInBlock(_ block: Int) -> Int {
    min(SimulationPlan.blockSize, draws - block * SimulationPlan.blockSize)
  }

  /// Creates a plan.
  package init(seats: Int, majority: Int, fixedDemocratic: Int, contestedIndices: [Int], baseMargins: [Double],
              environmentMean: Double, environmentSD: Double, environmentNu: Double, noiseNu: Double,
              noiseTScale: ModelPriors.NoiseTScale = .sd, factor: NoiseFactor, seed: UInt64, draws: Int,
              environmentLoadings: [Double]? = nil) {
    precondition(baseMargins.count == factor.seats && contestedIndices.count == baseMargins.count)
    precondition(environmentLoadings == nil || environmentLoadings!.count == baseMargins.count)
    precondition(draws > 0)
    self.seats = seats
    self.majority = majority
    self.fixedDemocratic = fixedDemocratic
    self.contestedIndices = contestedIndices
    self.baseMargins = baseMargins
    self.environmentLoadings = environmentLoadings
    self.environmentMean = environmentMean
    self.environmentSD = environmentSD
    self.environmentNu = environmentNu
    self.noiseNu = noiseNu
    self.noiseTScale = noiseTScale
    self.factor = factor
    self.seed = seed
    self.draws = draws
    offsetClasses = OffsetClasses(variances: factor.seatVariances, environmentLoadings: environmentLoadings)
    let spread = Self.widestMarginSD(environmentLoadings: environmentLoadings, environmentSD: environmentSD, factor: factor)
    marginWindow = max(10, (5 * spread).rounded(.up))
  }

  /// Number of contested seats.
  package var contested: Int { baseMargins.count }

  /// The SD of the widest seat's margin: the largest loading on E (1 without loadings) times sigmaE,
  /// with the largest noise variance (for the margin window and the tipping search's density).
  package var widestMarginSD: Double {
    Self.widestMarginSD(environmentLoadings: environmentLoadings, environmentSD: environmentSD, factor: factor)
  }

  private static func widestMarginSD(environmentLoadings: [Double]?, environmentSD: Double, factor: NoiseFactor) -> Double {
    let loading2 = environmentLoadings?.map { $0 * $0 }.max() ?? 1
    return (loading2 * environmentSD * environmentSD + factor.largestVariance).squareRoot()
  }

  /// Contested seat k's coefficient on the environment draw (1 without jointly conditioned polls).
  package func environmentLoading(_ k: Int) -> Double { environmentLoadings?[k] ?? 1 }

  /// Contested seat k's margin at the environment's mean with no noise: `base + loading * muE`.
  package func expectedMargin(_ k: Int) -> Double { baseMargins[k] + environmentLoading(k) * environmentMean }

  /// Width (points) of the per-seat margin histogram bins used for margin intervals.
  static let marginBinWidth = 0.25
  /// Half-width (points) of each seat's margin histogram, centred on its expected margin: five
  /// standard deviations of the widest seat's margin (at least 10 points). The 80% interval lies
  /// within 1.3 SD for a normal and within 1.5 SD for a t with 3 degrees of freedom, so it is always
  /// inside; draws beyond the window are counted in the edge bins.
  let marginWindow: Double

  /// Environment histogram: bins of this width (points) over `-environmentRange...environmentRange`.
  package static let environmentBinWidth = 0.5
  package static let environmentRange = EnvironmentScenario.limit
  package static var environmentBins: Int { Int(2 * environmentRange / environmentBinWidth) + 1 }
}

extension SimulationPlan {
  /// The same plan with some of its settings replaced: the one place a plan is copied.
  /// - Parameters:
  ///   - baseMargins: new `lean + inc` per contested seat (a backtest's refined baselines).
  ///   - environment: a fixed national environment: mean `environment`, SD 0 (conditional
  ///     re-simulations such as the seats curve).
  ///   - draws: another draw count.
  ///   - seed: another master seed.
  package func replacing(baseMargins: [Double]? = nil, environment: Double? = nil, draws: Int? = nil,
                         seed: UInt64? = nil) -> SimulationPlan {
    var plan = SimulationPlan(
      seats: seats, majority: majority, fixedDemocratic: fixedDemocratic, contestedIndices: contestedIndices,
      baseMargins: baseMargins ?? self.baseMargins, environmentMean: environment ?? environmentMean,
      environmentSD: environment == nil ? environmentSD : 0, environmentNu: environmentNu, noiseNu: noiseNu,
      noiseTScale: noiseTScale, factor: factor, seed: seed ?? self.seed, draws: draws ?? self.draws,
      environmentLoadings: environmentLoadings)
    plan.estimator = estimator
    return plan
  }
}
