import BellwetherEngine
import Foundation

/// The machine-readable forecast (`forecast.json`), schema `bellwether.forecast/1`.
///
/// Every figure of docs/model.md §5 plus the resolved inputs, so that another program can audit
/// the run or re-simulate it. The schema is documented field by field in `docs/forecast-schema.md`.
/// The document holds no clock time: the same (data, config, seed, draws) give the same bytes.
package struct ForecastDocument: Codable, Sendable {
  package static let schemaName = "bellwether.forecast/1"

  package struct Run: Codable, Sendable {
    package var config: String
    package var chamber: Chamber
    package var asOf: CalendarDate
    package var seed: UInt64
    package var draws: Int
    package var blockSize: Int
    package var streamVersion: Int
    /// `EngineVersion.text` of the engine that wrote the document. Optional only so that documents
    /// written before it still decode; always written.
    package var engineVersion: String?
    package var factorMethod: String
    var factorRank: Int
    var factorMaxAbsoluteError: Double
    /// Frobenius norm of the factor's covariance error (0 for Cholesky). Optional only so that
    /// documents written before it still decode; always written.
    var factorFrobeniusError: Double?
    package var fixedEnvironment: Double?
    package var inputHashes: [String: String]
    /// `conditional` for a run of the conditional estimator (docs/model.md §4.3); absent for the
    /// default sampled estimator, so its documents are unchanged.
    package var estimator: String? = nil
  }

  package struct Headline: Codable, Sendable {
    package var majorityProbability: Double
    package var majority: Int
    package var meanSeats: Double
    package var medianSeats: Int
    var modeSeats: Int
    package var quantiles: [String: Int]
    package var interval80: [Int]
    package var interval95: [Int]
    package var democraticSeatsBefore: Int
    package var expectedNetChange: Double
    var fixedDemocraticSeats: Int
    var fixedRepublicanSeats: Int
  }

  package struct Environment: Codable, Sendable {
    package var prior: ResolvedEnvironmentPrior
    package var specialsEstimate: Double?
    package var specialsStandardError: Double?
    package var tau: Double
    package var q: Double
    /// The number of same-day same-state clusters the specials' fit pooled (`specials.clusters`,
    /// docs/model.md §2.2); absent without clusters, so those documents are unchanged.
    package var specialsClusters: Int? = nil
    /// Each level's between-special SD with `specials.levelVariances: "per-level"` (docs/model.md §2.2);
    /// absent otherwise.
    package var specialsLevelTaus: [String: Double]? = nil
    package var translatedMean: Double?
    package var translatedSD: Double?
    package var posteriorMean: Double
    package var posteriorSD: Double
    package var nu: Double?
    var drawMean: Double
  }

  package struct CalibrationRow: Codable, Sendable {
    package var date: CalendarDate
    package var state: String
    package var seat: String
    package var level: String
    package var x: Double
    package var recency: Double
    package var levelWeight: Double
    package var weight: Double
    package var weightShare: Double
    package var residual: Double
    /// Its cluster's number (from 1, in date order) with `specials.clusters` (docs/model.md §2.2);
    /// absent without clusters.
    package var cluster: Int?

    /// One special of the random-effects fit (docs/model.md §2.2), as forecast.json and the
    /// calibration document write it.
    package init(_ row: SpecialsCalibration.Row) {
      date = row.special.date
      state = row.special.state
      seat = row.special.seat
      level = row.special.level
      x = row.special.shift
      recency = row.recency
      levelWeight = row.levelWeight
      weight = row.weight
      weightShare = row.weightShare
      residual = row.residual
      cluster = row.cluster
    }
  }

  package struct StateSeats: Codable, Sendable {
    package var state: String
    package var seats: Int
    package var expectedDemocratic: Double
  }

  package struct ResolvedInputs: Codable, Sendable {
    package var priors: ModelPriors
    var noiseScales: NoiseScales
    var noiseTotalSD: Double
    package var environmentMean: Double
    package var environmentSD: Double
    package var environmentNu: Double?
    package var noiseNu: Double?
    package var kernelLength: Double
    package var incumbencyAdvantage: Double
    /// Number of contested seats (`districts[]` with status `contested`): the dimension of Sigma.
    /// Optional only so that documents written before it still decode; always written.
    package var contestedSeats: Int?
    /// How a draw is made from the fields above, as formulas over the document's own field names
    /// (docs/forecast-schema.md, "Re-simulating a run"). Optional only for older documents.
    package var conventions: Conventions?
    /// Per contested seat, with a district table that sets noise by seat class or shared errors
    /// (docs/model.md §3.4, §3.5): its idiosyncratic SD and its loadings on the shared errors; absent
    /// otherwise (then every seat's idiosyncratic SD is `noiseScales.idiosyncratic`).
    package var seatNoise: [SeatNoise]?
    /// With `polls.conditioning: "joint"` and polls in the window (docs/model.md §2.5): what the
    /// recipe conditions on (docs/forecast-schema.md, "Re-simulating a run", step 3b); absent otherwise.
    package var jointPolls: JointPolls?
    /// With elastic swing (a district table with an `elasticity`, docs/model.md §1.6): each contested
    /// seat's loading on the environment; absent otherwise (every loading 1).
    package var elasticSwing: ElasticSwing?
  }

  /// Elastic swing's inputs (docs/model.md §1.6).
  package struct ElasticSwing: Codable, Sendable, Equatable {
    /// Each equation's elasticity (`district.withPrevious.elasticity`, `district.withoutPrevious.elasticity`;
    /// absent: 0), per point of |lean|.
    package var elasticity: [String: Double]
    /// Every contested seat: its loading on E, `max(0, 1 + elasticity of its equation x |lean|)`.
    package var seats: [Seat]

    package struct Seat: Codable, Sendable, Equatable {
      package var id: String
      package var loading: Double
    }
  }

  /// The inputs of the joint conditioning on district polls (docs/model.md §2.5).
  package struct JointPolls: Codable, Sendable, Equatable {
    /// The environment before the polls: mean and SD (the specials' and generic ballot's posterior, §2.3).
    package var priorEnvironmentMean: Double
    package var priorEnvironmentSD: Double
    /// The cycle's shared poll error SD (`polls.sharedSD`).
    package var sharedSD: Double
    /// `polls.selectionSlope`: before its polls a polled seat's margin is `(1 - selectionSlope)` times its
    /// fundamentals, `fundamentalsMargin + loading E` (docs/forecast-schema.md, step 3b).
    package var selectionSlope: Double
    /// Every contested seat.
    package var seats: [Seat]

    package struct Seat: Codable, Sendable, Equatable {
      package var id: String
      /// The seat's margin before the polls, relative to the environment (the fundamentals: `lean + inc`
      /// or the district table, §1.5).
      package var fundamentalsMargin: Double
      /// The engine's coefficient on E after the conditioning (the recipe derives it; given to check).
      package var environmentLoading: Double
      /// A polled seat's adjusted poll average and its error variance (step 1 of §2.5); absent when unpolled.
      package var pollAverage: Double?
      package var pollErrorVariance: Double?
    }
  }

  /// One contested seat's own noise terms (docs/model.md §3.4, §3.5).
  package struct SeatNoise: Codable, Sendable, Equatable {
    package var id: String
    package var idiosyncraticSD: Double
    /// Shared error name -> this seat's loading (points); names with a zero loading are left out.
    package var sharedLoadings: [String: Double]
  }

  /// The conventions of the draw kernel (docs/model.md §2.4, §3.1, §3.3, §4.1, §4.2), stated as data
  /// so that another program can check it reads them as the engine applies them. Each is a fixed
  /// text for a given engine; a new text means a new convention, never a rewording of the old.
  package struct Conventions: Codable, Sendable, Equatable {
    /// The national environment of one draw.
    package var environmentDraw: String
    /// The multivariate-t scale of one draw's noise vector.
    package var noiseScale: String
    /// An entry of the noise covariance Sigma of the contested seats.
    package var covariance: String
    /// A contested seat's margin in one draw, and who wins it.
    package var margin: String
    /// The Democratic seats of one draw, and the majority.
    package var seats: String
    /// The tipping-point seat of one draw.
    package var tippingPoint: String

    /// The covariance with per-seat terms (`resolvedInputs.seatNoise`, docs/model.md §3.4, §3.5).
    package static let seatNoiseCovariance = "Sigma[i][k] = noiseScales.state^2 * [state_i == state_k] + noiseScales.region^2 * [region_i == region_k] "
      + "+ noiseScales.lean^2 * exp(-(lean_i - lean_k)^2 / (2 * kernelLength^2)) + seatNoise_i.idiosyncraticSD^2 * [i == k] "
      + "+ sum over names c of seatNoise_i.sharedLoadings[c] * seatNoise_k.sharedLoadings[c] (a missing name is 0), over the contested seats"

    /// The noise scale with `noise.tScale: "scale"` (docs/model.md §3.3): Sigma is the t's scale matrix.
    package static let scaleMatrixNoiseScale = "s = sqrt(noiseNu / C), C ~ chi-squared with noiseNu degrees of freedom, one per draw for the "
      + "whole noise vector, independent of E and of the normals; s = 1 when noiseNu is null"

    /// The margin with jointly conditioned polls (`resolvedInputs.jointPolls`, docs/model.md §2.5): a
    /// polled seat's selection shrinks its loading on E as well as its base (step 3b's lambda).
    package static let jointPollsMargin = "margin_d = baseMargin_d + jointPolls.seats_d.environmentLoading * E + s * eps_d, "
      + "eps ~ N(0, Sigma given the polls and E), independent of E: the Gaussian conditional of (E, eps) on jointPolls, "
      + "with E ~ N(jointPolls.priorEnvironmentMean, jointPolls.priorEnvironmentSD^2), eps ~ N(0, Sigma) and "
      + "margin_d = b_d + lambda_d * E + eps_d before it, b_d = fundamentalsMargin_d and lambda_d = k_d (the seat's "
      + "elasticSwing loading, 1 without), both times (1 - jointPolls.selectionSlope) for a polled seat; "
      + "the Democrat wins seat d when margin_d > 0"

    /// The margin with elastic swing and no jointly conditioned polls (docs/model.md §1.6).
    package static let elasticMargin = "margin_d = baseMargin_d + elasticSwing.seats_d.loading * E + s * eps_d, "
      + "eps ~ N(0, Sigma) independent of E; the Democrat wins seat d when margin_d > 0"

    /// The engine's conventions; with per-seat noise terms the covariance is `seatNoiseCovariance`,
    /// with `tScale` `.scale` the noise scale is `scaleMatrixNoiseScale`, with jointly conditioned
    /// polls the margin is `jointPollsMargin`, else with elastic swing `elasticMargin`.
    package static func engine(seatNoise: Bool, tScale: ModelPriors.NoiseTScale = .sd, jointPolls: Bool = false,
                               elasticSwing: Bool = false) -> Conventions {
      var c = engine
      if seatNoise { c.covariance = seatNoiseCovariance }
      if tScale == .scale { c.noiseScale = scaleMatrixNoiseScale }
      if jointPolls { c.margin = jointPollsMargin } else if elasticSwing { c.margin = elasticMargin }
      return c
    }

    /// The engine's conventions.
    package static let engine = Conventions(
      environmentDraw: "E = environmentMean + environmentSD * T * sqrt((environmentNu - 2) / environmentNu), "
        + "T ~ Student t with environmentNu degrees of freedom; E = environmentMean + environmentSD * Z, "
        + "Z ~ N(0, 1), when environmentNu is null",
      noiseScale: "s = sqrt((noiseNu - 2) / C), C ~ chi-squared with noiseNu degrees of freedom, one per draw for the "
        + "whole noise vector, independent of E and of the normals; s = 1 when noiseNu is null",
      covariance: "Sigma[i][k] = noiseScales.state^2 * [state_i == state_k] + noiseScales.region^2 * [region_i == region_k] "
        + "+ noiseScales.lean^2 * exp(-(lean_i - lean_k)^2 / (2 * kernelLength^2)) + noiseScales.idiosyncratic^2 * [i == k], "
        + "over the contested seats",
      margin: "margin_d = baseMargin_d + E + s * eps_d, eps ~ N(0, Sigma) independent of E; "
        + "the Democrat wins seat d when margin_d > 0",
      seats: "D seats = headline.fixedDemocraticSeats + contested seats won; "
        + "a Democratic majority when D seats >= headline.majority",
      tippingPoint: "the contested seat with the k-th largest margin, k = headline.majority - headline.fixedDemocraticSeats, "
        + "when 1 <= k <= contestedSeats; no seat otherwise")
  }

  package var schema: String
  package var run: Run
  package var headline: Headline
  var seatHistogram: [Int]
  package var environment: Environment
  package var calibration: [CalibrationRow]
  package var districts: [DistrictForecast]
  var tippingPoint: [TippingSeat]
  /// Optional only so that documents written before it still decode; always written.
  package var monteCarloErrors: MonteCarloErrorsSection?
  package var states: [StateSeats]
  var resolvedInputs: ResolvedInputs

  package struct TippingSeat: Codable, Sendable {
    package var id: String
    package var probability: Double
    /// Binomial SE of `probability`. Optional only for older documents; always written.
    package var standardError: Double?
  }

  /// The Monte Carlo error of the headline figures (`MonteCarloErrors`; docs/forecast-schema.md,
  /// "Monte Carlo errors"). Each seat's own errors are in `districts[]`.
  package struct MonteCarloErrorsSection: Codable, Sendable {
    /// One quantile's order-statistic range.
    package struct Quantile: Codable, Sendable {
      package var levelStandardError: Double
      package var low: Int
      package var high: Int
    }
    /// How the figures below are computed, as a fixed text.
    package var method: String
    package var draws: Int
    package var majorityProbability: Double
    package var meanSeats: Double
    package var expectedNetChange: Double
    /// By level, as in `headline.quantiles`.
    package var quantiles: [String: Quantile]
    /// The ranges of the interval ends: `[[low, high] of the lower end, [low, high] of the upper end]`.
    package var interval80: [[Int]]
    package var interval95: [[Int]]
    /// The largest of the contested seats' `democraticWinProbabilityStandardError`.
    package var largestWinProbability: Double

    package static let methodText = "binomial sqrt(p (1 - p) / draws) for majorityProbability, each district's "
      + "democraticWinProbability and tippingProbability, and tippingPoint[].probability; sd(seats) / sqrt(draws) for "
      + "meanSeats and expectedNetChange (sd from seatHistogram, denominator draws - 1); for the seat quantile at level q, "
      + "[low, high] = the quantiles at levels q -/+ 2 sqrt(q (1 - q) / draws) (order-statistic interval, about 95%)"
  }

  /// Builds the document from a result.
  package init(result: ForecastResult) {
    let model = result.model
    let config = model.inputs.config
    let plan = model.plan
    let s = result.seats
    func finite(_ nu: Double) -> Double? { nu.isFinite ? nu : nil }
    schema = ForecastDocument.schemaName
    run = Run(config: (config.path as NSString).lastPathComponent, chamber: config.chamber, asOf: model.asOf, seed: plan.seed,
              draws: plan.draws, blockSize: SimulationPlan.blockSize, streamVersion: SimulationPlan.streamVersion,
              engineVersion: EngineVersion.text, factorMethod: plan.factor.method.rawValue,
              factorRank: plan.factor.rank, factorMaxAbsoluteError: plan.factor.maxAbsoluteError,
              factorFrobeniusError: plan.factor.frobeniusError,
              fixedEnvironment: model.fixedEnvironment, inputHashes: model.inputs.hashes,
              estimator: plan.estimator == .sampled ? nil : plan.estimator.rawValue)
    let fixedR = model.inputs.districts.filter { $0.status == .fixed(.republican) }.count
    headline = Headline(
      majorityProbability: s.majorityProbability, majority: plan.majority, meanSeats: s.mean, medianSeats: s.median,
      modeSeats: s.mode,
      quantiles: Dictionary(uniqueKeysWithValues: s.quantiles.all.map { (String(format: "%g", $0.level * 100), $0.seats) }),
      interval80: [s.quantiles.p10, s.quantiles.p90], interval95: [s.quantiles.p2_5, s.quantiles.p97_5],
      democraticSeatsBefore: result.democraticSeatsBefore, expectedNetChange: result.expectedNetChange,
      fixedDemocraticSeats: plan.fixedDemocratic, fixedRepublicanSeats: fixedR)
    seatHistogram = result.tallies.seatCounts
    environment = Environment(
      prior: model.prior, specialsEstimate: model.specials.estimate, specialsStandardError: model.specials.standardError,
      tau: model.specials.tau, q: model.specials.q, specialsClusters: model.specials.clusters, specialsLevelTaus: model.specials.levelTaus,
      translatedMean: model.posterior.specialsMean,
      translatedSD: model.posterior.specialsSD, posteriorMean: plan.environmentMean, posteriorSD: plan.environmentSD,
      nu: finite(plan.environmentNu), drawMean: result.environmentDrawMean)
    calibration = model.specials.rows.map(CalibrationRow.init)
    districts = result.districts
    tippingPoint = result.tippingPointSeats(limit: 20).map {
      TippingSeat(id: $0.id, probability: $0.tippingProbability, standardError: $0.tippingProbabilityStandardError)
    }
    let errors = result.errors
    func key(_ level: Double) -> String { String(format: "%g", level * 100) }
    func ends(_ a: Double, _ b: Double) -> [[Int]] {
      [a, b].map { level in errors.quantile(level).map { [$0.low, $0.high] } ?? [] }
    }
    monteCarloErrors = MonteCarloErrorsSection(
      method: MonteCarloErrorsSection.methodText, draws: errors.draws, majorityProbability: errors.majorityProbability,
      meanSeats: errors.meanSeats, expectedNetChange: errors.meanSeats,
      quantiles: Dictionary(uniqueKeysWithValues: errors.quantiles.map {
        (key($0.level), MonteCarloErrorsSection.Quantile(levelStandardError: $0.levelStandardError, low: $0.low, high: $0.high))
      }),
      interval80: ends(0.1, 0.9), interval95: ends(0.025, 0.975), largestWinProbability: errors.largestWinProbability)
    states = result.stateSeats.map { StateSeats(state: $0.state, seats: $0.seats, expectedDemocratic: $0.expectedDemocratic) }
    let seatNoise = Self.seatNoise(model), jointPolls = Self.jointPolls(model), elasticSwing = Self.elasticSwing(model)
    resolvedInputs = ResolvedInputs(
      priors: config.priors, noiseScales: model.scales, noiseTotalSD: model.scales.total,
      environmentMean: plan.environmentMean, environmentSD: plan.environmentSD, environmentNu: finite(plan.environmentNu),
      noiseNu: finite(plan.noiseNu), kernelLength: config.priors.kernelLength,
      incumbencyAdvantage: config.priors.incumbencyAdvantage, contestedSeats: plan.contested,
      conventions: .engine(seatNoise: seatNoise != nil, tScale: plan.noiseTScale, jointPolls: jointPolls != nil,
                           elasticSwing: elasticSwing != nil),
      seatNoise: seatNoise, jointPolls: jointPolls, elasticSwing: elasticSwing)
  }

  /// Elastic swing's loadings of a model whose district table has an elasticity; nil otherwise.
  static func elasticSwing(_ model: ForecastModel) -> ElasticSwing? {
    guard let loadings = model.elasticLoadings, let table = model.inputs.config.priors.districtBaseline else { return nil }
    var elasticity: [String: Double] = [:]
    for equation in DistrictBaseline.Equation.allCases {
      if let e = table.coefficients(equation)?.elasticity { elasticity[equation.rawValue] = e.estimate }
    }
    return ElasticSwing(elasticity: elasticity, seats: model.plan.contestedIndices.enumerated().map { k, index in
      ElasticSwing.Seat(id: model.inputs.districts[index].id, loading: loadings[k])
    })
  }

  /// The joint conditioning's inputs of a model with jointly conditioned polls; nil otherwise.
  static func jointPolls(_ model: ForecastModel) -> JointPolls? {
    guard let priors = model.inputs.config.polls, priors.conditioning == .joint, let evidence = model.pollEvidence else { return nil }
    let polled = Dictionary(uniqueKeysWithValues: evidence.seats.map { ($0.index, $0) })
    return JointPolls(
      priorEnvironmentMean: evidence.priorMean, priorEnvironmentSD: evidence.priorSD, sharedSD: priors.sharedSD,
      selectionSlope: priors.selectionSlope,
      seats: model.plan.contestedIndices.enumerated().map { k, index in
        JointPolls.Seat(id: model.inputs.districts[index].id, fundamentalsMargin: model.fundamentalsMargins[k],
                        environmentLoading: model.plan.environmentLoading(k), pollAverage: polled[k]?.average,
                        pollErrorVariance: polled[k]?.errorVariance)
      })
  }

  /// The per-seat noise terms of a model whose district table sets them; nil otherwise.
  static func seatNoise(_ model: ForecastModel) -> [SeatNoise]? {
    let c = model.covariance
    guard c.idiosyncraticVariances != nil || !c.sharedColumns.isEmpty else { return nil }
    return model.plan.contestedIndices.enumerated().map { k, index in
      var loadings: [String: Double] = [:]
      for (name, column) in zip(c.sharedColumnNames, c.sharedColumns) where column[k] != 0 { loadings[name] = column[k] }
      return SeatNoise(id: model.inputs.districts[index].id, idiosyncraticSD: c.idiosyncraticVariance(k).squareRoot(),
                       sharedLoadings: loadings)
    }
  }

  /// The document as pretty-printed JSON with sorted keys (stable bytes).
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
