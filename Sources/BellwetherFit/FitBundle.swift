import BellwetherReports
import Foundation

/// The files `bellwether fit` writes: `fit.md`, `fit.json`, `fit-config.json5` (the pooled fit's
/// fragment, or the one target's), and with several targets `fit-config-<cycle>.json5` for each
/// cycle's.
package enum FitBundle {
  /// Renders every file (nothing touches disk here).
  package static func render(_ report: FitReport) throws -> [(name: String, contents: Data)] {
    var files: [(name: String, contents: Data)] = [
      ("fit.json", try report.encoded()),
      ("fit.md", Data(FitMarkdown.render(report).utf8)),
    ]
    let main = report.fits.count == 1 ? report.fits.first : report.fits.first { $0.forCycle == nil }
    if let main { files.append(("fit-config.json5", Data(FitConfigFragment.render(main, command: report.command).utf8))) }
    if report.fits.count > 1 {
      for fit in report.fits {
        guard let y = fit.forCycle else { continue }
        files.append(("fit-config-\(y).json5", Data(FitConfigFragment.render(fit, command: report.command).utf8)))
      }
    }
    return files
  }

  /// Renders, then writes each file atomically into `folder` (`ReportWriter`).
  /// - Returns: the paths written.
  package static func write(_ report: FitReport, to folder: String) throws -> [String] {
    let files = try render(report)
    try ReportWriter.write(files, into: folder)
    return files.map { folder + "/" + $0.name }
  }
}

/// What `bellwether fit` prints: the headline figures of each target.
package enum FitSummary {
  package static func render(_ report: FitReport) -> String {
    var lines: [String] = []
    for fit in report.fits {
      lines.append(fit.forCycle != nil ? "F" + fit.label.dropFirst() : "Pooled over \(FitFormat.span(fit.cycles)) (IN-SAMPLE)")
      let gb = fit.genericBallot
      if let eve = gb.horizon(1)?.summary, let cur = gb.currentPrior.summary {
        lines.append("  generic-ballot miss \(FitFormat.span(gb.cycles)): eve \(FitFormat.signed(eve.mean)) ± \(FitFormat.number(eve.standardErrorOfMean)), "
          + "SD \(FitFormat.number(eve.sd)), predictive SD \(FitFormat.number(eve.predictiveSD)); current prior \(FitFormat.signed(cur.mean)), SD \(FitFormat.number(cur.sd))")
      }
      if let d = fit.district {
        if let p = d.specification(.withPrevious)?.pooled, p.failure == nil {
          let c = p.coefficients.map { "\($0.name) \(FitFormat.withSE($0.estimate, $0.standardError))" }.joined(separator: ", ")
          lines.append("  district, with previous race (\(p.seats) seats): \(c)")
        }
        if let l = d.specification(.leanAndIncumbency)?.pooled, l.failure == nil {
          let c = l.coefficients.map { "\($0.name) \(FitFormat.withSE($0.estimate, $0.standardError))" }.joined(separator: ", ")
          lines.append("  district, lean-incumbency (\(l.seats) seats): \(c)")
        }
        let fitted = d.fittedByClass.filter { $0.seatClass != "all" }.map { "\($0.seatClass) \(FitFormat.number($0.rms))" }.joined(separator: ", ")
        let rule = d.currentRule.byClass.filter { $0.seatClass != "all" }.map { "\($0.seatClass) \(FitFormat.number($0.rms))" }.joined(separator: ", ")
        lines.append("  residual SD, fitted (in-sample): \(fitted); current rule: \(rule)")
        if let a = d.incumbency { lines.append("  incumbency advantage (lean slope 1): \(FitFormat.withSE(a.estimate, a.standardError)); current \(FitFormat.number(d.currentRule.incumbencyAdvantage.last, 1))") }
      } else {
        lines.append("  district model: no earlier cycle with results")
      }
      if let a = fit.specials?.anchored {
        lines.append("  specials beta (anchored, \(a.cycles.count) cycle\(a.cycles.count == 1 ? "" : "s")): \(FitFormat.withSE(a.beta, a.standardError)), sigmaT \(FitFormat.number(a.sigmaT)); current \(FitFormat.number(fit.currentPriors.last?.beta, 1))")
      }
      if let e = fit.tails?.environment {
        lines.append("  environment nu (\(e.misses.count) misses): best \(FitFormat.nu(e.profile.best)), 95% \(FitFormat.interval(e.profile))")
      }
      if let t = fit.tails?.noise {
        lines.append("  noise nu (tScale scale; \(t.cycles.map { String($0.cycle) }.joined(separator: ", "))): best \(FitFormat.nu(t.scale.best)), 95% \(FitFormat.interval(t.scale))")
      }
    }
    for c in report.outOfSample {
      let f = c.fitted.first { $0.seatClass == "all" }, r = c.currentRule.first { $0.seatClass == "all" }
      lines.append("Out of sample \(c.cycle) (fit from \(FitFormat.span(c.fittedOn)), \(c.seats) seats): residual SD fitted \(FitFormat.number(f?.rms)), current rule \(FitFormat.number(r?.rms))")
    }
    return lines.joined(separator: "\n")
  }
}
