import BellwetherEngine
import Foundation

/// One past district poll against its seat's result (docs/fit.md, "District polls").
package struct PollObservation: Sendable, Codable, Equatable {
  package var cycle: Int
  package var seat: String
  /// Poll margin minus the seat's two-party result margin, points.
  package var error: Double
  /// +1 for a D-sponsored poll, −1 for R, 0 nonpartisan.
  package var sponsor: Double
  /// Who ran it, as the table spells it (the house-effect fit's key, `HouseEffectFit`); empty: unknown.
  package var pollster: String

  package init(cycle: Int, seat: String, error: Double, sponsor: Double, pollster: String = "") {
    self.cycle = cycle
    self.seat = seat
    self.error = error
    self.sponsor = sponsor
    self.pollster = pollster
  }
}

/// The district-poll error model of docs/model.md §2.5, fitted by moments from past cycles' polls
/// and results (docs/fit.md, "District polls"):
/// - `bias` = mean error of the nonpartisan polls;
/// - `sponsorLean` = mean of `sponsor × (error − bias)` over the sponsored polls;
/// - with `a = error − bias − sponsor × sponsorLean`: `pollSD^2` = the pooled within-seat variance of
///   `a` (seats with two or more polls, `Σ (a − ā_seat)^2 / Σ (n − 1)`);
/// - `districtSD^2` = the mean over seats of `(ā_seat − ā_cycle)^2` less its expected sampling part
///   `pollSD^2 / n` (each cycle's mean removed, so the shared error is apart), clamped at 0;
/// - `sharedSD^2` = the variance across cycles of `ā_cycle` (the mean of the seat averages) less the
///   mean of `(districtSD^2 + pollSD^2 mean(1/n)) / seats`, clamped at 0 (few cycles: a rough figure).
///
/// The SDs' standard errors are normal-theory approximations: a variance estimated with `d` degrees
/// of freedom from a total variance `V` has SE `V sqrt(2 / d)`, and an SD `s` the delta method's
/// `SE(s^2) / (2 s)` (nil when `s` is 0: the clamp leaves no slope). `pollSD`: `d` = the pooled
/// within-seat degrees of freedom, `V = pollSD^2`; `districtSD`: `d` = the seats, `V` = the seat
/// averages' spread; `sharedSD`: `d` = cycles − 1, `V` = the cycle means' variance.
package struct PollErrorFit: Sendable, Codable, Equatable {
  package var cycles: [Int]
  package var polls: Int
  package var sponsored: Int
  package var seats: Int
  package var bias: Double
  package var biasSE: Double
  package var sponsorLean: Double
  package var sponsorLeanSE: Double
  package var pollSD: Double
  package var districtSD: Double
  package var sharedSD: Double
  /// Approximate standard errors of the three SDs (see the type); nil where the SD is 0 or, for
  /// `sharedSD`, with fewer than two cycles.
  package var pollSDSE: Double?
  package var districtSDSE: Double?
  package var sharedSDSE: Double?
  /// Each cycle's mean seat-average error after bias and sponsor lean.
  package var cycleMeans: [Int: Double]

  /// Fits the model; nil without nonpartisan polls or without a seat of two polls.
  package static func fit(_ observations: [PollObservation]) -> PollErrorFit? {
    let plain = observations.filter { $0.sponsor == 0 }.map(\.error)
    guard plain.count >= 2 else { return nil }
    let bias = mean(plain)
    let biasSE = (variance(plain) / Double(plain.count)).squareRoot()
    let sponsored = observations.filter { $0.sponsor != 0 }.map { $0.sponsor * ($0.error - bias) }
    let lean = sponsored.isEmpty ? 0 : mean(sponsored)
    let leanSE = sponsored.count < 2 ? 0 : (variance(sponsored) / Double(sponsored.count)).squareRoot()
    var bySeat: [String: (cycle: Int, values: [Double])] = [:]
    for o in observations {
      let key = "\(o.cycle) \(o.seat)"
      bySeat[key, default: (o.cycle, [])].values.append(o.error - bias - o.sponsor * lean)
    }
    // Sums in a fixed order (the seats sorted), so the figures do not depend on hashing.
    let ordered = bySeat.keys.sorted().map { bySeat[$0]! }
    var within = 0.0, dof = 0
    for s in ordered where s.values.count >= 2 {
      let m = mean(s.values)
      within += s.values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
      dof += s.values.count - 1
    }
    guard dof > 0 else { return nil }
    let pollVariance = within / Double(dof)
    let cycles = Set(ordered.map(\.cycle)).sorted()
    var cycleMeans: [Int: Double] = [:], spread = 0.0, inverseN = 0.0, count = 0.0
    var sampling: [Int: Double] = [:]
    for c in cycles {
      let seats = ordered.filter { $0.cycle == c }
      let averages = seats.map { mean($0.values) }
      let m = mean(averages)
      cycleMeans[c] = m
      for s in seats {
        let a = mean(s.values)
        spread += (a - m) * (a - m) * Double(seats.count) / Double(max(seats.count - 1, 1))
        inverseN += 1 / Double(s.values.count)
        count += 1
      }
      sampling[c] = seats.map { 1 / Double($0.values.count) }.reduce(0, +) / Double(seats.count * seats.count)
    }
    let districtVariance = max(0, spread / count - pollVariance * inverseN / count)
    func sdSE(_ sd: Double, total: Double, dof: Double) -> Double? {
      sd > 0 && dof > 0 ? total * (2 / dof).squareRoot() / (2 * sd) : nil
    }
    var shared = 0.0, sharedSE: Double?
    if cycles.count >= 2 {
      let means = cycles.map { cycleMeans[$0]! }
      let expected = cycles.map { c -> Double in
        let n = Double(ordered.filter { $0.cycle == c }.count)
        return districtVariance / n + pollVariance * sampling[c]!
      }
      shared = max(0, variance(means) - mean(expected))
      sharedSE = sdSE(shared.squareRoot(), total: variance(means), dof: Double(cycles.count - 1))
    }
    return PollErrorFit(cycles: cycles, polls: observations.count, sponsored: sponsored.count, seats: bySeat.count, bias: bias,
                        biasSE: biasSE, sponsorLean: lean, sponsorLeanSE: leanSE, pollSD: pollVariance.squareRoot(),
                        districtSD: districtVariance.squareRoot(), sharedSD: shared.squareRoot(),
                        pollSDSE: sdSE(pollVariance.squareRoot(), total: pollVariance, dof: Double(dof)),
                        districtSDSE: sdSE(districtVariance.squareRoot(), total: spread / count, dof: count),
                        sharedSDSE: sharedSE, cycleMeans: cycleMeans)
  }

  private static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
  /// The sample variance (n − 1).
  private static func variance(_ x: [Double]) -> Double {
    let m = mean(x)
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }
}
