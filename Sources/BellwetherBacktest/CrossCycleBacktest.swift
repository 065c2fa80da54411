import BellwetherEngine
import Foundation

/// Backtests of several cycles side by side (`bellwether backtest --cycles 2006,2010,2014,2018`):
/// per cycle, the default model's forecast on its last as-of date (the day before the election)
/// scored against that cycle's results, and the seats of every cycle pooled into one reliability
/// table (docs/model.md §7). Each cycle's forecast uses only what was known before it.
package struct CrossCycleBacktest: Codable, Sendable {
  package static let schemaName = "bellwether.backtest-cycles/1"

  /// One cycle's line.
  package struct Cycle: Codable, Sendable {
    package var cycle: Int
    package var chamber: String
    package var asOf: CalendarDate
    /// The environment Bellwether forecast (posterior mean and SD) and the actual House vote.
    package var environmentMean: Double
    package var environmentSD: Double?
    package var houseVoteMargin: Double
    package var seats: SeatScores
    /// District scores of the default model, by race set.
    package var districts: [RaceSet: DistrictScores]
    /// The best published forecast's Brier score over the decided seats on the same date, if any
    /// were shipped for the cycle.
    package var publishedBrier: [String: Double]
  }

  package var schema: String
  package var variant: String
  package var cycles: [Cycle]
  /// Every decided seat of every cycle, pooled.
  package var pooled: DistrictScores
  /// The environment's errors against its stated SD and the seat intervals' coverage, against what
  /// calibrated forecasts would give.
  package var honesty: IntervalHonesty

  /// Gathers the cycles' backtests (each already run on its own data) with the outcomes each was
  /// scored against.
  /// - Throws: `Backtest.SetupError` when a report has no default-model row.
  package init(_ runs: [(report: BacktestReport, outcomes: ElectionOutcomes)]) throws {
    schema = CrossCycleBacktest.schemaName
    variant = BacktestVariant.standard.id
    var all: [BinaryForecast] = []
    var lines: [Cycle] = []
    // The pooled bins' event-count distributions: the cycles are independent forecasts, so the pooled
    // count's distribution is the convolution of theirs (and its variance the sum).
    var joint: [EventCountDistribution]? = [EventCountDistribution](
      repeating: EventCountDistribution(offset: 0, probabilities: [1]), count: ReliabilityTable.defaultBinCount)
    for (report, outcomes) in runs {
      guard let last = report.dates.max(by: { $0.asOf < $1.asOf }),
            let row = last.rows.first(where: { $0.isDefaultModel }) else {
        throw Backtest.SetupError(description: "the \(report.cycle) backtest has no default-model row")
      }
      var published: [String: Double] = [:]
      for r in last.rows where !r.isBellwether {
        if let b = r.districts[.decided]?.brier { published[r.label] = b }
      }
      lines.append(Cycle(cycle: report.cycle, chamber: report.chamber, asOf: last.asOf, environmentMean: row.environmentMean,
                         environmentSD: row.environmentSD, houseVoteMargin: report.actual.houseVoteMargin, seats: row.seats,
                         districts: row.districts, publishedBrier: published))
      if var pooled = joint, let bins = row.districts[.decided]?.reliability.bins, bins.count == pooled.count,
         bins.contains(where: { $0.jointCounts != nil }) {
        for (k, bin) in bins.enumerated() { if let c = bin.jointCounts { pooled[k] = pooled[k].convolved(with: c) } }
        joint = pooled
      } else {
        joint = nil
      }
      all += outcomes.seats(in: .decided).map {
        BinaryForecast(id: "\(report.cycle) \($0.id)", probability: row.probabilities[$0.id] ?? 0, occurred: $0.winner == .democratic)
      }
    }
    guard let pooled = DistrictScores(all, jointCounts: joint) else { throw Backtest.SetupError(description: "no decided seats in any cycle") }
    cycles = lines
    self.pooled = pooled
    honesty = IntervalHonesty(lines.map { ($0.cycle, $0.environmentMean, $0.environmentSD, $0.houseVoteMargin, $0.seats.inside80) })
  }

  /// `backtest-cycles.json`.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}
