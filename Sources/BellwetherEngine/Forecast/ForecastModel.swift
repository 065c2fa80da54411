import Foundation

/// A forecast's model, fully resolved before any draw: the calibration of the specials, the
/// environment posterior, the noise scales and the factor of their covariance.
public struct ForecastModel: Sendable {
  /// The inputs it was built from.
  package var inputs: ForecastInputs
  /// The options it was built with.
  var options: ForecastOptions
  /// The fixed national environment of a scenario run, or nil.
  package var fixedEnvironment: Double? { options.environment }
  /// The as-of date used.
  package var asOf: CalendarDate
  /// The environment prior.
  package var prior: ResolvedEnvironmentPrior
  /// The specials' random-effects fit.
  package var specials: SpecialsCalibration
  /// The environment posterior.
  package var posterior: EnvironmentPosterior
  /// The district-noise SDs.
  package var scales: NoiseScales
  /// The covariance of the contested seats' noise.
  public var covariance: NoiseCovariance
  /// The plan for the draw kernel.
  public var plan: SimulationPlan
  /// Seconds spent calibrating and factoring (for `bench`).
  package var calibrationSeconds: Double
  package var factorizationSeconds: Double
  /// The district polls' evidence (docs/model.md §2.5), when polls were used; `posterior` then holds
  /// the environment after them.
  package var pollEvidence: PollEvidence? = nil
  /// The contested seats' baselines before any poll (kernel order): the fundamentals of §1.5 or `lean + inc`.
  package var fundamentalsMargins: [Double] = []
  /// The contested seats' loadings on the environment under elastic swing (§1.6), before any poll
  /// (kernel order); nil without elastic swing.
  package var elasticLoadings: [Double]? = nil

  /// Why a model could not be built.
  package enum BuildError: Error, CustomStringConvertible {
    /// The covariance is not positive definite; names the parameters that set it.
    case covarianceNotPositiveDefinite(detail: String, scales: NoiseScales, kernelLength: Double)
    /// A resolved parameter is not finite (or out of its range); the text names it and its value.
    case notFinite(String)
    /// Building the covariance and its factor would need more memory than the machine has.
    case tooLarge(contested: Int, bytes: UInt64, available: UInt64)
    /// The conditional estimator was asked of a factor without an independent per-seat term.
    case conditionalNeedsIndependentTerm(NoiseFactor.Method)
    /// A structured-factor run would need more memory than the machine has (`MemoryEstimate`).
    case tooLargeForMemory(MemoryEstimate, available: UInt64)

    package var description: String {
      switch self {
      case .tooLarge(let n, let bytes, let available):
        func gb(_ b: UInt64) -> String { String(format: "%.1f GB", Double(b) / 1_073_741_824) }
        return "the chamber's \(n) contested seats need about \(gb(bytes)) of memory to build the district-noise covariance "
          + "and its factor (\(ForecastModel.denseMatricesAtPeak) matrices of \(n) x \(n) numbers), more than the "
          + "\(gb(available)) this machine has available; nothing was simulated. Use fewer contested seats or a machine with more memory"
      case .tooLargeForMemory(let e, let available):
        func gb(_ b: UInt64) -> String { String(format: "%.2f GB", Double(b) / 1_073_741_824) }
        return "the chamber's \(e.seats) seats (\(e.contested) contested) need about \(gb(e.bytes)) (\(e.bytes) bytes) of memory: "
          + "\(gb(e.setupBytes)) for the district-noise factor and \(gb(e.simulationBytes)) for the tallies and buffers of "
          + "\(e.workers) draw workers, more than the \(gb(available)) this machine has available; nothing was simulated. "
          + "Use fewer seats, fewer --threads or a machine with more memory"
      case .covarianceNotPositiveDefinite(let detail, let s, let l):
        func g(_ v: Double) -> String { String(format: "%g", v) }
        return "the district-noise covariance is not positive definite, so nothing was simulated (Cholesky: \(detail)). "
          + "It is set by noise.shares, noise.minimumSD, noise.scaleFromTau, noise.kernelLength, noise.componentSD and noise.varianceInflation, which resolve to "
          + "the SDs state \(g(s.state)), region \(g(s.region)), lean \(g(s.lean)), idiosyncratic \(g(s.idiosyncratic)) "
          + "points and a kernel length of \(g(l)) points. Seats with the same state, region and lean move together "
          + "unless the idiosyncratic part separates them: raise noise.shares.idiosyncratic"
      case .conditionalNeedsIndependentTerm(let method):
        return "--estimator conditional needs every seat's independent noise SD above 0 (docs/model.md §4.3), and the "
          + "\(method.rawValue) factor " + (method == .cholesky ? "has no independent term" : "has a seat without one (noise.shares.idiosyncratic is 0)")
          + "; nothing was simulated. Use --factor low-rank (the default) or --estimator sampled"
      case .notFinite(let name):
        return "resolved parameter \(name); nothing was simulated: check the config and data"
      }
    }
  }

