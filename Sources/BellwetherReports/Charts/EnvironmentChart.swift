import BellwetherEngine
import Foundation

/// The national environment: the prior, the specials' translated reading and the posterior as
/// densities, the histogram of the environment actually drawn, and below them each special's
/// `x = margin - lean` as a dot (area proportional to its weight) with the random-effects estimate.
///
/// The specials' x values are shown untranslated: they are what the specials say before the
/// `alpha + beta E_s` translation (docs/model.md §2.3), which is why they spread far wider than the
/// posterior. In a fixed-environment scenario the posterior is a vertical line.
/// Curves are `polyline`s of class `density` with `data-curve`; the dots are `circle`s of class
/// `special` with `data-x`; histogram bars are `rect`s of class `draws`.
struct EnvironmentChart: Sendable {
  /// One special, for the dots.
  struct Special: Sendable {
    /// `x = margin - lean` (points).
    var x: Double
    /// Its share of the random-effects weight.
    var weightShare: Double
    /// `federal`, `statewide` or `state_legislative`.
    var level: String
    /// Date, state and seat, for the tooltip.
    var label: String
    init(x: Double, weightShare: Double, level: String, label: String) {
      self.x = x
      self.weightShare = weightShare
      self.level = level
      self.label = label
    }
  }

  var title: String
  /// Prior `N(mean, sd^2)`.
  var prior: (mean: Double, sd: Double)
  /// The translated specials' reading `N(mean, sd^2)`, if any specials.
  var translated: (mean: Double, sd: Double)?
  /// The posterior the draws come from.
  var posterior: EnvironmentDrawDistribution
  /// Environment histogram counts: bin b covers `[origin + b width, origin + (b + 1) width)`.
  var drawCounts: [Int]
  var binOrigin: Double
  var binWidth: Double
  /// The specials used.
  var specials: [Special]
  /// The random-effects estimate E_s (untranslated).
  var specialsEstimate: Double?
  /// A scenario's fixed environment.
  var fixedEnvironment: Double?
  /// The narrow layout (`ChartStyle.narrowWidth` wide): the legend one entry a line, fewer ticks,
  /// shorter axis text, the specials' key under the axis.
  var narrow = false

  static let width = 760.0
  static let height = 432.0
  static let left = 56.0, right = 20.0, top = 64.0, densityBottom = 280.0, stripTop = 318.0, stripBottom = 372.0

  /// Creates the chart.
  init(title: String, prior: (mean: Double, sd: Double), translated: (mean: Double, sd: Double)?,
              posterior: EnvironmentDrawDistribution, drawCounts: [Int], binOrigin: Double, binWidth: Double,
              specials: [Special], specialsEstimate: Double?, fixedEnvironment: Double?) {
    self.title = title
    self.prior = prior
    self.translated = translated
    self.posterior = posterior
    self.drawCounts = drawCounts
    self.binOrigin = binOrigin
    self.binWidth = binWidth
    self.specials = specials
    self.specialsEstimate = specialsEstimate
    self.fixedEnvironment = fixedEnvironment
  }

  /// The x axis: every curve's central +-4 SD, the middle 90% of the specials' x values (5th to 95th
  /// percentile; the rest are drawn at the edges), their estimate and the fixed environment, rounded
  /// out to multiples of 5 points and kept within +-60.
  var domain: ClosedRange<Double> {
    var values = [posterior.mean - 4 * posterior.sd, posterior.mean + 4 * posterior.sd,
                  prior.mean - 3.5 * prior.sd, prior.mean + 3.5 * prior.sd]
    if let t = translated { values += [t.mean - 3.5 * t.sd, t.mean + 3.5 * t.sd] }
    let xs = specials.map(\.x).sorted()
    if !xs.isEmpty {
      values += [xs[Int((Double(xs.count - 1) * 0.05).rounded())], xs[Int((Double(xs.count - 1) * 0.95).rounded())]]
    }
    if let specialsEstimate { values.append(specialsEstimate) }
    if let fixedEnvironment { values.append(fixedEnvironment) }
    let low = max(-60, ((values.min() ?? -10) / 5).rounded(.down) * 5)
    let high = min(60, ((values.max() ?? 10) / 5).rounded(.up) * 5)
    return low...max(high, low + 10)
  }

