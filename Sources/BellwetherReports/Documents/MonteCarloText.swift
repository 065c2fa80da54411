import BellwetherEngine
import Foundation

/// The sentences that state a run's Monte Carlo error (`MonteCarloErrors`), shared by summary.md
/// and report.html so that the two say the same; numbers through `Formats`.
enum MonteCarloText {
  /// The standard errors of the chances and the mean.
  static func standardErrors(_ result: ForecastResult) -> String {
    let e = result.errors
    let tipping = result.districts.compactMap(\.tippingProbabilityStandardError).max() ?? 0
    return "Monte Carlo error of these \(Formats.count(result.tallies.draws)) draws (± one standard error; chances in percentage points): "
      + "the chance of a majority \(Formats.percentError(e.majorityProbability)), the mean seats ± \(Formats.error(e.meanSeats)), "
      + "each seat's chance at most \(Formats.percentError(e.largestWinProbability)), "
      + "each tipping-point share at most \(Formats.percentError(tipping))."
      + (result.estimator == .conditional
        ? " Estimator: conditional (Rao-Blackwellised, docs/model.md §4.3): the chances and the mean seats are means of "
          + "each draw's conditional values; the seat histogram, its quantiles and the tipping point are sampled."
        : "")
  }

  /// The order-statistic ranges of the seat quantiles.
  static func quantileRanges(_ result: ForecastResult) -> String {
    let e = result.errors
    let q = result.seats.quantiles
    let parts = q.all.map { level, seats in
      "\(NumberText.plain(level * 100))% \(Formats.seats(seats, range: e.quantile(level)))"
    }
    return "Seat quantiles with the range of the quantile at its level ± 2 standard errors (binomial order-statistic "
      + "interval, about 95%; a single number means that range is the one seat count): " + parts.joined(separator: ", ") + "."
  }
}
