import BellwetherEngine
/// A refinement of the district baseline tried in backtests (issue 4): for an incumbent who won the
/// seat's last two-party race on the same lines, the previous House margin (relative to the nation)
/// says something the presidential lean does not: how this member runs ahead of or behind the top
/// of the ticket. The baseline becomes the blend
///
///     base[d] = (1 - w) * (lean[d] + inc[d]) + w * previous[d]
///
/// with `previous[d]` the seat's `PreviousHouseResult.relativeMargin` (which already holds that
/// member's incumbency advantage). Seats without such a result keep `lean + inc`. The weight `w` is
/// a judgment: two noisy readings of the same member's normal vote, neither known to be the better
/// one, get equal weight (no earlier pair of cycles in the data could fit it without peeking).
enum PreviousResultBaseline {
  /// Returns the model with the blended baselines and the ids of the seats changed.
  ///
  /// A seat qualifies when it is contested, its incumbent is on the ballot, and its previous winner
  /// is of the incumbent's party (`previous` should only hold races on the same lines, with no
  /// special election since). Only the plan's base margins change; the noise, the environment and
  /// the random streams do not, so a backtest compares like with like.
  /// - Precondition: `weight` in 0...1.
  static func apply(to model: ForecastModel, previous: [String: PreviousHouseResult],
                           weight: Double) -> (model: ForecastModel, seats: [String]) {
    precondition((0...1).contains(weight), "the previous-result weight is in 0...1")
    let plan = model.plan
    var base = plan.baseMargins
    var seats: [String] = []
    for (k, i) in plan.contestedIndices.enumerated() {
      let district = model.inputs.districts[i]
      guard let incumbent = district.incumbent, let result = previous[district.id], result.winner == incumbent else { continue }
      base[k] = (1 - weight) * plan.baseMargins[k] + weight * result.relativeMargin
      seats.append(district.id)
    }
    var adjusted = model
    adjusted.plan = plan.replacing(baseMargins: base)
    return (adjusted, seats.sorted())
  }
}