  /// Draws the chart.
  /// - Complexity: O(bins + specials + samples of the curves).
  func render() -> SVGDocument {
    // The narrow layout moves everything down by the legend's extra lines and adds a line below.
    let dy = narrow ? 48.0 : 0
    let w = narrow ? ChartStyle.narrowWidth : Self.width, h = Self.height + (narrow ? dy + 18 : 0)
    let left = narrow ? 44.0 : Self.left, right = narrow ? 10.0 : Self.right
    let top = Self.top + dy, densityBottom = Self.densityBottom + dy
    let stripTop = Self.stripTop + dy, stripBottom = Self.stripBottom + dy
    let x = LinearScale(domain: domain, range: (left, w - right))
    let totalDraws = Double(drawCounts.reduce(0, +))
    let showDraws = fixedEnvironment == nil && totalDraws > 0 && posterior.sd > 0
    let samples = 480
    let step = (x.domain.upperBound - x.domain.lowerBound) / Double(samples)
    let grid = (0...samples).map { x.domain.lowerBound + Double($0) * step }
    func normal(_ m: Double, _ s: Double) -> EnvironmentDrawDistribution { EnvironmentDrawDistribution(mean: m, sd: s, nu: .infinity) }
    var curves: [(name: String, label: String, color: String, dash: String?, width: Double, dist: EnvironmentDrawDistribution)] = [
      ("prior", "Prior \(Formats.margin(prior.mean)) ± \(String(format: "%.1f", prior.sd))", ChartStyle.neutral, "6 4", 1.5,
       normal(prior.mean, prior.sd)),
    ]
    if let t = translated {
      curves.append(("specials", "Specials, translated \(Formats.margin(t.mean)) ± \(String(format: "%.1f", t.sd))",
                     ChartStyle.accent, "2 3", 1.8, normal(t.mean, t.sd)))
    }
    if fixedEnvironment == nil {
      let tail = posterior.nu.isFinite ? ", t with ν = \(NumberText.plain(posterior.nu))" : ""
      curves.append(("posterior", "Posterior \(Formats.margin(posterior.mean)) ± \(String(format: "%.1f", posterior.sd))\(tail)",
                     ChartStyle.democratic, nil, 2.5, posterior))
    }
    var peak = curves.map { c in grid.map { c.dist.density($0) }.max() ?? 0 }.max() ?? 0
    if showDraws {
      let binMax = Double(drawCounts.max() ?? 0) / (totalDraws * binWidth)
      peak = max(peak, binMax)
    }
    let y = LinearScale(domain: 0...LinearScale.niceCeiling(peak * 1.05, count: 4), range: (densityBottom, top))
    var summary = "Prior, translated specials and posterior densities of the national environment (D minus R, points)"
    summary += fixedEnvironment.map { "; scenario with the environment fixed at \(Formats.margin($0))" } ?? ""
    summary += ". \(specials.count) specials shown by their untranslated x = margin - lean."
    var svg = SVGDocument(width: w, height: h, title: title, summary: summary)

    // Grid and axes.
    for t in y.ticks(count: 4) {
      svg.line(x1: left, y1: y(t), x2: w - right, y2: y(t), stroke: ChartStyle.grid)
      svg.text(String(format: "%.2g", t), x: left - 6, y: y(t) + 4, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    svg.text("Density", x: 14, y: (top + densityBottom) / 2, size: 12, anchor: .middle, fill: ChartStyle.text, rotate: -90)
    for t in x.ticks(count: narrow ? 5 : 10) {
      svg.line(x1: x(t), y1: top, x2: x(t), y2: stripBottom, stroke: t == 0 ? ChartStyle.neutral : ChartStyle.grid)
      // A label that would cross the narrow chart's edge is left out (its grid line stays).
      if narrow && (x(t) + 18 > w || x(t) - 18 < 0) { continue }
      svg.text(t == 0 ? "EVEN" : Formats.margin(t, digits: 0), x: x(t), y: stripBottom + 16, size: 12,
               anchor: .middle, fill: t > 0 ? ChartStyle.democratic : (t < 0 ? ChartStyle.republican : ChartStyle.muted))
    }
    svg.line(x1: left, y1: densityBottom, x2: w - right, y2: densityBottom, stroke: ChartStyle.axis)
    svg.text(narrow ? "Environment (D minus R, points)" : "National environment (two-party margin, D minus R, points)",
             x: (left + w - right) / 2,
             y: stripBottom + 34, size: 12, anchor: .middle, fill: ChartStyle.text)

    // Histogram of the environment draws.
    if showDraws {
      for (b, c) in drawCounts.enumerated() where c > 0 {
        let lo = binOrigin + Double(b) * binWidth
        guard lo >= x.domain.lowerBound, lo + binWidth <= x.domain.upperBound else { continue }
        let d = Double(c) / (totalDraws * binWidth)
        svg.rect(x: x(lo), y: y(d), width: x(lo + binWidth) - x(lo), height: y(0) - y(d), fill: ChartStyle.band,
                 opacity: 0.55, attributes: [("class", "draws"), ("data-bin", String(b)), ("data-count", String(c))])
      }
    }
    // Density curves.
    for c in curves {
      let points = grid.map { (x: x($0), y: y(c.dist.density($0))) }
      svg.polyline(points, stroke: c.color, width: c.width, dash: c.dash,
                   attributes: [("class", "density"), ("data-curve", c.name)])
    }
    if let fixedEnvironment {
      svg.line(x1: x(fixedEnvironment), y1: top, x2: x(fixedEnvironment), y2: densityBottom,
               stroke: ChartStyle.democratic, width: 2.5, attributes: [("class", "fixed-environment")])
      curves.append(("fixed", "Scenario: environment fixed at \(Formats.margin(fixedEnvironment))", ChartStyle.democratic, nil, 2.5,
                     posterior))
    }
    // Legend (top), one row, or one entry a line in the narrow layout.
    var lx = narrow ? 8.0 : left
    var ly = 20.0
    for c in curves {
      svg.line(x1: lx, y1: ly, x2: lx + 22, y2: ly, stroke: c.color, width: c.width, dash: c.dash)
      svg.text(c.label, x: lx + 27, y: ly + 4, size: 12, fill: ChartStyle.text)
      if narrow { ly += 16 } else { lx += 27 + Double(c.label.count) * 6.1 + 18 }
    }
    if showDraws {
      let (bx, by) = narrow ? (8.0, ly + 4) : (left, 43.0)
      svg.rect(x: bx, y: by - 9, width: 12, height: 10, fill: ChartStyle.band, opacity: 0.55)
      svg.text("Environment drawn (\(Int(totalDraws)) draws, \(NumberText.plain(binWidth))-point bins)", x: bx + 17,
               y: by, size: 12, fill: ChartStyle.text)
    }

    // The specials' strip.
    svg.text(narrow ? "Specials: x = margin − lean; area ∝ weight" : "Specials: x = margin − lean (untranslated); dot area ∝ weight",
             x: narrow ? 8 : left, y: stripTop - 12, size: 12,
             fill: ChartStyle.muted)
    svg.line(x1: left, y1: stripBottom, x2: w - right, y2: stripBottom, stroke: ChartStyle.axis)
    let maxShare = specials.map(\.weightShare).max() ?? 1
    for (i, s) in specials.enumerated() {
      // Deterministic vertical jitter so that nearby specials do not hide each other.
      let jitter = Double((i &* 7919) % 37) / 36
      let cy = stripTop + 6 + jitter * (stripBottom - stripTop - 12)
      let r = max(1.5, 7 * (s.weightShare / maxShare).squareRoot())
      let color = s.level == "state_legislative" ? ChartStyle.neutral : ChartStyle.accent
      let inside = x.domain.contains(s.x)
      svg.circle(cx: x.clamped(s.x), cy: cy, r: r, fill: inside ? color : "#ffffff", stroke: inside ? "#ffffff" : color,
                 opacity: 0.9, attributes: [("class", "special"), ("data-x", String(format: "%.3f", s.x))],
                 tooltip: "\(s.label): x = \(Formats.margin(s.x)), weight \(Formats.percent(s.weightShare, digits: 2))")
    }
    if let e = specialsEstimate {
      svg.line(x1: x.clamped(e), y1: stripTop - 4, x2: x.clamped(e), y2: stripBottom, stroke: ChartStyle.accent,
               width: 2, attributes: [("class", "specials-estimate")])
      let rightHalf = x(e) > (left + w - right) * 0.6
      svg.text("E_s = \(Formats.margin(e))", x: x.clamped(e) + (rightHalf ? -5 : 5), y: stripTop + 4, size: 12,
               anchor: rightHalf ? .end : .start, fill: ChartStyle.accent, weight: "bold")
    }
    let outside = specials.filter { !x.domain.contains($0.x) }.count
    if outside > 0 {
      svg.text(narrow ? "\(outside) beyond the axis: hollow at its edges" : "\(outside) specials beyond the axis are drawn hollow at its edges",
               x: w - right, y: stripBottom + (narrow ? 70 : 52),
               size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    var lx2 = narrow ? 12.0 : w - right - 250
    let keyY = narrow ? stripBottom + 52 : stripTop - 12
    for (label, color) in [("federal / statewide", ChartStyle.accent), ("state legislative", ChartStyle.neutral)] {
      svg.circle(cx: lx2, cy: keyY - 4, r: 4, fill: color)
      svg.text(label, x: lx2 + 8, y: keyY, size: 12, fill: ChartStyle.muted)
      lx2 += 130
    }
    return svg
  }
}