  /// How many dense n x n matrices of doubles building the model holds at once, at most (the
  /// covariance, its Cholesky factor, the lean kernel and its eigenvectors, the low-rank check).
  static let denseMatricesAtPeak = 5

  /// Bytes the dense stage needs for `contested` seats.
  static func memoryNeeded(contested n: Int) -> UInt64 {
    UInt64(denseMatricesAtPeak) * UInt64(n) * UInt64(n) * UInt64(MemoryLayout<Double>.size)
  }

  /// The memory available to this process: `MemAvailable` of /proc/meminfo, else the physical memory.
  static func memoryAvailable() -> UInt64 {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
       let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
       let kb = UInt64(line.split(separator: " ").dropFirst().first ?? "") {
      return kb * 1024
    }
    return ProcessInfo.processInfo.physicalMemory
  }

  /// Refuses, before any large allocation, a chamber whose dense matrices do not fit in memory
  /// (an allocation that fails traps the process; this says why instead).
  /// - Throws: `BuildError.tooLarge` naming the seats and the bytes.
  static func checkMemory(contested: Int, available: UInt64 = memoryAvailable()) throws {
    let needed = memoryNeeded(contested: contested)
    guard needed <= available else { throw BuildError.tooLarge(contested: contested, bytes: needed, available: available) }
  }

  /// Refuses, before any large allocation, a structured-factor run whose `MemoryEstimate` exceeds
  /// the memory available.
  /// - Throws: `BuildError.tooLargeForMemory` naming the seats and the bytes.
  static func checkMemory(structured covariance: NoiseCovariance, seats: Int, environmentSD: Double,
                          workers: Int = MemoryEstimate.defaultWorkers, available: UInt64 = memoryAvailable()) throws {
    let estimate = memoryEstimate(structured: covariance, seats: seats, environmentSD: environmentSD, workers: workers)
    guard estimate.bytes <= available else { throw BuildError.tooLargeForMemory(estimate, available: available) }
  }

  /// The `MemoryEstimate` of a structured-factor run.
  static func memoryEstimate(structured covariance: NoiseCovariance, seats: Int, environmentSD: Double,
                             workers: Int) -> MemoryEstimate {
    let lower = covariance.leans.min() ?? 0, upper = covariance.leans.max() ?? 0
    let inducing = LeanKernelBasis.inducingCount(lower: lower, upper: upper, length: covariance.kernelLength,
                                                 spacing: NoiseFactor.inducingSpacing)
    let groups = Set(covariance.states).count + Set(covariance.regions).count
    // The plan's margin window (SimulationPlan.marginWindow) for a seat of the full noise SD.
    let window = max(10, (5 * (environmentSD * environmentSD + covariance.scales.total * covariance.scales.total).squareRoot()).rounded(.up))
    let bins = Int((2 * window / SimulationPlan.marginBinWidth).rounded()) + 1
    return MemoryEstimate.structured(seats: seats, contested: covariance.count, groups: groups, inducing: inducing,
                                     errorPoints: min(NoiseFactor.errorGridPoints, covariance.count), marginBins: bins,
                                     workers: workers)
  }

  /// Checks that every input and resolved parameter the draws use is a finite number (and the
  /// scales are not negative), so no NaN or infinity can reach a report.
  /// - Throws: `BuildError.notFinite` naming the first bad parameter and its value.
  static func checkFinite(inputs: ForecastInputs, prior: ResolvedEnvironmentPrior, calibration: SpecialsCalibration,
                          posterior: EnvironmentPosterior, scales: NoiseScales, environment: Double?) throws {
    let p = inputs.config.priors
    var named: [(String, Double)] = environment.map { [("the fixed environment", $0)] } ?? []
    named += [
      ("environment prior mean", prior.mean), ("environment prior SD", prior.sd),
      ("specials.alpha", p.translationAlpha), ("specials.beta", p.translationBeta), ("specials.sigmaT", p.translationSD),
      ("specials.halfLifeDays", p.recencyHalfLifeDays), ("specials.samplingSD", p.specialSamplingSD),
      ("incumbency.advantage", p.incumbencyAdvantage), ("noise.scaleFromTau", p.noiseScaleFromTau),
      ("noise.minimumSD", p.noiseMinimumSD), ("noise.kernelLength", p.kernelLength),
      ("tau (between-special SD)", calibration.tau), ("muE (posterior environment mean)", posterior.mean),
      ("sigmaE (posterior environment SD)", posterior.sd), ("noise SD (state)", scales.state),
      ("noise SD (region)", scales.region), ("noise SD (lean)", scales.lean),
      ("noise SD (idiosyncratic)", scales.idiosyncratic), ("noise SD", scales.total),
    ]
    if let estimate = calibration.estimate { named.append(("E_s (specials estimate)", estimate)) }
    if let se = calibration.standardError { named.append(("SE of E_s", se)) }
    for (level, weight) in p.levelWeights.sorted(by: { $0.key < $1.key }) { named.append(("specials.levelWeights.\(level)", weight)) }
    for d in inputs.districts { named.append(("lean of \(d.id)", d.lean)) }
    for (name, value) in named where !value.isFinite {
      throw BuildError.notFinite("\(name) is \(value), not a finite number")
    }
    for (name, value) in [("sigmaE (posterior environment SD)", posterior.sd), ("noise SD", scales.total)] where value < 0 {
      throw BuildError.notFinite("\(name) is \(value), below zero")
    }
    for (name, nu) in [("environment.nu", p.environmentNu), ("noise.nu", p.noiseNu)] where nu.isNaN || nu <= 2 {
      throw BuildError.notFinite("\(name) is \(nu), not above 2")
    }
  }

