import BellwetherEngine
import Foundation

/// Number formats shared by the fit's Markdown, terminal and config renderers.
enum FitFormat {
  /// `x` with `digits` decimals, `—` for nil or a non-finite value.
  static func number(_ x: Double?, _ digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "—" }
    let text = String(format: "%.\(digits)f", x)
    return text == "-" + String(format: "%.\(digits)f", 0.0) ? String(format: "%.\(digits)f", 0.0) : text
  }

  /// `x` with a sign: `+2.89`, `-0.50`.
  static func signed(_ x: Double?, _ digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "—" }
    let text = number(x, digits)
    return text.hasPrefix("-") || text == number(0, digits) ? text : "+" + text
  }

  /// `estimate ± se`, or the estimate alone without an SE.
  static func withSE(_ estimate: Double?, _ se: Double?, _ digits: Int = 2) -> String {
    guard let se, se.isFinite else { return number(estimate, digits) }
    return number(estimate, digits) + " ± " + number(se, digits)
  }

  /// `2006-2014`, `2006`, `2006, 2010` for consecutive even cycles or not.
  static func span(_ cycles: [Int]) -> String {
    guard let first = cycles.first, let last = cycles.last else { return "none" }
    if cycles.count == 1 { return String(first) }
    let consecutive = zip(cycles, cycles.dropFirst()).allSatisfy { $1 - $0 == 2 }
    return consecutive ? "\(first)-\(last)" : cycles.map(String.init).joined(separator: ", ")
  }

  /// A horizon's name: `1 (eve)`, `30`.
  /// "half-life H years: 1998 0.001, 2002 0.004, ...", the district fit's recency weights; nil unweighted.
  static func recencyWeights(_ d: DistrictModelFit) -> String? {
    guard let h = d.recencyHalfLifeYears, let w = d.cycleWeights else { return nil }
    return "half-life \(String(format: "%g", h)) years: " + d.cycles.map { "\($0) \(String(format: "%.3f", w[$0] ?? .nan))" }.joined(separator: ", ")
  }

  static func horizon(_ days: Int) -> String { days == 1 ? "1 (eve)" : String(days) }

  /// Degrees of freedom: `3`, or `Gaussian` for infinity.
  static func nu(_ nu: Double) -> String { nu.isInfinite ? "Gaussian" : number(nu, 0) }

  /// A profile's 95% interval: `5 to 100`, `3 to Gaussian`.
  static func interval(_ p: TailFit.Profile) -> String { "\(self.nu(p.lower)) to \(self.nu(p.upper))" }
}

