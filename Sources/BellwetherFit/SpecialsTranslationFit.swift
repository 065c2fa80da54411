import BellwetherEngine
import Foundation

/// One past cycle's specials estimate beside its House vote.
package struct SpecialsReading: Sendable, Codable, Equatable {
  package var cycle: Int
  /// The date the specials were cut at: the day before the election.
  package var asOf: CalendarDate
  /// Specials used (held before `asOf`, with positive weight).
  package var specials: Int
  /// The random-effects estimate E_s and its SE (docs/model.md §2.2), with the cycle's own config
  /// settings (half-life, sampling SD, level weights); nil without specials.
  package var estimate: Double?
  package var standardError: Double?
  package var tau: Double
  /// The cycle's two-party House margin.
  package var houseVote: Double
  /// The national presidential margin the cycle's leans are relative to (`lean.nationalMargin`).
  package var leanNationalMargin: Double?
  /// `(houseVote − P) / (E_s − P)`, P = `leanNationalMargin`: the beta this cycle alone implies
  /// under alpha = (1 − beta) P.
  package var impliedBeta: Double? {
    guard let e = estimate, let p = leanNationalMargin, abs(e - p) > 1e-9 else { return nil }
    return (houseVote - p) / (e - p)
  }

  package init(cycle: Int, asOf: CalendarDate, specials: Int, estimate: Double?, standardError: Double?, tau: Double,
               houseVote: Double, leanNationalMargin: Double?) {
    self.cycle = cycle
    self.asOf = asOf
    self.specials = specials
    self.estimate = estimate
    self.standardError = standardError
    self.tau = tau
    self.houseVote = houseVote
    self.leanNationalMargin = leanNationalMargin
  }

  private enum CodingKeys: String, CodingKey {
    case cycle, asOf, specials, estimate, standardError, tau, houseVote, leanNationalMargin, impliedBeta
  }

  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(cycle: try c.decode(Int.self, forKey: .cycle), asOf: try c.decode(CalendarDate.self, forKey: .asOf),
              specials: try c.decode(Int.self, forKey: .specials), estimate: try c.decodeIfPresent(Double.self, forKey: .estimate),
              standardError: try c.decodeIfPresent(Double.self, forKey: .standardError), tau: try c.decode(Double.self, forKey: .tau),
              houseVote: try c.decode(Double.self, forKey: .houseVote),
              leanNationalMargin: try c.decodeIfPresent(Double.self, forKey: .leanNationalMargin))
  }

  package func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(cycle, forKey: .cycle)
    try c.encode(asOf, forKey: .asOf)
    try c.encode(specials, forKey: .specials)
    try c.encodeIfPresent(estimate, forKey: .estimate)
    try c.encodeIfPresent(standardError, forKey: .standardError)
    try c.encode(tau, forKey: .tau)
    try c.encode(houseVote, forKey: .houseVote)
    try c.encodeIfPresent(leanNationalMargin, forKey: .leanNationalMargin)
    try c.encodeIfPresent(impliedBeta, forKey: .impliedBeta)
  }
}

/// The translation of the specials' estimate into the House vote, `E = alpha + beta E_s + e`,
/// `e ~ N(0, beta^2 SE^2 + sigmaT^2)` (docs/model.md §2.3), fitted across past cycles, one point per
/// cycle (docs/fit.md, "Specials' translation"). With three or four cycles it is a width, not a
/// value.
package struct SpecialsTranslationFit: Sendable, Codable, Equatable {
  /// `houseVote − P = beta (E_s − P)`: alpha = (1 − beta) P, as `specials.alpha: "derived"`.
  package struct Anchored: Sendable, Codable, Equatable {
    package var cycles: [Int]
    package var beta: Double
    /// `s / sqrt(sum (E_s − P)^2)`; nil with one cycle.
    package var standardError: Double?
    /// s, the residual SD (n − 1 divisor); nil with one cycle.
    package var residualSD: Double?
    /// `sqrt(max(0, s^2 − beta^2 mean(SE^2)))`: the spread left once the specials' own sampling
    /// error is taken out; nil with one cycle.
    package var sigmaT: Double?
  }

  /// `houseVote = alpha + beta E_s`: both free, by OLS.
  package struct Free: Sendable, Codable, Equatable {
    package var cycles: [Int]
    package var alpha: Double
    package var alphaStandardError: Double?
    package var beta: Double
    package var betaStandardError: Double?
    /// s (n − 2 divisor); nil with two cycles (an exact fit).
    package var residualSD: Double?
    package var sigmaT: Double?
  }

  /// Each cycle's reading.
  package var readings: [SpecialsReading]
  /// Nil without a cycle with specials and a lean table.
  package var anchored: Anchored?
  /// Nil below two cycles with specials.
  package var free: Free?
  /// Why a fit is missing, in words.
  package var notes: [String]

  /// Fits the translation on the readings.
  package static func fit(_ readings: [SpecialsReading]) -> SpecialsTranslationFit {
    var notes: [String] = []
    let usable = readings.filter { $0.estimate != nil }
    for r in readings where r.estimate == nil { notes.append("\(r.cycle): no specials before \(r.asOf.iso)") }
    let meanSE2 = { (rs: [SpecialsReading]) in rs.map { pow($0.standardError ?? 0, 2) }.reduce(0, +) / Double(max(rs.count, 1)) }

    var anchored: Anchored?
    let anchor = usable.filter { $0.leanNationalMargin != nil }
    for r in usable where r.leanNationalMargin == nil { notes.append("\(r.cycle): no lean.nationalMargin, left out of the anchored fit") }
    if !anchor.isEmpty,
       let fit = try? LeastSquares.fit(design: anchor.map { [$0.estimate! - $0.leanNationalMargin!] },
                                       response: anchor.map { $0.houseVote - $0.leanNationalMargin! }, names: ["beta"]) {
      let beta = fit.coefficients[0]
      anchored = Anchored(cycles: anchor.map(\.cycle), beta: beta, standardError: fit.standardErrors?[0], residualSD: fit.residualSD,
                          sigmaT: fit.residualSD.map { max(0, $0 * $0 - beta * beta * meanSE2(anchor)).squareRoot() })
      if anchor.count == 1 { notes.append("anchored fit: one cycle, no standard error") }
    }

    var free: Free?
    if usable.count >= 2 {
      do {
        let fit = try LeastSquares.fit(design: usable.map { [1, $0.estimate!] }, response: usable.map(\.houseVote),
                                       names: ["alpha", "beta"])
        let beta = fit.coefficients[1]
        free = Free(cycles: usable.map(\.cycle), alpha: fit.coefficients[0], alphaStandardError: fit.standardErrors?[0],
                    beta: beta, betaStandardError: fit.standardErrors?[1], residualSD: fit.residualSD,
                    sigmaT: fit.residualSD.map { max(0, $0 * $0 - beta * beta * meanSE2(usable)).squareRoot() })
        if usable.count == 2 { notes.append("free fit: two cycles, an exact line with no standard error") }
      } catch {
        notes.append("free fit: \(error)")
      }
    } else {
      notes.append("free fit: needs two cycles with specials, has \(usable.count)")
    }
    return SpecialsTranslationFit(readings: readings, anchored: anchored, free: free, notes: notes)
  }
}
