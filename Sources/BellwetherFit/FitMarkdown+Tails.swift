import BellwetherEngine
import Foundation

extension FitMarkdown {
  /// Section 7: the Student-t degrees of freedom of the environment and of the district noise
  /// (docs/fit.md, "Tails"; `TailFit`).
  static func tails(_ report: FitReport) -> [String] {
    let grid = TailFit.nuGrid.map(FitFormat.nu).joined(separator: ", ")
    var out = ["## 7. Tails: the t's degrees of freedom", "",
               "Profile likelihoods over nu = \(grid); the 95% interval holds every nu whose log-likelihood is within "
                 + "\(FitFormat.number(TailFit.chiSquare95 / 2, 2)) of the best (likelihood ratio). An interval from 3 to Gaussian: not identified.", "",
               "**Environment** (`environment.nu`, docs/model.md §2.4): the generic-ballot misses as Student t's, location and SD fitted at each nu.", "",
               "| Fit | Misses (days before) | Cycles | Best nu | 95% interval | Location, SD at the best |", "|---|---|---|---|---|---|"]
    for fit in report.fits {
      guard let e = fit.tails?.environment else {
        out.append("| \(title(fit)) | fewer than three | | | | |")
        continue
      }
      out.append("| \(title(fit)) | \(e.misses.count) (\(e.days)) | \(FitFormat.span(e.cycles)) | \(FitFormat.nu(e.profile.best)) | "
        + "\(FitFormat.interval(e.profile))\(e.profile.spansGrid ? " (not identified)" : "") | "
        + "\(FitFormat.signed(e.location)), \(FitFormat.number(e.sd)) |")
    }
    out += ["", "**District noise** (`noise.nu`, §3.3; `noise.varianceInflation`, §3.4): each earlier cycle's errors (its seats minus the "
              + "district fit from the cycles before it, given its House vote) as one multivariate-t draw with the model's covariance Sigma "
              + "(the class `residualSD`s of that fit; this fit's state, region and lean terms); the ratio is `e' Sigma^-1 e / seats` (1 when "
              + "the errors are as large as Sigma says). With Sigma as stated under each `tScale`, and with Sigma's factor k free (the "
              + "Gaussian's k in closed form, with its SE over the cycles). Cycles on new lines are left out (docs/fit.md).", "",
            "| Fit | Cycles: ratio | Left out | `tScale: \"scale\"`: best, 95% interval | `tScale: \"sd\"`: best, 95% interval "
              + "| Factor free: best (k), 95% interval | Gaussian's factor k |", "|---|---|---|---|---|---|---|"]
    for fit in report.fits {
      guard let t = fit.tails?.noise else {
        out.append("| \(title(fit)) | none | | | | | |")
        continue
      }
      func cell(_ p: TailFit.Profile) -> String {
        "\(FitFormat.nu(p.best)), \(FitFormat.interval(p))\(p.spansGrid ? " (not identified)" : "")"
      }
      let at = TailFit.nuGrid.firstIndex(of: t.freeScale.best)!
      out.append("| \(title(fit)) | " + t.cycles.map { "\($0.cycle): \(FitFormat.number($0.ratio, 3)) (\($0.seats) seats)" }.joined(separator: ", ")
        + " | " + (t.excluded.isEmpty ? "none" : t.excluded.map { "\($0.cycle): \(FitFormat.number($0.ratio, 3))" }.joined(separator: ", "))
        + " | \(cell(t.scale)) | \(cell(t.sd)) | \(FitFormat.nu(t.freeScale.best)) (\(FitFormat.number(t.freeScaleFactors[at], 3))"
        + (t.freeScaleFactorsAtBound[at] ? ", at the end of the searched \(ModelPriors.noiseVarianceInflationRangeText)" : "") + "), "
        + "\(FitFormat.interval(t.freeScale)) | \(FitFormat.withSE(t.varianceInflation, t.varianceInflationSE, 3))"
        + (t.varianceInflationOutsideRange ? " (outside the config's \(ModelPriors.noiseVarianceInflationRangeText))" : "") + " |")
    }
    out.append("")
    let profiled = report.fits.compactMap { f in f.tails?.noise.map { (f, $0) } }
    if !profiled.isEmpty {
      out += ["Log-likelihood below the best, district noise, `tScale: \"scale\"`:", "",
              "| Fit | " + TailFit.nuGrid.map(FitFormat.nu).joined(separator: " | ") + " |",
              "|---|" + String(repeating: "---|", count: TailFit.nuGrid.count)]
      for (fit, t) in profiled {
        let top = t.scale.points.map(\.logLikelihood).max()!
        out.append("| \(title(fit)) | " + t.scale.points.map { FitFormat.number($0.logLikelihood - top, 2) }.joined(separator: " | ") + " |")
      }
      out.append("")
    }
    return out
  }
}
