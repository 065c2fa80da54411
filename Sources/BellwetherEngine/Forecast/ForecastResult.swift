import Foundation

/// A finished forecast: the model, the tallies and every figure of docs/model.md §5.
public struct ForecastResult: Sendable {
  /// The model simulated.
  package var model: ForecastModel
  /// The raw counts.
  public var tallies: Tallies
  /// The seat distribution.
  package var seats: SeatDistribution
  /// Per seat, in the district table's order.
  package var districts: [DistrictForecast]
  /// Expected seats by state, sorted by state.
  package var stateSeats: [(state: String, seats: Int, expectedDemocratic: Double)]
  /// Seats held by Democrats before the election (seats with a known `held_by`).
  package var democraticSeatsBefore: Int
  /// Mean of the environment draws.
  package var environmentDrawMean: Double
  /// The Monte Carlo error of the headline figures and of each seat's probabilities.
  package var errors: MonteCarloErrors
  /// Seconds spent drawing and aggregating.
  package var drawSeconds: Double
  var aggregationSeconds: Double

  /// Summarises the tallies of a model's draws.
  /// - Complexity: O(seats x histogram bins).
  public init(model: ForecastModel, tallies: Tallies, drawSeconds: Double = 0) {
    let clock = ContinuousClock()
    let start = clock.now
    self.model = model
    self.tallies = tallies
    let plan = model.plan
    seats = SeatDistribution(counts: tallies.seatCounts, majority: plan.majority)
    let total = Double(tallies.draws)
    var position: [Int: Int] = [:]
    for (k, i) in plan.contestedIndices.enumerated() { position[i] = k }
    let advantage = model.inputs.config.priors.incumbencyAdvantage
    districts = model.inputs.districts.enumerated().map { i, d in
      // A contested seat's base is the plan's (the uniform rule, a district table, or a backtest's
      // refined baselines); a fixed seat is not simulated and shows the uniform rule.
      let base = position[i].map { plan.baseMargins[$0] } ?? d.lean + (d.incumbent?.sign ?? 0) * advantage
      var forecast = DistrictForecast(
        id: d.id, state: d.state, region: d.region, status: d.status, incumbent: d.incumbent,
        lean: d.lean, baseMargin: base, democraticWinProbability: 0, meanMargin: nil, margin10: nil, margin90: nil,
        tippingProbability: 0, note: d.note)
      switch d.status {
      case .fixed(let party):
        forecast.democraticWinProbability = party == .democratic ? 1 : 0
      case .contested:
        let k = position[i]!
        forecast.democraticWinProbability = Double(tallies.wins[k]) / total
        // The noise has mean zero, so the expected margin is exactly the plan's baseline + muE (the
        // plan's baseline: lean + inc, moved by the seat's polls, docs/model.md §2.5, or a variant).
        forecast.meanMargin = plan.expectedMargin(k)
        // The seat's class histogram holds margin offsets from the expected margin.
        let origin = plan.expectedMargin(k) - plan.marginWindow
        let row = Array(tallies.offsetCounts(ofClass: Int(plan.offsetClasses.classOf[k])))
        forecast.margin10 = ForecastResult.histogramQuantile(row, level: 0.1, origin: origin, width: SimulationPlan.marginBinWidth)
        forecast.margin90 = ForecastResult.histogramQuantile(row, level: 0.9, origin: origin, width: SimulationPlan.marginBinWidth)
        forecast.tippingProbability = Double(tallies.tipping[k]) / total
      }
      return forecast
    }
    if let sums = tallies.conditional {
      // The conditional estimator (docs/model.md §4.3): each contested seat's chance, the mean seats
      // and P(majority) are the means of their per-draw conditional values; the seat histogram, its
      // quantiles and the tipping point stay those of the sampled outcomes.
      for (i, d) in model.inputs.districts.enumerated() where d.status == .contested {
        let k = position[i]!
        districts[i].democraticWinProbability = ConditionalTallies.meanAndError(
          sum: sums.winSums[k], squares: sums.winSquares[k], draws: tallies.draws).mean
      }
    }
    var byState: [String: (Int, Double)] = [:]
    for d in districts {
      let current = byState[d.state] ?? (0, 0)
      byState[d.state] = (current.0 + 1, current.1 + d.democraticWinProbability)
    }
    stateSeats = byState.keys.sorted().map { ($0, byState[$0]!.0, byState[$0]!.1) }
    democraticSeatsBefore = model.inputs.districts.filter { $0.heldBy == .democratic }.count
    environmentDrawMean = Double(tallies.environmentSum) / Tallies.fixedPointScale / total
    errors = MonteCarloErrors(seats: seats, winProbabilities: districts.map(\.democraticWinProbability),
                              tippingProbabilities: districts.map(\.tippingProbability))
    if let sums = tallies.conditional {
      let majority = ConditionalTallies.meanAndError(sum: sums.majoritySum, squares: sums.majoritySquares, draws: tallies.draws)
      let wins = ConditionalTallies.meanAndError(sum: sums.seatSum, squares: sums.seatSquares, draws: tallies.draws)
      seats.majorityProbability = majority.mean
      seats.mean = Double(plan.fixedDemocratic) + wins.mean
      errors.majorityProbability = majority.standardError
      errors.meanSeats = wins.standardError
      for (i, d) in model.inputs.districts.enumerated() where d.status == .contested {
        let k = position[i]!
        errors.winProbabilities[i] = ConditionalTallies.meanAndError(
          sum: sums.winSums[k], squares: sums.winSquares[k], draws: tallies.draws).standardError
      }
    }
    for i in districts.indices {
      districts[i].democraticWinProbabilityStandardError = errors.winProbabilities[i]
      districts[i].tippingProbabilityStandardError = errors.tippingProbabilities[i]
    }
    self.drawSeconds = drawSeconds
    aggregationSeconds = (clock.now - start).seconds
  }

