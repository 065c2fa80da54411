import BellwetherEngine
import Foundation

/// A backtest (docs/model.md §7): forecast a past cycle as it stood on each as-of date, using only
/// the specials held before that date and the generic-ballot average of that date, and score the
/// forecasts against the actual results beside a published forecaster's on the same date and seats.
package enum Backtest {
  /// Why a backtest cannot run.
  package struct SetupError: Error, CustomStringConvertible, Equatable {
    package var description: String
    package init(description: String) { self.description = description }
  }

  /// Runs every variant on every date and scores it.
  /// - Parameters:
  ///   - forecaster: the cycle's config and tables (the config's own as-of date is ignored).
  ///   - data: results and published forecasts of the same cycle.
  ///   - dates: as-of dates, each inside the cycle.
  ///   - variants: Bellwether versions to run, in table order. A variant that blends in the previous
  ///     House result (`previousResultWeight`) is left out when the config has a district table
  ///     (docs/model.md §1.5), whose baseline already weighs the previous margin: blending it in again
  ///     would count it twice.
  ///   - draws: draws per forecast.
  ///   - seed: master seed (default: the config's). Every forecast uses the same seed, so variants
  ///     differ by their settings, not by their random numbers.
  ///   - threads: worker threads (never changes the result).
  ///   - progress: called before each forecast with a short description.
  /// - Throws: `SetupError` when the data and inputs disagree; `InputError` or
  ///   `ForecastModel.BuildError` when a model cannot be built.
  package static func run(forecaster: Forecaster, data: BacktestData, dates: [CalendarDate],
                         variants: [BacktestVariant] = BacktestVariant.defaults, draws: Int, seed: UInt64? = nil,
                         threads: Int, progress: ((String) -> Void)? = nil) throws -> BacktestReport {
    let inputs = forecaster.inputs
    let config = inputs.config
    let chamber = config.chamber
    let variants = variants.filter { $0.previousResultWeight == nil || config.priors.districtBaseline == nil }
    guard data.cycle == chamber.cycle else {
      throw SetupError(description: "the backtest data are for \(data.cycle), the config forecasts \(chamber.cycle) (\(config.path))")
    }
    let seatIDs = inputs.districts.map(\.id)
    let seatSet = Set(seatIDs)
    guard seatSet == Set(data.outcomes.seats.map(\.id)), seatIDs.count == data.outcomes.seats.count else {
      let missing = seatSet.symmetricDifference(data.outcomes.seats.map(\.id)).sorted()
      throw SetupError(description: "the results and the district table name different seats: \(missing.prefix(10).joined(separator: ", "))")
    }
    guard !dates.isEmpty else { throw SetupError(description: "no as-of dates") }
    for date in dates where date < chamber.cycleStart || date > chamber.electionDate {
      throw SetupError(description: "as-of date \(date.iso) is outside the cycle \(chamber.cycleStart.iso)...\(chamber.electionDate.iso)")
    }
    guard draws >= 1 else { throw SetupError(description: "draws must be at least 1") }
    let actualSeats = data.outcomes.democraticSeats
    let sets: [RaceSet: [ElectionOutcomes.Seat]] = Dictionary(uniqueKeysWithValues: RaceSet.allCases.map { ($0, data.outcomes.seats(in: $0)) })

    let districtIndex = Dictionary(uniqueKeysWithValues: seatIDs.enumerated().map { ($0.element, $0.offset) })
    /// Scores one forecaster's probabilities on every race set; with `draws` (the default model's), each
    /// reliability bin of the decided set (the one the cross-cycle table pools) also gets its event
    /// count's distribution under the forecast's joint distribution of the seats.
    func score(_ probability: (String) -> Double?, draws: OutcomeRecorder? = nil) throws -> [RaceSet: DistrictScores] {
      var out: [RaceSet: DistrictScores] = [:]
      for (set, seats) in sets {
        let forecasts = try seats.map { seat -> BinaryForecast in
          guard let p = probability(seat.id) else { throw SetupError(description: "no forecast for \(seat.id)") }
          return BinaryForecast(id: seat.id, probability: p, occurred: seat.winner == .democratic)
        }
        let joint = set != .decided ? nil : draws.map { recorder in
          var groups = [[Int]](repeating: [], count: ReliabilityTable.defaultBinCount)
          var certain = [Int](repeating: 0, count: ReliabilityTable.defaultBinCount)
          for f in forecasts {
            let bin = ReliabilityTable.bin(of: f.probability), d = districtIndex[f.id]!
            groups[bin].append(d)
            // A fixed seat is not simulated: its probability is 0 or 1 in every draw.
            if !recorder.isContested(d) && f.probability == 1 { certain[bin] += 1 }
          }
          return zip(certain, recorder.countDistributions(groups: groups)).map {
            EventCountDistribution(offset: $0.0, probabilities: $0.1)
          }
        }
        guard let scores = DistrictScores(forecasts, jointCounts: joint) else {
          throw SetupError(description: "no races in the \(set.rawValue) set")
        }
        out[set] = scores
      }
      return out
    }

    var results: [BacktestReport.DateResult] = []
    let lastDate = dates.max()
    for date in dates {
      var rows: [BacktestReport.Row] = []
      var environment: BacktestReport.Environment?
      for variant in variants {
        progress?("\(date.iso): \(variant.label)")
        var model = try forecaster.model(ForecastOptions(
          asOf: date, draws: draws, seed: seed,
          environment: variant.usesActualEnvironment ? data.outcomes.houseVoteMargin : nil, evidence: variant.evidence))
        var adjusted: [String]?
        if let weight = variant.previousResultWeight {
          let result = PreviousResultBaseline.apply(to: model, previous: data.previousResults, weight: weight)
          model = result.model
          adjusted = result.seats
        }
        if environment == nil { environment = context(of: model) }
        // The default model's draws on the last date are kept, for its reliability bins' joint null
        // (`score`; the cross-cycle table pools that date).
        let recorder = variant.id == BacktestVariant.standard.id && date == lastDate ? OutcomeRecorder(plan: model.plan) : nil
        guard let result = Forecaster.run(model, threads: threads, sink: recorder) else {
          throw SetupError(description: "the simulation was cancelled")
        }
        let probabilities = result.winProbabilities
        rows.append(BacktestReport.Row(
          forecaster: BacktestReport.Row.bellwether, version: variant.id, label: variant.label, inSample: variant.inSample,
          environmentMean: model.plan.environmentMean, environmentSD: model.plan.environmentSD,
          environment10: nil, environment90: nil,
          seats: SeatScores(distribution: result.seats, actual: actualSeats),
          districts: try score({ probabilities[$0] }, draws: recorder), adjustedSeats: adjusted, incompleteSeats: nil,
          probabilities: probabilities))
      }
      var missing: [String] = []
      for version in data.versions {
        guard let national = data.nationalForecasts.forecast(model: version, date: date),
              let byDate = data.districtForecasts.probabilities[version]?[date] else {
          missing.append(version)
          continue
        }
        let published: [String: Double] = byDate.filter { seatSet.contains($0.key) }
        let incomplete = data.districtForecasts.shortfalls.filter { $0.model == version && $0.date == date }.map(\.seat).sorted()
        rows.append(BacktestReport.Row(
          forecaster: data.publisher ?? "published", version: version, label: "\(data.publisher ?? "published") \(version.capitalized)", inSample: false,
          environmentMean: national.voteMargin, environmentSD: nil,
          environment10: national.voteMargin10, environment90: national.voteMargin90,
          seats: SeatScores(actual: actualSeats, mean: national.meanSeats, median: national.medianSeats,
                            lower80: national.seats10, upper80: national.seats90,
                            majorityProbability: national.majorityProbability),
          districts: try score { byDate[$0] }, adjustedSeats: nil, incompleteSeats: incomplete.isEmpty ? nil : incomplete,
          probabilities: published))
      }
      results.append(BacktestReport.DateResult(asOf: date, environment: environment!, rows: rows, publishedMissing: missing))
    }

    return BacktestReport(
      schema: BacktestReport.schemaName, cycle: chamber.cycle, chamber: chamber.name, config: config.path,
      inputHashes: inputs.hashes, sourceHashes: data.sourceHashes, draws: draws, seed: seed ?? config.seed,
      publisher: data.publisher,
      actual: BacktestReport.Actual(
        democraticSeats: actualSeats, seats: chamber.seats, majority: chamber.majority,
        houseVoteMargin: data.outcomes.houseVoteMargin,
        races: Dictionary(uniqueKeysWithValues: sets.map { ($0.key, $0.value.count) }),
        excluded: data.outcomes.undecided),
      logLossClip: LogLoss.clip, variants: variants, dates: results)
  }

  /// The environment as a model read it: the prior, the specials and both combined, whatever
  /// evidence the model itself used (they do not depend on the variant).
  static func context(of model: ForecastModel) -> BacktestReport.Environment {
    let prior = model.prior
    let fit = model.specials
    let full = EnvironmentPosterior(prior: prior, calibration: fit, priors: model.inputs.config.priors)
    return BacktestReport.Environment(
      priorMean: prior.mean, priorSD: prior.sd, ballotAverage: prior.ballotAverage, specialsUsed: fit.rows.count,
      specialsEstimate: fit.estimate, specialsStandardError: fit.standardError, tau: fit.tau,
      translatedMean: full.specialsMean, translatedSD: full.specialsSD,
      posteriorMean: full.mean, posteriorSD: full.sd, noiseSD: model.scales.total)
  }
}
