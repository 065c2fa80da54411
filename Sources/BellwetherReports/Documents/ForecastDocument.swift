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
    package var factorMethod: String
    var factorRank: Int
    var factorMaxAbsoluteError: Double
    package var fixedEnvironment: Double?
    package var inputHashes: [String: String]
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
  }

  package var schema: String
  package var run: Run
  package var headline: Headline
  var seatHistogram: [Int]
  package var environment: Environment
  package var calibration: [CalibrationRow]
  package var districts: [DistrictForecast]
  var tippingPoint: [TippingSeat]
  package var states: [StateSeats]
  var resolvedInputs: ResolvedInputs

  package struct TippingSeat: Codable, Sendable {
    package var id: String
    package var probability: Double
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
              draws: plan.draws, blockSize: SimulationPlan.blockSize, streamVersion: SimulationPlan.streamVersion, factorMethod: plan.factor.method.rawValue,
              factorRank: plan.factor.rank, factorMaxAbsoluteError: plan.factor.maxAbsoluteError,
              fixedEnvironment: model.fixedEnvironment, inputHashes: model.inputs.hashes)
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
      tau: model.specials.tau, q: model.specials.q, translatedMean: model.posterior.specialsMean,
      translatedSD: model.posterior.specialsSD, posteriorMean: plan.environmentMean, posteriorSD: plan.environmentSD,
      nu: finite(plan.environmentNu), drawMean: result.environmentDrawMean)
    calibration = model.specials.rows.map {
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
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