  /// Builds the model: calibrates, resolves the environment, builds and factors Sigma. Reached
  /// through `Forecaster.model`.
  /// - Throws: `InputError` for missing prior data, `BuildError` for a bad parameter or covariance.
  static func build(inputs: ForecastInputs, options: ForecastOptions) throws -> ForecastModel {
    let clock = ContinuousClock()
    let start = clock.now
    let config = inputs.config
    let priors = config.priors
    let resolved = try EnvironmentCalibration.resolve(inputs: inputs, asOf: options.asOf, evidence: options.evidence,
                                                      environment: options.environment)
    let date = resolved.asOf, prior = resolved.prior, calibration = resolved.specials
    var posterior = resolved.posterior
    let scales = resolved.scales
    let environment = options.environment

    // Contested seats in kernel order: grouped by region, then state, so that each region's and
    // each state's seats are contiguous and their shared shocks are added as runs.
    var fixedD = 0
    for d in inputs.districts where d.status == .fixed(.democratic) { fixedD += 1 }
    let contested = inputs.districts.indices.filter { inputs.districts[$0].status == .contested }.sorted {
      let a = inputs.districts[$0], b = inputs.districts[$1]
      return (a.region, a.state, $0) < (b.region, b.state, $1)
    }
    let baselines = try SeatBaselines.resolve(districts: contested.map { inputs.districts[$0] }, priors: priors,
                                              cycle: config.chamber.cycle, national: inputs.national, configFile: config.path)
    var base = baselines.margins
    var covariance = NoiseCovariance(
      states: contested.map { inputs.districts[$0].state }, regions: contested.map { inputs.districts[$0].region },
      leans: contested.map { inputs.districts[$0].lean }, scales: scales, kernelLength: priors.kernelLength)
    covariance.sharedColumns = baselines.sharedColumns.map(\.loadings)
    covariance.sharedColumnNames = baselines.sharedColumns.map(\.name)
    covariance.idiosyncraticVariances = baselines.idiosyncraticVariances(scales: scales, idiosyncraticShare: priors.noiseShares.idiosyncratic,
                                                                         varianceInflation: priors.noiseVarianceInflation ?? 1)
    // District polls (§2.5): the environment and the polled seats' baselines conditioned on them.
    var pollEvidence: PollEvidence?
    let jointPolls = config.polls?.conditioning == .joint && !inputs.polls.isEmpty
    if baselines.environmentLoadings != nil, config.polls != nil, !inputs.polls.isEmpty, !jointPolls {
      throw InputError(file: config.path, field: "polls.conditioning",
                       expected: "\"joint\" with elastic swing (district.*.elasticity, docs/model.md §1.6): the seat-by-seat combination takes a loading of 1 on the environment",
                       foundDescription: "\"seat\"")
    }
    if let pollPriors = config.polls, !inputs.polls.isEmpty, !jointPolls {
      pollEvidence = PollEvidence.combine(
        polls: inputs.polls, asOf: date, priors: pollPriors, contestedIDs: contested.map { inputs.districts[$0].id },
        base: base, sigma: covariance.matrix(), environmentMean: posterior.mean, environmentSD: posterior.sd)
      if let evidence = pollEvidence {
        posterior.mean = evidence.mean
        posterior.sd = evidence.sd
        for seat in evidence.seats { base[seat.index] += seat.shift }
      }
    }
    try checkFinite(inputs: inputs, prior: prior, calibration: calibration, posterior: posterior, scales: scales,
                    environment: environment)
    let runDraws = options.draws ?? config.draws
    guard (1...ForecastConfig.maximumDraws).contains(runDraws) else {
      throw BuildError.notFinite("draws is \(runDraws), not in 1...\(ForecastConfig.maximumDraws)")
    }
    // The dense path (docs/model.md §3.2) for small chambers and `--factor cholesky`; the
    // structured factor for `structured`, and for the default `low-rank` above the dense limit.
    let method: NoiseFactor.Method = options.factor == .lowRank && contested.count > NoiseFactor.denseSeatLimit
      ? .structured : options.factor
    if method == .structured {
      try checkMemory(structured: covariance, seats: config.chamber.seats, environmentSD: posterior.sd)
    } else {
      try checkMemory(contested: contested.count)
    }
    let calibrated = clock.now
    let factor: NoiseFactor
    do {
      switch method {
      case .structured:
        // Positive definite by structure (no dense Cholesky); refused when the structure cannot prove it.
        guard NoiseFactor.provablyPositiveDefinite(covariance) else {
          throw BuildError.covarianceNotPositiveDefinite(
            detail: "not provable from its structure: the idiosyncratic SD is 0 and two seats share a lean",
            scales: scales, kernelLength: priors.kernelLength)
        }
        factor = try NoiseFactor.structured(of: covariance)
      case .cholesky, .lowRank:
        // Sigma is factored by Cholesky first: it proves Sigma positive definite before any
        // draw, whichever factor the kernel then uses.
        let dense = try NoiseFactor.cholesky(of: covariance.matrix())
        factor = method == .cholesky ? dense : try NoiseFactor.lowRank(of: covariance)
      }
    } catch let error as FactorizationError {
      throw BuildError.covarianceNotPositiveDefinite(detail: error.description, scales: scales, kernelLength: priors.kernelLength)
    }
    guard factor.loadings.allSatisfy(\.isFinite), factor.idiosyncratic.allSatisfy(\.isFinite) else {
      throw BuildError.notFinite("the factor of the noise covariance has an entry that is not finite")
    }
    if options.estimator == .conditional
        && (factor.idiosyncratic.isEmpty || factor.idiosyncratic.contains { !($0 > 0) }) {
      throw BuildError.conditionalNeedsIndependentTerm(factor.method)
    }
    // Jointly conditioned polls (§2.5): the environment, the factor's shared components and the
    // polled seats' own noise conditioned on every poll at once; the draws use the posterior factor.
    var drawFactor = factor
    var environmentLoadings = baselines.environmentLoadings
    if jointPolls, let pollPriors = config.polls {
      do {
        if let (evidence, joint) = try PollEvidence.joint(
          polls: inputs.polls, asOf: date, priors: pollPriors, contestedIDs: contested.map { inputs.districts[$0].id },
          base: base, loadings: baselines.environmentLoadings, prior: factor, environmentMean: posterior.mean,
          environmentSD: posterior.sd) {
          pollEvidence = evidence
          posterior.mean = joint.environmentMean
          posterior.sd = joint.environmentSD
          base = joint.baseMargins
          environmentLoadings = joint.environmentLoadings
          drawFactor = joint.factor
        }
      } catch let error as FactorizationError {
        throw BuildError.notFinite("the posterior precision of the jointly conditioned polls (\(error.description))")
      }
      guard base.allSatisfy(\.isFinite), environmentLoadings?.allSatisfy(\.isFinite) ?? true, posterior.mean.isFinite,
            posterior.sd.isFinite, drawFactor.loadings.allSatisfy(\.isFinite), drawFactor.idiosyncratic.allSatisfy(\.isFinite) else {
        throw BuildError.notFinite("a term of the jointly conditioned polls is not finite (docs/model.md §2.5)")
      }
    }
    let factored = clock.now
    var plan = SimulationPlan(
      seats: config.chamber.seats, majority: config.chamber.majority, fixedDemocratic: fixedD,
      contestedIndices: contested, baseMargins: base, environmentMean: posterior.mean, environmentSD: posterior.sd,
      environmentNu: priors.environmentNu, noiseNu: priors.noiseNu, noiseTScale: priors.resolvedNoiseTScale, factor: drawFactor, seed: options.seed ?? config.seed,
      draws: runDraws, environmentLoadings: environmentLoadings)
    plan.estimator = options.estimator
    return ForecastModel(inputs: inputs, options: options, asOf: date, prior: prior, specials: calibration, posterior: posterior,
                         scales: scales, covariance: covariance, plan: plan,
                         calibrationSeconds: (calibrated - start).seconds, factorizationSeconds: (factored - calibrated).seconds,
                         pollEvidence: pollEvidence, fundamentalsMargins: baselines.margins,
                         elasticLoadings: baselines.environmentLoadings)
  }
}

extension Duration {
  /// The duration in seconds.
  package var seconds: Double {
    let (s, atto) = components
    return Double(s) + Double(atto) * 1e-18
  }
}