  /// How the draws became probabilities (docs/model.md §4.3).
  package var estimator: Estimator { model.plan.estimator }

  /// Each seat's chance of a Democratic win, by seat id: the share of draws won for a contested
  /// seat, 1 or 0 for a fixed one.
  package var winProbabilities: [String: Double] {
    Dictionary(uniqueKeysWithValues: districts.map { ($0.id, $0.democraticWinProbability) })
  }

  /// Expected net change in Democratic seats from the chamber before the election.
  package var expectedNetChange: Double { seats.mean - Double(democraticSeatsBefore) }

  /// The seats most often the tipping point, most frequent first.
  package func tippingPointSeats(limit: Int) -> [DistrictForecast] {
    Array(districts.filter { $0.tippingProbability > 0 }
      .sorted { $0.tippingProbability > $1.tippingProbability || ($0.tippingProbability == $1.tippingProbability && $0.id < $1.id) }
      .prefix(limit))
  }

  /// The contested seats closest to a coin flip.
  package func mostCompetitive(limit: Int) -> [DistrictForecast] {
    Array(districts.filter(\.isContested)
      .sorted { abs($0.democraticWinProbability - 0.5) < abs($1.democraticWinProbability - 0.5) || (abs($0.democraticWinProbability - 0.5) == abs($1.democraticWinProbability - 0.5) && $0.id < $1.id) }
      .prefix(limit))
  }

  /// A quantile of a binned distribution, linearly interpolated inside the bin that crosses it.
  /// Bin b covers `[origin + b w, origin + (b + 1) w)`.
  static func histogramQuantile(_ counts: [Int], level: Double, origin: Double, width: Double) -> Double {
    let total = Double(counts.reduce(0, +))
    let target = level * total
    var cumulative = 0.0
    for (b, c) in counts.enumerated() where c > 0 {
      let next = cumulative + Double(c)
      if next >= target {
        let fraction = (target - cumulative) / Double(c)
        return origin + (Double(b) + fraction) * width
      }
      cumulative = next
    }
    return origin + Double(counts.count) * width
  }
}
