import BellwetherEngine
import Foundation

/// `fit-config.json5`: one fit's values as a commented config fragment, each with its estimate,
/// standard error and the cycles it came from (docs/fit.md, "fit-config.json5").
package enum FitConfigFragment {
  package static func render(_ fit: PriorFit, command: String) -> String {
    var out: [String] = []
    let gb = fit.genericBallot
    out.append("// Priors fitted by `\(command)`: \(fit.label).")
    if fit.inSample {
      out.append("// POOLED, IN-SAMPLE: every cycle read is among those these values would be used on; for a forecast of")
      out.append("// one of them use the fit for that cycle (fit-config-<cycle>.json5), which reads only the cycles before it.")
    }
    out.append("// District model and specials from \(fit.cycles.isEmpty ? "no earlier cycle" : FitFormat.span(fit.cycles)); "
      + "generic-ballot misses from \(FitFormat.span(gb.cycles)).")
    out.append("// Method: docs/fit.md. A fragment, not a config: copy a table into a cycle config by hand. Every key is the")
    out.append("// config key of the same name (docs/model.md §1.5, §2.1, §3.4, §3.5); environment.missByHorizon is read with")
    out.append("// prior: \"generic-ballot-horizon\", and the district table replaces the uniform rule lean + incumbency.")
    out.append("{")
    out += environment(fit)
    out += specials(fit)
    out += incumbency(fit)
    out += district(fit)
    out += polls(fit)
    out += noise(fit)
    out.append("}")
    return out.joined(separator: "\n") + "\n"
  }

  /// `noise.componentSD` and `noise.kernelLength` (docs/model.md §3.4) from `NoiseStructureFit`: two keys
  /// of the config's `noise` table, the rest of which is not fitted.
  static func noise(_ fit: PriorFit) -> [String] {
    let tail = noiseNu(fit.tails?.noise)
    guard let f = fit.noiseStructure else {
      return ["  // noise.componentSD: not fitted (no earlier cycle's district fit)"] + tail.comments
        + (tail.keys.map { ["  noise: { \($0) },"] } ?? [])
    }
    func sd(_ name: String) -> String {
      let c = f.component(name)
      return "\(name) \(FitFormat.withSE(c?.sd, c?.standardError))"
    }
    let seats = f.seatsByCycle.values.reduce(0, +)
    var out = [
      "  // Paste componentSD, kernelLength and (where fitted) varianceInflation and nu into the config's noise table (the other noise keys are not fitted).",
      "  // District-noise structure from the within-cycle pairs of the per-cycle district fits' residuals (\(seats) seats, \(f.pairs) pairs,",
      "  // cycles \(FitFormat.span(f.cycles)); docs/fit.md, \"Noise structure\"): SDs in points, \(sd("state")), \(sd("region")), \(sd("lean"))"
        + (f.cycles.count < 3 ? " (jackknife SEs need three cycles)" : " (delete-one-cycle jackknife SEs)") + ".",
    ]
    if f.kernelLengthAtBound {
      out.append("  // NOT IDENTIFIED: the kernel length is the longest tried, so the lean term is not identified (the per-cycle fits absorb")
      out.append("  // a shock that smooth in lean); the shipped configs keep the judged split (docs/fit.md, \"Noise structure\").")
    }
    let nu = tail.keys.map { ", \($0)" } ?? ""
    if let l = f.kernelLength {
      out.append("  // kernelLength: the best of \(NoiseStructureFit.lengthGrid.map { FitFormat.number($0, 1) }.joined(separator: ", ")) points by the pairs' residual sum of squares.")
      out += tail.comments
      out.append("  noise: { componentSD: { state: \(n(f.component("state")?.sd)), region: \(n(f.component("region")?.sd)), lean: \(n(f.component("lean")?.sd)) }, kernelLength: \(n(l))\(nu) },")
    } else {
      out.append("  // kernelLength: not identified (the lean term is 0 at every length tried); keep the config's.")
      out += tail.comments
      out.append("  noise: { componentSD: { state: \(n(f.component("state")?.sd)), region: \(n(f.component("region")?.sd)), lean: \(n(f.component("lean")?.sd)) }\(nu) },")
    }
    return out
  }

  /// The `polls` table (docs/model.md §2.5) from `PollErrorFit`; `maxAgeDays` is not fitted.
  static func polls(_ fit: PriorFit) -> [String] {
    guard let p = fit.polls else { return ["  // polls: no district polls in \(fit.cycles.isEmpty ? "any earlier cycle" : FitFormat.span(fit.cycles))"] }
    return [
      "  // District-poll error model from \(p.polls) polls (\(p.sponsored) sponsored) of \(p.seats) seats, cycles \(FitFormat.span(p.cycles)).",
      "  // bias \(FitFormat.withSE(p.bias, p.biasSE)), sponsorLean \(FitFormat.withSE(p.sponsorLean, p.sponsorLeanSE)); the SDs are moment estimates"
        + (p.cycles.count < 3 ? " (sharedSD from \(p.cycles.count) cycle\(p.cycles.count == 1 ? "" : "s"): not identified)" : "") + ".",
      "  // maxAgeDays is not fitted: the polls of the source were fielded within 21 days of the election.",
    ] + houseEffectComments(fit) + selectionComments(fit) + pollsLine(p, houseEffectEntries(fit.houseEffects), selection: fit.pollSelection)
  }

  /// The comment on the poll selection slope (docs/fit.md, "Poll selection"); empty without a fit.
  static func selectionComments(_ fit: PriorFit) -> [String] {
    guard let g = fit.pollSelection else { return ["  // selectionSlope: not fitted (no polled seat the district model predicts)."] }
    return ["  // selectionSlope: polled seats' results minus the district model's expected margin, regressed on that margin through 0 "
              + "(\(g.seats) polled seats of \(FitFormat.span(g.cycles))): \(FitFormat.withSE(g.slope, g.standardError)); unpolled seats "
              + "\(FitFormat.number(g.unpolledSlope)) (\(g.unpolledSeats) seats). Relative to the district table's fundamentals."]
  }

  /// The `polls: { … }` line; with house effects, its `houseEffects` table on the lines after it.
  static func pollsLine(_ p: PollErrorFit, _ effects: [String], selection: PollSelectionFit? = nil) -> [String] {
    let head = "  polls: { bias: \(n(p.bias)), sponsorLean: \(n(p.sponsorLean)), pollSD: \(n(p.pollSD)), districtSD: \(n(p.districtSD)), "
      + "sharedSD: \(n(p.sharedSD)), maxAgeDays: 60" + (selection.map { ", selectionSlope: \(n(min(1, max(0, $0.slope))))" } ?? "")
    return effects.isEmpty ? [head + " },"] : [head + ", houseEffects: {"] + effects + ["  } },"]
  }

  /// The comment on the house effects (docs/fit.md, "House effects"); empty without a fit.
  static func houseEffectComments(_ fit: PriorFit) -> [String] {
    guard let h = fit.houseEffects else { return [] }
    var out = ["  // House effects: random-effects (ANOVA) fit over \(h.units) pollster-seat units of \(h.pollsters.count) pollsters: "
      + "tau \(FitFormat.withSE(h.tau, h.tauSE)), F = \(FitFormat.number(h.fStatistic)) on (\(h.betweenDOF), \(h.withinDOF)) df, "
      + "\(pValue(h.pValue)) (\(h.isDistinguishableFromZero ? "distinguishable" : "not distinguishable") from 0 at 5%)."]
    let listed = h.configEffects
    if listed.isEmpty {
      out.append("  // houseEffects: none (" + (h.tau > 0 ? "no pollster with \(HouseEffectFit.minimumSeats) seats" : "tau = 0") + ").")
    } else {
      out.append("  // houseEffects: each pollster's mean residual shrunk by n tau^2 / (n tau^2 + sigma^2), n its seats, sigma "
        + "\(FitFormat.number(h.withinVariance.squareRoot())), for the \(listed.count) pollsters with at least \(HouseEffectFit.minimumSeats) seats.")
    }
    return out
  }

  /// The `houseEffects` entries, one a line; empty when the fit gives none (`HouseEffectFit.configEffects`).
  static func houseEffectEntries(_ fit: HouseEffectFit?) -> [String] {
    (fit?.configEffects ?? []).map {
      "    \(quoted($0.name)): \(n($0.effect)),  // \($0.seats) seats (\($0.polls) polls), raw mean \(n($0.rawMean)), shrinkage \(n($0.shrinkage))"
    }
  }

  /// `p = 0.082`, or `p < 0.001`.
  static func pValue(_ p: Double) -> String { p < 0.001 ? "p < 0.001" : "p = " + FitFormat.number(p, 3) }

  /// A JSON string literal (a valid JSON5 key whatever the name holds).
  static func quoted(_ name: String) -> String {
    var out = "\""
    for scalar in name.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func n(_ x: Double?) -> String { FitFormat.number(x, 3) }
  static func list(_ cycles: [Int]) -> String { "[" + cycles.map(String.init).joined(separator: ", ") + "]" }

  static func environment(_ fit: PriorFit) -> [String] {
    let gb = fit.genericBallot
    var out = ["  environment: {"]
    out.append("    // With prior: \"generic-ballot-horizon\": the generic-ballot prior's correction by days before the election. Each entry: the mean miss")
    out.append("    // (the two-party average dated on or before election day - days, minus the two-party House vote) with its")
    out.append("    // SE, the sample SD, and the predictive SD = SD x sqrt(1 + 1/n), the scale of the Student-t predictive with")
    out.append("    // n - 1 df (tSD: that t's own SD), over `cycles`.")
    if let cur = gb.currentPrior.summary {
      out.append("    // The current prior (docs/model.md §2.1) on the same cycles, from each cycle's last row (dated "
        + "\(dateSpread(gb.currentPrior)) the election): mean \(n(cur.mean)), SD \(n(cur.sd)).")
    }
    out += missByHorizon(gb, indent: "    ")
    out += environmentNu(fit.tails?.environment)
    out.append("  },")
    return out.map { $0.replacingOccurrences(of: ": —", with: ": null") }
  }

  /// `environment.nu` (docs/model.md §2.4) from `TailFit`: a value only where the profile's interval does
  /// not run over the whole grid.
  static func environmentNu(_ e: TailFit.EnvironmentTail?) -> [String] {
    guard let e else { return ["    // nu: not fitted (fewer than three generic-ballot misses)."] }
    let head = "    // nu: profile likelihood of the \(e.misses.count) misses at \(e.days) day\(e.days == 1 ? "" : "s") (\(FitFormat.span(e.cycles))) "
      + "as Student t's (docs/fit.md, \"Tails\"): best \(FitFormat.nu(e.profile.best)), 95% interval \(FitFormat.interval(e.profile))"
    guard !e.profile.spansGrid else {
      return [head + ".", "    // NOT IDENTIFIED: the interval runs from the fewest degrees of freedom tried to the Gaussian; keep the config's judgment."]
    }
    return [head + ".", "    nu: \(nuValue(e.profile.best)),"]
  }

  /// `noise.nu` with `tScale: "scale"` (docs/model.md §3.3) from `TailFit`, as comments and, where the
  /// profile's interval does not run over the whole grid, a line of keys.
  static func noiseNu(_ t: TailFit.NoiseTail?) -> (comments: [String], keys: String?) {
    guard let t else {
      return (["  // noise.nu, noise.varianceInflation: not fitted (no earlier cycle off new lines with a cycle before it to forecast it from, "
                 + "and an earlier config; docs/fit.md, \"Tails\")."], nil)
    }
    let ratios = t.cycles.map { "\($0.cycle) \(FitFormat.number($0.ratio, 3))" }.joined(separator: ", ")
    var comments = [
      "  // noise.nu: profile likelihood of each earlier cycle's errors, its seats forecast by the district fit from the cycles before it,",
      "  // as one multivariate-t draw with the model's covariance Sigma (docs/fit.md, \"Tails\"); e' Sigma^-1 e / seats: \(ratios)"
        + (t.excluded.isEmpty ? "" : " (left out, on new lines: " + t.excluded.map { "\($0.cycle) \(FitFormat.number($0.ratio, 3))" }.joined(separator: ", ") + ")") + ".",
      "  // tScale \"scale\": best \(FitFormat.nu(t.scale.best)), 95% interval \(FitFormat.interval(t.scale)); tScale \"sd\": best \(FitFormat.nu(t.sd.best)), "
        + "95% interval \(FitFormat.interval(t.sd)).",
    ]
    let free = t.freeScale, at = TailFit.nuGrid.firstIndex(of: free.best)!
    comments.append("  // With Sigma's factor k free (scale matrix k Sigma): best nu \(FitFormat.nu(free.best)) (k \(FitFormat.number(t.freeScaleFactors[at], 3))"
      + (t.freeScaleFactorsAtBound[at] ? ", at the end of the searched \(ModelPriors.noiseVarianceInflationRangeText)" : "") + "), "
      + "95% interval \(FitFormat.interval(free)); the Gaussian's factor \(FitFormat.withSE(t.varianceInflation, t.varianceInflationSE, 3))"
      + (t.varianceInflationSE == nil ? " (one cycle: no SE)" : " (SE: the larger of the cluster-robust over the cycles and the model's)") + ".")
    guard free.upper == .infinity else {
      comments.append("  // varianceInflation and nu: the t of that best nu and its factor (the Gaussian is outside the interval).")
      if t.freeScaleFactorsAtBound[at] { comments.append(outOfRange) }
      return (comments, "varianceInflation: \(n(t.freeScaleFactors[at])), nu: \(nuValue(free.best)), tScale: \"scale\"")
    }
    comments.append("  // varianceInflation and nu: the Gaussian with its factor (inside the interval: once the scale is fitted these cycles cannot tell fatter tails from it).")
    guard t.varianceInflationOutsideRange else { return (comments, "varianceInflation: \(n(t.varianceInflation)), nu: null") }
    comments.append(outOfRange)
    let range = ModelPriors.noiseVarianceInflationRange
    return (comments, "varianceInflation: \(n(min(max(t.varianceInflation, range.lowerBound), range.upperBound))), nu: null")
  }

  /// The warning under a factor outside the config's range, which the fragment writes at the range's end.
  static let outOfRange = "  // WARNING: the fitted factor lies outside \(ModelPriors.noiseVarianceInflationRangeText), the values noise.varianceInflation takes, so the end of that range is "
    + "written: the class residualSDs are far from the earlier cycles' out-of-sample errors; look at the district fit before using it."

  /// A config value: the number, or `null` (Gaussian).
  static func nuValue(_ nu: Double) -> String { nu.isInfinite ? "null" : FitFormat.number(nu, 0) }

  /// The `missByHorizon: [...]` lines of a generic-ballot miss fit (also written into the shipped
  /// cycle configs by `bellwether import`).
  package static func missByHorizon(_ gb: GenericBallotMissFit, indent: String) -> [String] {
    var out = [indent + "missByHorizon: ["]
    for h in gb.horizons {
      guard let s = h.summary else {
        out.append(indent + "  // days \(h.days): no cycle with an average")
        continue
      }
      out.append(indent + "  { days: \(h.days), mean: \(n(s.mean)), se: \(n(s.standardErrorOfMean)), sd: \(n(s.sd)), "
        + "predictiveSD: \(n(s.predictiveSD)), tSD: \(n(s.predictiveTSD)), n: \(s.count), cycles: \(list(s.cycles)) },")
    }
    out.append(indent + "],")
    return out.map { $0.replacingOccurrences(of: ": —", with: ": null") }
  }

  static func dateSpread(_ h: GenericBallotMissFit.Horizon) -> String {
    let after = h.misses.map { -$0.daysBeforeElection }
    guard let lo = after.min(), let hi = after.max() else { return "—" }
    func words(_ d: Int) -> String {
      if d == 0 { return "on the day of" }
      return "\(abs(d)) day\(abs(d) == 1 ? "" : "s") \(d > 0 ? "after" : "before")"
    }
    return lo == hi ? words(lo) : "from \(words(lo)) to \(words(hi))"
  }

  static func specials(_ fit: PriorFit) -> [String] {
    var out = ["  specials: {"]
    let current = fit.currentPriors.last
    guard let sp = fit.specials, let a = sp.anchored else {
      out.append("    // alpha, beta, sigmaT: not estimable (no earlier cycle with specials and results).")
      out.append("  },")
      return out
    }
    out.append("    // Anchored fit, one point per cycle (\(list(a.cycles)), \(a.cycles.count) cycles): House vote - P = beta (E_s - P),")
    out.append("    // E_s the specials' estimate on election eve, P = lean.nationalMargin; alpha = (1 - beta) P, as \"derived\".")
    out.append("    // beta \(n(a.beta)), SE \(n(a.standardError)); per cycle "
      + sp.readings.compactMap { r in r.impliedBeta.map { "\(r.cycle) \(n($0))" } }.joined(separator: ", ")
      + (current.map { "; current \(FitFormat.number($0.beta, 1))" } ?? "") + ".")
    if let f = sp.free {
      out.append("    // Free fit on the same cycles, vote = alpha + beta E_s: alpha \(n(f.alpha)) (SE \(n(f.alphaStandardError))), "
        + "beta \(n(f.beta)) (SE \(n(f.betaStandardError))).")
    }
    out.append("    // Few cycles, each with few specials before 2017: a width, not a value.")
    out.append("    alpha: \"derived\",")
    out.append("    beta: \(n(a.beta)),")
    if let t = a.sigmaT, t > 0 {
      out.append("    // sqrt(max(0, s^2 - beta^2 mean SE^2)), s = \(n(a.residualSD)) the anchored fit's residual SD on the same cycles"
        + (current.map { "; current \(FitFormat.number($0.sigmaT, 1))" } ?? "") + ".")
      out.append("    sigmaT: \(n(t)),")
    } else if let s = a.residualSD {
      out.append("    // sigmaT: not identified. The anchored fit's residual SD, s = \(n(s)), is below what the specials' own SEs")
      out.append("    // imply (beta x RMS SE = \(n(abs(a.beta) * meanSE(sp, a.cycles).squareRoot()))), so s^2 - beta^2 mean SE^2 < 0: the cycles say nothing")
      out.append("    // about the spread beyond the specials' sampling error" + (current.map { "; current \(FitFormat.number($0.sigmaT, 1)), a judgment" } ?? "") + ".")
    } else {
      out.append("    // sigmaT: not estimable from one cycle.")
    }
    out.append("  },")
    return out
  }

  /// The mean squared SE of the readings of `cycles`.
  static func meanSE(_ sp: SpecialsTranslationFit, _ cycles: [Int]) -> Double {
    let r = sp.readings.filter { cycles.contains($0.cycle) }
    return r.map { pow($0.standardError ?? 0, 2) }.reduce(0, +) / Double(max(r.count, 1))
  }

  static func incumbency(_ fit: PriorFit) -> [String] {
    var out = ["  incumbency: {"]
    guard let d = fit.district, let a = d.incumbency else {
      out.append("    // advantage: not estimable (no earlier cycle with results).")
      out.append("  },")
      return out
    }
    out.append("    // The current rule's form (lean slope 1, +a D incumbent, -a R incumbent): least squares on the incumbents'")
    out.append("    // contested seats of \(list(a.cycles)) (\(a.seats) seats): a \(n(a.estimate)), SE \(n(a.standardError)); per cycle "
      + d.incumbencyPerCycle.map { "\($0.cycles[0]) \(n($0.estimate))" }.joined(separator: ", ")
      + "; cycle-to-cycle SD \(n(d.incumbencySpread?.sd))" + (fit.currentPriors.last.map { "; current \(FitFormat.number($0.incumbencyAdvantage, 1))" } ?? "") + ".")
    out.append("    advantage: \(n(a.estimate)),")
    out.append("  },")
    return out
  }

  /// ", each cycle's seats weighted by recency (half-life H years: 1998 w, ...)", or nothing.
  static func recency(_ d: DistrictModelFit) -> String {
    FitFormat.recencyWeights(d).map { ", each cycle's seats weighted by recency (\($0))" } ?? ""
  }

  static func district(_ fit: PriorFit) -> [String] {
    guard let d = fit.district else {
      return ["  // district: not estimable (no earlier cycle with results)."]
    }
    var out: [String] = []
    out.append("  // The linear district baseline (docs/model.md §1.5): margin - houseVote = lean x b_lean (+ previous x b_previous)")
    out.append("  // + the seat class's intercept, by least squares on the contested seats of \(list(d.cycles))\(recency(d)); previous = prev_margin")
    out.append("  // minus the previous cycle's House vote. Each value: estimate, classical \(d.cycleWeights == nil ? "OLS" : "weighted least-squares") SE, the SD of the per-cycle")
    out.append("  // estimates (below two cycles borrowed from the other equation, else 0), cycles. residualSD: root mean square residual by class, pooled fit: each")
    out.append("  // class's total district-noise SD (§3.4). sharedErrors: true draws each coefficient from its cycleSD (§3.5).")
    out.append("  district: {")
    for spec in [DistrictSpecification.withPrevious, .withoutPrevious] {
      guard let s = d.specification(spec) else { continue }
      let key = spec == .withPrevious ? "withPrevious" : "withoutPrevious"
      out.append("    // \(spec.summary) (\(s.pooled.seats) seats)")
      guard s.pooled.failure == nil else {
        out.append("    // \(key): no fit (\(s.pooled.failure!))")
        continue
      }
      out.append("    \(key): {")
      let otherSpec: DistrictSpecification = spec == .withPrevious ? .withoutPrevious : .withPrevious
      let other = d.specification(otherSpec)
      for c in s.pooled.coefficients {
        if c.name == "absLean" || c.name == "elasticity" {
          // Elastic swing (docs/model.md §1.6): pooled over the cycles only, so no cycle SD.
          let digits = c.name == "elasticity" ? 5 : 3
          if c.name == "absLean" {
            out.append("      // Elastic swing (§1.6): absLean, the slope on |lean|; elasticity, the change in the seat's loading on the")
            out.append("      // environment per point of |lean| (loading max(0, 1 + elasticity x |lean|)). Pooled fit only (one House vote")
            out.append("      // per cycle cannot identify it), so no cycleSD; not drawn by the shared errors.")
          }
          out.append("      \(c.name): { estimate: \(FitFormat.number(c.estimate, digits)), se: \(FitFormat.number(c.standardError, digits)), "
            + "cycles: \(list(d.cycles)) },")
          continue
        }
        let spread = s.spread.first { $0.name == c.name }
        var sd = spread?.sd
        if sd == nil {
          // One cycle: no spread of its own. The other equation's same term, where it has one, is
          // the closest estimate of how much the term moves from cycle to cycle (docs/fit.md).
          if let borrowed = other?.spread.first(where: { $0.name == c.name && $0.sd != nil }), let value = borrowed.sd {
            out.append("      // \(fragmentKey(c.name)).cycleSD: this equation's term has one cycle; borrowed from "
                       + "\(otherSpec == .withPrevious ? "withPrevious" : "withoutPrevious") (\(list(borrowed.cycles))), "
                       + "whose coefficients are on another scale: a rough spread, read only with sharedErrors.")
            sd = value
          } else {
            out.append("      // \(fragmentKey(c.name)).cycleSD: one cycle and no other equation's term to borrow from: "
                       + "0, not drawn (docs/model.md §3.5).")
            sd = 0
          }
        }
        out.append("      \(fragmentKey(c.name)): { estimate: \(n(c.estimate)), se: \(n(c.standardError)), cycleSD: \(n(sd)), "
          + "cycles: \(list(spread?.cycles ?? d.cycles)) },".replacingOccurrences(of: ": —", with: ": null"))
      }
      let classes = s.pooled.byClass.filter { $0.seatClass != "all" }
      out.append("      residualSD: { " + classes.map { "\(fragmentKey($0.seatClass)): \(n($0.rms))" }.joined(separator: ", ") + " },")
      out.append("    },")
    }
    out.append("  },")
    return out.map { $0.replacingOccurrences(of: ": —", with: ": null") }
  }

  /// A coefficient's key: `incumbentD`, `incumbentR`, `open`, `lean`, `previous`.
  static func fragmentKey(_ name: String) -> String {
    switch name {
    case SeatClass.democraticIncumbent.rawValue: return "incumbentD"
    case SeatClass.republicanIncumbent.rawValue: return "incumbentR"
    default: return name
    }
  }
}