/// `fit.md`: the fit report for people (docs/fit.md shows the shipped cycles' one).
package enum FitMarkdown {
  package static func render(_ report: FitReport) -> String {
    var out: [String] = []
    out.append("# Priors fitted from past cycles")
    out.append("")
    out.append("Written by `\(report.command)`; method and `fit.json` schema in docs/fit.md. A fit **for cycle Y** reads only the "
      + "cycles before Y: their districts, specials and results, and of the national series the generic-ballot rows and "
      + "House votes of elections before Y. Every figure marked **pooled (in-sample)** includes the cycles it would be "
      + "used on. Margins are two-party, D minus R, in points.")
    out.append("")
    out.append("Tables read: " + report.cycles.map { "\($0.cycle) (`\($0.config)`, `\($0.results)`)" }.joined(separator: ", ")
      + (report.cycles.isEmpty ? "" : "; ") + "`\(report.national.genericBallot)`, `\(report.national.houseVote)`.")
    out.append("")
    out += genericBallot(report)
    out += district(report)
    out += specials(report)
    out += polls(report)
    out += noiseStructure(report)
    out += tails(report)
    if !report.outOfSample.isEmpty { out += outOfSample(report) }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: District polls

  /// The district-poll error model of each fit (docs/model.md §2.5; `PollErrorFit`).
  static func polls(_ report: FitReport) -> [String] {
    var out = ["## 5. District-poll error model", "",
               "Poll margin minus the seat's result; bias from nonpartisan polls, sponsor lean toward the sponsor, SDs by moments (docs/fit.md).", "",
               "| Fit | Cycles | Polls (sponsored) | Seats | Bias | Sponsor lean | Poll SD | District SD | Shared SD |",
               "|---|---|---|---|---|---|---|---|---|"]
    for fit in report.fits {
      guard let p = fit.polls else {
        out.append("| \(title(fit)) | \(fit.cycles.isEmpty ? "none" : FitFormat.span(fit.cycles)) | none | | | | | | |")
        continue
      }
      out.append("| \(title(fit)) | \(FitFormat.span(p.cycles)) | \(p.polls) (\(p.sponsored)) | \(p.seats) | "
        + "\(FitFormat.withSE(p.bias, p.biasSE)) | \(FitFormat.withSE(p.sponsorLean, p.sponsorLeanSE)) | \(FitFormat.withSE(p.pollSD, p.pollSDSE)) | "
        + "\(FitFormat.withSE(p.districtSD, p.districtSDSE)) | \(FitFormat.withSE(p.sharedSD, p.sharedSDSE))\(p.cycles.count < 3 ? " (few cycles)" : "") |")
    }
    out.append("")
    return out + houseEffects(report)
  }

  /// The pollster house effects of each fit (docs/fit.md, "House effects"; `HouseEffectFit`).
  static func houseEffects(_ report: FitReport) -> [String] {
    let fits = report.fits.compactMap { f in f.houseEffects.map { (f, $0) } }
    guard !fits.isEmpty else { return [] }
    var out = ["### House effects", "",
               "Residuals net of bias, sponsor lean and the cycle's mean; a pollster's polls of one seat in one cycle are one unit (they share "
                 + "the district error). tau: the between-pollster SD by the ANOVA method of moments; F tests tau = 0. Each pollster's effect is "
                 + "its mean residual times n tau^2 / (n tau^2 + sigma^2), n its units; a config lists those with at least "
                 + "\(HouseEffectFit.minimumSeats) units when tau > 0 (docs/fit.md).", "",
               "| Fit | Polls | Units | Pollsters | sigma (within) | tau | F (df) | p | Distinguishable from 0 (5%) | In the config |",
               "|---|---|---|---|---|---|---|---|---|---|"]
    for (fit, h) in fits {
      out.append("| \(title(fit)) | \(h.polls) | \(h.units) | \(h.pollsters.count) | \(FitFormat.number(h.withinVariance.squareRoot())) | "
        + "\(FitFormat.withSE(h.tau, h.tauSE)) | \(FitFormat.number(h.fStatistic)) (\(h.betweenDOF), \(h.withinDOF)) | "
        + "\(h.pValue < 0.001 ? "< 0.001" : FitFormat.number(h.pValue, 3)) | \(h.isDistinguishableFromZero ? "yes" : "no") | "
        + "\(h.configEffects.count) |")
    }
    out.append("")
    for (fit, h) in fits where !h.configEffects.isEmpty {
      out += ["Pollsters with at least \(HouseEffectFit.minimumSeats) units — \(title(fit)) (by units, then name):", "",
              "| Pollster | Polls | Units n | Raw mean | Shrinkage | Effect |", "|---|---|---|---|---|---|"]
      for p in h.configEffects.sorted(by: { ($0.seats, $1.name) > ($1.seats, $0.name) }) {
        out.append("| \(p.name) | \(p.polls) | \(p.seats) | \(FitFormat.signed(p.rawMean)) | \(FitFormat.number(p.shrinkage)) | \(FitFormat.signed(p.effect)) |")
      }
      out.append("")
    }
    return out
  }

  // MARK: Noise structure

  /// The state, region and lean-kernel parts of the district noise of each fit (docs/fit.md, "Noise
  /// structure"; `NoiseStructureFit`).
  static func noiseStructure(_ report: FitReport) -> [String] {
    var out = ["## 6. District-noise structure", "",
               "How the per-cycle district fits' residuals move together within a cycle: the pair products regressed on same state, "
                 + "same region and the lean kernel (non-negative), the kernel length the best of "
                 + NoiseStructureFit.lengthGrid.map { FitFormat.number($0, 1) }.joined(separator: ", ")
                 + " points; SDs in points with their delete-one-cycle jackknife SEs (docs/fit.md).", "",
               "| Fit | Cycles | Seats (pairs) | Mean squared residual | State SD | Region SD | Lean SD | Kernel length |",
               "|---|---|---|---|---|---|---|---|"]
    for fit in report.fits {
      guard let n = fit.noiseStructure else {
        out.append("| \(title(fit)) | none | | | | | | |")
        continue
      }
      let cells = ["state", "region", "lean"].map { name -> String in
        let c = n.component(name)
        return FitFormat.withSE(c?.sd, c?.standardError)
      }
      out.append("| \(title(fit)) | \(FitFormat.span(n.cycles)) | \(n.seatsByCycle.values.reduce(0, +)) (\(n.pairs)) | "
        + "\(FitFormat.number(n.residualVariance, 1)) | " + cells.joined(separator: " | ")
        + " | \(n.kernelLength.map { FitFormat.number($0, 1) + (n.kernelLengthAtBound ? " (the longest tried: not identified)" : "") } ?? "not identified (lean term 0)") |")
    }
    out.append("")
    if let pooled = report.fits.last(where: { $0.inSample })?.noiseStructure {
      out += ["Each cycle alone, at the pooled fit's kernel length (variances, points squared; pooled, in-sample):", "",
              "| Cycle | Seats | State | Region | Lean |", "|---|---|---|---|---|"]
      for c in pooled.cycles {
        out.append("| \(c) | \(pooled.seatsByCycle[c] ?? 0) | "
          + ["state", "region", "lean"].map { FitFormat.number(pooled.component($0)?.perCycle[c], 1) }.joined(separator: " | ") + " |")
      }
      out.append("")
    }
    return out
  }

  // MARK: Generic ballot

  static func genericBallot(_ report: FitReport) -> [String] {
    var out = ["## 1. Generic-ballot miss by days before the election", ""]
    out.append("Miss = the generic-ballot two-party average, the last dated on or before election day − h (h = 1: election eve), "
      + "minus the two-party House vote; positive: the average ran too Democratic. SD: the sample SD (n − 1). Predictive SD = "
      + "SD × sqrt(1 + 1/n), the scale of the Student-t predictive with n − 1 df for the next cycle's miss; t SD is that t's own "
      + "SD, × sqrt((n − 1)/(n − 3)). **Current prior**: the method of docs/model.md §2.1, each cycle's last row of the series "
      + "(`NationalSeries.finalAverage`), whatever its date, with the plain sample SD.")
    out.append("")
    // Per-cycle table from the fit that covers the most cycles.
    if let widest = report.fits.max(by: { $0.genericBallot.cycles.count < $1.genericBallot.cycles.count }) {
      let gb = widest.genericBallot
      out.append("Each cycle's misses (\(widest.inSample ? "every cycle read" : "the cycles of the fit \(widest.label)")):")
      out.append("")
      out.append("| Cycle | Election day | " + gb.horizons.map { "h = \(FitFormat.horizon($0.days))" }.joined(separator: " | ")
        + " | Last row (days after the election) |")
      out.append("|---|---|" + gb.horizons.map { _ in "---|" }.joined() + "---|")
      for c in gb.cycles {
        let cells = gb.horizons.map { h in h.misses.first { $0.cycle == c }.map { FitFormat.signed($0.miss) } ?? "—" }
        let last = gb.currentPrior.misses.first { $0.cycle == c }
        let lastCell = last.map { "\(FitFormat.signed($0.miss)) (\($0.averageDate.iso), \(-$0.daysBeforeElection))" } ?? "—"
        let day = ElectionDayText.of(c, gb)
        out.append("| \(c) | \(day) | " + cells.joined(separator: " | ") + " | \(lastCell) |")
      }
      out.append("")
    }
    for fit in report.fits {
      let gb = fit.genericBallot
      out.append("### \(title(fit)): cycles \(FitFormat.span(gb.cycles))")
      out.append("")
      out.append("| Days before | Cycles | Mean miss | SE of mean | SD | Predictive SD | t SD (n − 1 df) |")
      out.append("|---|---|---|---|---|---|---|")
      for h in gb.horizons { out.append(row(FitFormat.horizon(h.days), h)) }
      out.append(row("current prior (last row)", gb.currentPrior))
      out.append("")
      if let eve = gb.horizon(1)?.summary, let cur = gb.currentPrior.summary {
        out.append("\(fit.inSample ? "Pooled (in-sample): " : "")The current prior corrects the average by \(FitFormat.signed(cur.mean)) "
          + "with SD \(FitFormat.number(cur.sd)); the election-eve fit gives \(FitFormat.signed(eve.mean)) (SE \(FitFormat.number(eve.standardErrorOfMean))) "
          + "with predictive SD \(FitFormat.number(eve.predictiveSD)) (t SD \(FitFormat.number(eve.predictiveTSD))).")
        out.append("")
      }
      let missing = gb.horizons.filter { !$0.missing.isEmpty }
      for h in missing { out.append("h = \(h.days): no average within \(gb.maximumStalenessDays) days for \(h.missing.map(String.init).joined(separator: ", ")).") }
      if !missing.isEmpty { out.append("") }
    }
    return out
  }

  static func row(_ name: String, _ h: GenericBallotMissFit.Horizon) -> String {
    guard let s = h.summary else { return "| \(name) | 0 | — | — | — | — | — |" }
    return "| \(name) | \(s.count) | \(FitFormat.signed(s.mean)) | \(FitFormat.number(s.standardErrorOfMean)) | \(FitFormat.number(s.sd)) | "
      + "\(h.days == 0 ? "—" : FitFormat.number(s.predictiveSD)) | \(h.days == 0 ? "—" : FitFormat.number(s.predictiveTSD)) |"
  }

  /// A fit's heading: `For 2018, from 2006-2014` or `Pooled over 2006-2018 (in-sample)`.
  static func title(_ fit: PriorFit) -> String {
    if let y = fit.forCycle { return "For \(y) (from cycles before \(y))" }
    return "Pooled (in-sample)"
  }

  // MARK: District model

  static func district(_ report: FitReport) -> [String] {
    var out = ["## 2. District model", ""]
    out.append("Least squares of each contested seat's margin minus the national House vote (results `D_vs_R` with a certified "
      + "winner) on its lean, its previous House margin relative to the nation (`prev_margin` minus the previous cycle's House "
      + "vote, where `prev_contest` is `D_vs_R`), and one intercept per seat class (D incumbent, R incumbent, open; no common "
      + "intercept). Three specifications: \(DistrictSpecification.allCases.map { "**\($0.rawValue)** (\($0.summary))" }.joined(separator: "; ")). "
      + "Coefficients ± classical OLS standard errors (they assume independent seats of equal variance; the cycle-to-cycle "
      + "spread is the better measure of how much a coefficient moves from one cycle to the next). Residual SD by class: the "
      + "root mean square residual of the class's seats. The environment is each cycle's **actual** House vote, so these are "
      + "the district errors alone."
      + (report.fits.contains { $0.district?.cycleWeights != nil }
        ? " The pooled fits weight each cycle's seats by recency, `0.5^((Y − cycle) / halfLife)` for the fit for Y (the last "
          + "cycle for the pooled fit), with weighted residual SDs (docs/fit.md, \"Recency\"); the per-cycle fits and their "
          + "spread are unweighted." : ""))
    out.append("")
    let pooled = report.fits.first { $0.forCycle == nil }?.district
      ?? report.fits.compactMap(\.district).max { $0.cycles.count < $1.cycles.count }
    guard let all = pooled else {
      out.append("No fit: no earlier cycle with results.")
      out.append("")
      return out
    }
    out.append("### Each cycle alone")
    out.append("")
    out.append("| Cycle | Seats | with a previous race | D incumbent | R incumbent | open |")
    out.append("|---|---|---|---|---|---|")
    for (i, c) in all.cycles.enumerated() {
      let lean = all.specification(.leanAndIncumbency)!.perCycle[i]
      let withPrevious = all.specification(.withPrevious)!.perCycle[i].seats
      let classes = lean.byClass.reduce(into: [String: Int]()) { $0[$1.seatClass] = $1.seats }
      out.append("| \(c) | \(lean.seats) | \(withPrevious) | \(classes["D-incumbent"] ?? 0) | \(classes["R-incumbent"] ?? 0) | \(classes["open"] ?? 0) |")
    }
    out.append("")
    for spec in all.specifications {
      out.append("**\(spec.specification.rawValue)**, each cycle alone (estimate ± SE):")
      out.append("")
      out.append("| Coefficient | " + all.cycles.map(String.init).joined(separator: " | ") + " | Cycle-to-cycle SD |")
      out.append("|---|" + all.cycles.map { _ in "---|" }.joined() + "---|")
      for s in spec.spread {
        let cells = spec.perCycle.map { f in f.coefficients.first { $0.name == s.name }.map { FitFormat.withSE($0.estimate, $0.standardError) } ?? "—" }
        out.append("| \(s.name) | " + cells.joined(separator: " | ") + " | \(FitFormat.number(s.sd)) |")
      }
      out.append("| residual SD | " + spec.perCycle.map { FitFormat.number($0.residualSD) }.joined(separator: " | ") + " | |")
      out.append("")
    }
    for fit in report.fits {
      // The district fit's cycles: the shipped ones and the district history's (1998, 2002).
      out.append("### \(title(fit)): district cycles \(FitFormat.span(fit.district?.cycles ?? []))")
      out.append("")
      guard let d = fit.district else {
        out.append("Not estimable: no earlier cycle with results.")
        out.append("")
        continue
      }
      let tag = (fit.inSample ? "pooled (in-sample)" : "pooled over \(FitFormat.span(d.cycles))") + (d.cycleWeights == nil ? "" : ", weighted")
      if let weights = FitFormat.recencyWeights(d) {
        out.append("Seats weighted by recency, \(weights).")
        out.append("")
      }
      for spec in d.specifications {
        out.append("**\(spec.specification.rawValue)** (\(spec.pooled.seats) seats):")
        out.append("")
        out.append("| Coefficient | \(tag) | Per-cycle mean | Cycle-to-cycle SD | Range |")
        out.append("|---|---|---|---|---|")
        for c in spec.pooled.coefficients {
          let s = spec.spread.first { $0.name == c.name }
          out.append("| \(c.name) | \(FitFormat.withSE(c.estimate, c.standardError)) | \(FitFormat.number(s?.mean)) | "
            + "\(FitFormat.number(s?.sd)) | \(s.map { FitFormat.number($0.minimum) + " to " + FitFormat.number($0.maximum) } ?? "—") |")
        }
        if let f = spec.pooled.failure { out.append("| (no fit: \(f)) | | | | |") }
        out.append("| residual SD | \(FitFormat.number(spec.pooled.residualSD)) | | | |")
        out.append("")
      }
      let rule = d.currentRule
      let advantages = Set(rule.incumbencyAdvantage).sorted().map { FitFormat.number($0, 1) }.joined(separator: ", ")
      out.append("Residual SD by seat class on the same seats, fitted model (with-previous / without-previous, "
        + "\(fit.inSample ? "pooled (in-sample)" : "in-sample on \(FitFormat.span(d.cycles))")) against the current rule "
        + "(lean slope 1, incumbency ±\(advantages)); each cell: RMS residual (mean residual, SD about that mean):")
      out.append("")
      out.append("| Class | Seats | Fitted model | lean-incumbency fit | Current rule |")
      out.append("|---|---|---|---|---|")
      let lean = d.specification(.leanAndIncumbency)?.pooled.byClass ?? []
      for r in rule.byClass {
        let f = d.fittedByClass.first { $0.seatClass == r.seatClass }
        let l = lean.first { $0.seatClass == r.seatClass }
        out.append("| \(r.seatClass) | \(r.seats) | \(classCell(f)) | \(classCell(l)) | \(classCell(r)) |")
      }
      out.append("")
      if let a = d.incumbency {
        let per = d.incumbencyPerCycle.map { "\($0.cycles[0]) \(FitFormat.number($0.estimate))" }.joined(separator: ", ")
        out.append("Incumbency advantage in the current rule's form (lean slope fixed at 1, `margin − vote − lean = a × (+1 D, −1 R)`, "
          + "incumbents' seats): a = \(FitFormat.withSE(a.estimate, a.standardError)) (\(a.seats) seats\(fit.inSample ? ", pooled (in-sample)" : ""))"
          + "; per cycle \(per); cycle-to-cycle SD \(FitFormat.number(d.incumbencySpread?.sd)). Current: \(advantages).")
        out.append("")
      }
    }
    return out
  }

  static func classCell(_ r: DistrictRegression.ClassResiduals?) -> String {
    guard let r else { return "—" }
    return "\(FitFormat.number(r.rms)) (\(FitFormat.signed(r.mean)), \(FitFormat.number(r.sd)))"
  }

  // MARK: Specials

  static func specials(_ report: FitReport) -> [String] {
    var out = ["## 3. Specials' translation", ""]
    out.append("One point per cycle: the specials' random-effects estimate E_s on the day before the election (docs/model.md §2.2, "
      + "with each cycle's own config settings) against the cycle's House vote. **Anchored**: `vote − P = beta (E_s − P)`, "
      + "P the national presidential margin the leans are relative to (`lean.nationalMargin`), i.e. alpha = (1 − beta) P as "
      + "`alpha: \"derived\"`; SE = s / sqrt(Σ (E_s − P)²). **Free**: `vote = alpha + beta E_s` by OLS. sigmaT = "
      + "sqrt(max(0, s² − beta² mean SE²)) (0: the cycles lie closer to the line than the specials' own SEs imply, so sigmaT "
      + "is not identified). The SEs rest on 1 to 3 residual degrees of freedom (shown), and the free fit ignores the error in E_s "
      + "(which biases its beta toward 0). With three or four cycles these are widths, not values; the 2006-2014 specials "
      + "are a handful of federal House races each, 2018's are 200-odd races of every level.")
    out.append("")
    let readings = report.fits.compactMap(\.specials).max { $0.readings.count < $1.readings.count }?.readings ?? []
    if !readings.isEmpty {
      out.append("| Cycle | Specials used | E_s ± SE | tau | House vote | E_s − vote | P | Implied beta |")
      out.append("|---|---|---|---|---|---|---|---|")
      for r in readings {
        out.append("| \(r.cycle) | \(r.specials) | \(r.estimate.map { FitFormat.signed($0) + (r.standardError.map { " ± " + FitFormat.number($0) } ?? "") } ?? "—") | "
          + "\(FitFormat.number(r.tau)) | \(FitFormat.signed(r.houseVote)) | \(FitFormat.signed(r.estimate.map { $0 - r.houseVote })) | "
          + "\(FitFormat.signed(r.leanNationalMargin)) | \(FitFormat.number(r.impliedBeta)) |")
      }
      out.append("")
    }
    out.append("| Fit | Cycles | Anchored beta | s | sigmaT | Free alpha | Free beta | s | sigmaT | Current alpha, beta, sigmaT |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for fit in report.fits {
      let name = fit.forCycle.map { "for \($0)" } ?? "pooled (in-sample)"
      guard let sp = fit.specials else {
        out.append("| \(name) | none | — | — | — | — | — | — | — | — |")
        continue
      }
      let a = sp.anchored, f = sp.free
      let current = Set(fit.currentPriors.map { "\(FitFormat.number($0.alpha, 2)), \(FitFormat.number($0.beta, 1)), \(FitFormat.number($0.sigmaT, 1))" })
        .sorted().joined(separator: "; ")
      out.append("| \(name) | \(FitFormat.span(sp.readings.filter { $0.estimate != nil }.map(\.cycle))) | "
        + "\(FitFormat.withSE(a?.beta, a?.standardError))\(df(a?.cycles.count, 1)) | \(FitFormat.number(a?.residualSD)) | \(FitFormat.number(a?.sigmaT)) | "
        + "\(FitFormat.withSE(f?.alpha, f?.alphaStandardError)) | \(FitFormat.withSE(f?.beta, f?.betaStandardError))\(df(f?.cycles.count, 2)) | "
        + "\(FitFormat.number(f?.residualSD)) | \(FitFormat.number(f?.sigmaT)) | \(current) |")
    }
    out.append("")
    let notes = report.fits.flatMap { fit in (fit.specials?.notes ?? []).map { "\(fit.name): \($0)" } }
    if !notes.isEmpty {
      out.append("Notes: " + notes.joined(separator: "; ") + ".")
      out.append("")
    }
    return out
  }

  /// ` (2 df)`: the residual degrees of freedom of a fit of `n` points and `p` coefficients, when positive.
  static func df(_ n: Int?, _ p: Int) -> String {
    guard let n, n > p else { return "" }
    return " (\(n - p) df)"
  }

  // MARK: Out of sample

  static func outOfSample(_ report: FitReport) -> [String] {
    var out = ["## 4. Out of sample: each cycle's seats with the fit from the cycles before it", ""]
    out.append("A check of the fit, not part of it (it reads the scored cycle's results): each cycle's contested seats predicted by "
      + "the district fit for that cycle (pooled over the cycles before it), given the cycle's actual House vote, against the "
      + "current rule. Each cell: RMS residual by class (mean residual, SD about that mean; a positive mean: the Democrat did "
      + "better than predicted).")
    out.append("")
    out.append("| Cycle | Fitted on | Class | Seats | Fitted model | lean-incumbency fit | Current rule |")
    out.append("|---|---|---|---|---|---|---|")
    for c in report.outOfSample {
      for r in c.currentRule {
        let f = c.fitted.first { $0.seatClass == r.seatClass }, l = c.leanAndIncumbency.first { $0.seatClass == r.seatClass }
        out.append("| \(c.cycle) | \(FitFormat.span(c.fittedOn)) | \(r.seatClass) | \(r.seats) | \(classCell(f)) | \(classCell(l)) | \(classCell(r)) |")
      }
    }
    out.append("")
    return out
  }
}

/// An election day as the per-cycle table writes it.
enum ElectionDayText {
  static func of(_ cycle: Int, _ gb: GenericBallotMissFit) -> String {
    (gb.horizons.lazy.compactMap { $0.misses.first { $0.cycle == cycle }?.electionDay }.first
      ?? gb.currentPrior.misses.first { $0.cycle == cycle }?.electionDay)?.iso ?? "—"
  }
}
