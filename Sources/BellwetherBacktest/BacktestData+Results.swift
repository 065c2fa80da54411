import BellwetherEngine
import Foundation

extension BacktestData {
  /// Backtest data from the cycle's own tables, for any cycle whose config names `data.results`:
  /// the outcomes from the results table, the national House vote from `data.houseVote`, and the
  /// previous House results from the district table's `prev_margin` and `prev_contest` (a seat
  /// qualifies when its previous race on the same lines was a two-party contest and no federal
  /// special was held for it during the cycle). No published forecasts.
  /// - Throws: `Backtest.SetupError` when the config names no results table or the House vote lacks
  ///   the cycle; `InputError` for a bad results row.
  package static func fromResults(of forecaster: Forecaster) throws -> BacktestData {
    let inputs = forecaster.inputs
    let config = inputs.config
    let cycle = config.chamber.cycle
    guard let path = config.data.results, let results = try forecaster.results() else {
      throw Backtest.SetupError(description: "\(config.path) names no data.results table: a backtest needs the cycle's results")
    }
    guard let vote = inputs.national?.houseVote[cycle] else {
      throw Backtest.SetupError(description: "the House vote table (data.houseVote in \(config.path)) has no row for \(cycle)")
    }
    let outcomes = ElectionOutcomes(results: results.seats, districts: inputs.districts, houseVoteMargin: vote)
    var previous: [String: PreviousHouseResult] = [:]
    if let previousVote = inputs.national?.houseVote[cycle - 2] {
      let specialSeats = Set(inputs.specials.filter { $0.level == "federal" }.compactMap { SpecialsTable.houseDistrictID($0.seat) })
      for d in inputs.districts where d.previousContest == SeatResult.twoPartyContest && !specialSeats.contains(d.id) {
        guard let margin = d.previousMargin, margin != 0 else { continue }
        previous[d.id] = PreviousHouseResult(seat: d.id, winner: margin > 0 ? .democratic : .republican,
                                             relativeMargin: margin - previousVote)
      }
    }
    return BacktestData(cycle: cycle, outcomes: outcomes, publisher: nil, versions: [],
                        districtForecasts: PublishedDistrictForecasts(probabilities: [:]),
                        nationalForecasts: PublishedNationalForecasts(forecasts: [:]), previousResults: previous,
                        sourceHashes: [(path as NSString).lastPathComponent: results.sha256])
  }
}
