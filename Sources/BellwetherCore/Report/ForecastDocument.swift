import Foundation

/// The machine-readable forecast (`forecast.json`), schema `bellwether.forecast/1`.
///
/// Every figure of MODEL.md section 5 plus the resolved inputs, so that another program can audit
/// the run or re-simulate it. The schema is documented field by field in `docs/forecast-schema.md`.
/// The document holds no clock time: the same (data, config, seed, draws) give the same bytes.
public struct ForecastDocument: Codable, Sendable {
  public static let schemaName = "bellwether.forecast/1"

  public struct Run: Codable, Sendable {
    public var config: String
    public var chamber: Chamber
    public var asOf: CalendarDate
    public var seed: UInt64
    public var draws: Int
    public var blockSize: Int
    public var streamVersion: Int
    public var factorMethod: String
    public var factorRank: Int
    public var factorMaxAbsoluteError: Double
    public var fixedEnvironment: Double?
    public var inputHashes: [String: String]
  }

  public struct Headline: Codable, Sendable {
    public var majorityProbability: Double
    public var majority: Int
    public var meanSeats: Double
    public var medianSeats: Int
    public var modeSeats: Int
    public var quantiles: [String: Int]
    public var interval80: [Int]
    public var interval95: [Int]
    public var democraticSeatsBefore: Int
    public var expectedNetChange: Double
    public var fixedDemocraticSeats: Int
    public var fixedRepublicanSeats: Int
  }

  public struct Environment: Codable, Sendable {
    public var prior: ResolvedEnvironmentPrior
    public var specialsEstimate: Double?
    public var specialsStandardError: Double?
    public var tau: Double
    public var q: Double
    public var translatedMean: Double?
    public var translatedSD: Double?
    public var posteriorMean: Double
    public var posteriorSD: Double
    public var nu: Double?
    public var drawMean: Double
  }

  public struct CalibrationRow: Codable, Sendable {
    public var date: CalendarDate
    public var state: String
    public var seat: String
    public var level: String
    public var x: Double
    public var recency: Double
    public var levelWeight: Double
    public var weight: Double
    public var weightShare: Double
    public var residual: Double
  }

  public struct StateSeats: Codable, Sendable {
    public var state: String
    public var seats: Int
    public var expectedDemocratic: Double
  }

  public struct ResolvedInputs: Codable, Sendable {
    public var priors: ModelPriors
    public var noiseScales: NoiseScales
    public var noiseTotalSD: Double
    public var environmentMean: Double
    public var environmentSD: Double
    public var environmentNu: Double?
    public var noiseNu: Double?
    public var kernelLength: Double
    public var incumbencyAdvantage: Double
  }

  public var schema: String
  public var run: Run
  public var headline: Headline
  public var seatHistogram: [Int]
  public var environment: Environment
  public var calibration: [CalibrationRow]
  public var districts: [DistrictForecast]
  public var tippingPoint: [TippingSeat]
  public var states: [StateSeats]
  public var resolvedInputs: ResolvedInputs

  public struct TippingSeat: Codable, Sendable {
    public var id: String
    public var probability: Double
  }

  /// Builds the document from a result.
  public init(result: ForecastResult, fixedEnvironment: Double? = nil) {
    let model = result.model
    let config = model.inputs.config
    let plan = model.plan
    let s = result.seats
    func finite(_ nu: Double) -> Double? { nu.isFinite ? nu : nil }
    schema = ForecastDocument.schemaName
    run = Run(config: (config.path as NSString).lastPathComponent, chamber: config.chamber, asOf: model.asOf, seed: plan.seed,
              draws: plan.draws, blockSize: SimulationPlan.blockSize, streamVersion: SimulationPlan.streamVersion, factorMethod: plan.factor.method.rawValue,
              factorRank: plan.factor.rank, factorMaxAbsoluteError: plan.factor.maxAbsoluteError,
              fixedEnvironment: fixedEnvironment, inputHashes: model.inputs.hashes)
    let fixedR = model.inputs.districts.filter { $0.status == .fixed(.republican) }.count
    headline = Headline(
      majorityProbability: s.majorityProbability, majority: plan.majority, meanSeats: s.mean, medianSeats: s.median,
      modeSeats: s.mode,
      quantiles: Dictionary(uniqueKeysWithValues: s.quantiles.map { (String(format: "%g", $0.key * 100), $0.value) }),
      interval80: [s.quantiles[0.1]!, s.quantiles[0.9]!], interval95: [s.quantiles[0.025]!, s.quantiles[0.975]!],
      democraticSeatsBefore: result.democraticSeatsBefore, expectedNetChange: result.expectedNetChange,
      fixedDemocraticSeats: plan.fixedDemocratic, fixedRepublicanSeats: fixedR)
    seatHistogram = result.tallies.seatCounts
    environment = Environment(
      prior: model.prior, specialsEstimate: model.calibration.estimate, specialsStandardError: model.calibration.standardError,
      tau: model.calibration.tau, q: model.calibration.q, translatedMean: model.posterior.specialsMean,
      translatedSD: model.posterior.specialsSD, posteriorMean: plan.environmentMean, posteriorSD: plan.environmentSD,
      nu: finite(plan.environmentNu), drawMean: result.environmentDrawMean)
    calibration = model.calibration.rows.map {
      CalibrationRow(date: $0.special.date, state: $0.special.state, seat: $0.special.seat, level: $0.special.level,
                     x: $0.special.shift, recency: $0.recency, levelWeight: $0.levelWeight, weight: $0.weight,
                     weightShare: $0.weightShare, residual: $0.residual)
    }
    districts = result.districts
    tippingPoint = result.tippingPointSeats(limit: 20).map { TippingSeat(id: $0.id, probability: $0.tippingProbability) }
    states = result.stateSeats.map { StateSeats(state: $0.state, seats: $0.seats, expectedDemocratic: $0.expectedDemocratic) }
    resolvedInputs = ResolvedInputs(
      priors: config.priors, noiseScales: model.scales, noiseTotalSD: model.scales.total,
      environmentMean: plan.environmentMean, environmentSD: plan.environmentSD, environmentNu: finite(plan.environmentNu),
      noiseNu: finite(plan.noiseNu), kernelLength: config.priors.kernelLength,
      incumbencyAdvantage: config.priors.incumbencyAdvantage)
  }

  /// The document as pretty-printed JSON with sorted keys (stable bytes).
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
