import BellwetherReports
import Foundation

/// `calibration.svg`: a reliability diagram per as-of date (Murphy and Winkler 1977). Each bin of
/// forecast probability is a point at (mean forecast, share of seats the Democrats won), its area
/// proportional to the seats in it and labelled with that count, with a 95% binomial error bar
/// (Wilson score interval, E. B. Wilson 1927) for the share won, for the default Bellwether model
/// and every published version; points on the dashed diagonal are perfectly calibrated. Points are
/// not joined: a line through bins of two to five seats would zigzag with their noise. In-sample
/// variants are not drawn. Font and colours are the report charts' (`SharedChartStyle`).
package enum ReliabilityChart {
  /// Plot side and margins, in pixels.
  static let plot = 260.0
  static let left = 56.0, top = 40.0, right = 20.0, bottom = 48.0
  static var panelWidth: Double { left + plot + right }
  static var panelHeight: Double { top + plot + bottom }

  /// Series colours: Bellwether first, then the published versions in order.
  static let palette = SharedChartStyle.series

  /// The opening `<svg>` tag, title and description, with the shared font.
  static func open(width: Double, height: Double, title: String, summary: String) -> String {
    var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" "
    out += "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"t d\" "
    out += "font-family=\"\(escape(SharedChartStyle.fontFamily))\" font-size=\"12\" fill=\"\(SharedChartStyle.text)\">\n"
    out += "<title id=\"t\">\(escape(title))</title>\n<desc id=\"d\">\(escape(summary))</desc>\n"
    return out + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
  }

  /// The source line at the bottom of a chart.
  static func sourceLine(_ text: String, y: Double) -> String {
    "<text x=\"12\" y=\"\(n(y))\" fill=\"\(SharedChartStyle.muted)\" class=\"source\">\(escape(text))</text>\n"
  }

  /// The 95% Wilson score interval of `events` in `count` trials.
  static func wilson(events: Int, count: Int, z: Double = 1.96) -> (low: Double, high: Double) {
    let nn = Double(count), p = Double(events) / nn, z2 = z * z
    let centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
    let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / (1 + z2 / nn)
    return (max(0, centre - half), min(1, centre + half))
  }

  /// Renders the chart for the report's race set (default: every decided seat).
  package static func render(_ report: BacktestReport, set: RaceSet = .decided) -> String {
    let columns = min(2, max(1, report.dates.count))
    let rowsOfPanels = (report.dates.count + columns - 1) / columns
    let width = Double(columns) * panelWidth

    // Legend: the series, then the diagonal, wrapped to the chart's width.
    let labels = seriesLabels(report)
    var entries = labels.enumerated().map { (label: $0.element, colour: Optional(palette[$0.offset % palette.count])) }
    entries.append((label: "perfect calibration", colour: nil))
    var legend = ""
    var x = 12.0, y = 38.0
    for entry in entries {
      let itemWidth = 26 + Double(entry.label.count) * 6.6
      if x > 12, x + itemWidth > width - 8 {
        x = 12
        y += 20
      }
      if let colour = entry.colour {
        legend += "<circle cx=\"\(n(x + 6))\" cy=\"\(n(y))\" r=\"5\" fill=\"\(colour)\"/>"
      } else {
        legend += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 12))\" y2=\"\(n(y))\" stroke=\"\(SharedChartStyle.neutral)\" stroke-dasharray=\"4 3\"/>"
      }
      legend += "<text x=\"\(n(x + 16))\" y=\"\(n(y + 4))\">\(escape(entry.label))</text>\n"
      x += itemWidth
    }
    let legendHeight = y + 18
    let height = legendHeight + Double(rowsOfPanels) * panelHeight + 40
    let dates = report.dates.map(\.asOf.iso)
    var out = open(width: width, height: height,
                   title: "Calibration of \(report.chamber) \(report.cycle) forecasts, as of \(dates.joined(separator: ", "))",
                   summary: "Reliability diagram per as-of date: for each bin of forecast chance of a Democratic win, the share of "
                     + "seats the Democrats won, with its seat count and a 95% binomial error bar, for \(labels.joined(separator: ", ")).")
    out += "<text x=\"12\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Forecast chance of a Democratic win vs share won "
    out += "(\(report.actual.races[set] ?? 0) \(set.rawValue) seats, \(report.cycle))</text>\n"
    out += legend
    for (index, date) in report.dates.enumerated() {
      let ox = Double(index % columns) * panelWidth + left
      let oy = legendHeight + Double(index / columns) * panelHeight + top
      let series = series(of: date).map { (label: $0.label, bins: $0.districts[set]?.reliability.bins ?? []) }
      out += panel(title: "As of \(date.asOf.iso)", series: series, labels: labels, x: ox, y: oy)
    }
    out += sourceLine("Source: Bellwether backtest of \(report.chamber) \(report.cycle),", y: height - 24)
    out += sourceLine("against the certified results", y: height - 8)
    out += "</svg>\n"
    return out
  }

  /// `backtest-cycles.svg`: one reliability diagram of the default model over every cycle's decided
  /// seats pooled.
  package static func render(_ b: CrossCycleBacktest) -> String {
    let label = "Bellwether (prior + specials), \(b.cycles.map { String($0.cycle) }.joined(separator: ", "))"
    let width = panelWidth + 160, height = 60 + panelHeight + 40
    var out = open(width: width, height: height,
                   title: "Calibration of Bellwether's forecasts over \(b.cycles.count) cycles (day before each election)",
                   summary: "Reliability diagram of \(label) pooled: share of seats won by forecast bin, with counts and 95% binomial error bars.")
    out += "<text x=\"12\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Forecast chance of a Democratic win vs share won "
    out += "(\(b.pooled.races) decided seats, day before each election)</text>\n"
    out += "<circle cx=\"18\" cy=\"38\" r=\"5\" fill=\"\(palette[0])\"/><text x=\"28\" y=\"42\">\(escape(label))</text>\n"
    out += panel(title: "Every cycle pooled", series: [(label: label, bins: b.pooled.reliability.bins)], labels: [label],
                 x: left, y: 60 + top)
    out += sourceLine("Source: Bellwether backtests of \(b.cycles.map { String($0.cycle) }.joined(separator: ", ")),", y: height - 24)
    out += sourceLine("against the certified results", y: height - 8)
    return out + "</svg>\n"
  }

  /// The rows drawn: the default Bellwether model and the published versions.
  static func series(of date: BacktestReport.DateResult?) -> [BacktestReport.Row] {
    (date?.rows ?? []).filter { !$0.inSample && (!$0.isBellwether || $0.isDefaultModel) }
  }

  /// Every series label in order of first appearance: a series keeps its colour on every panel,
  /// even where another is missing (a date without a published forecast).
  static func seriesLabels(_ report: BacktestReport) -> [String] {
    var labels: [String] = []
    for date in report.dates {
      for row in series(of: date) where !labels.contains(row.label) { labels.append(row.label) }
    }
    return labels
  }

  /// One reliability diagram: each series' bins as points at (mean forecast, share won).
  static func panel(title: String, series: [(label: String, bins: [ReliabilityTable.Bin])], labels: [String],
                    x ox: Double, y oy: Double) -> String {
    func px(_ p: Double) -> Double { ox + p * plot }
    func py(_ p: Double) -> Double { oy + (1 - p) * plot }
    var out = "<g>\n<text x=\"\(n(ox))\" y=\"\(n(oy - 10))\" font-weight=\"bold\">\(escape(title))</text>\n"
    out += "<rect x=\"\(n(ox))\" y=\"\(n(oy))\" width=\"\(n(plot))\" height=\"\(n(plot))\" fill=\"none\" stroke=\"\(SharedChartStyle.axis)\"/>\n"
    for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
      if tick > 0 && tick < 1 {
        out += "<line x1=\"\(n(px(tick)))\" y1=\"\(n(oy))\" x2=\"\(n(px(tick)))\" y2=\"\(n(oy + plot))\" stroke=\"\(SharedChartStyle.grid)\"/>"
        out += "<line x1=\"\(n(ox))\" y1=\"\(n(py(tick)))\" x2=\"\(n(ox + plot))\" y2=\"\(n(py(tick)))\" stroke=\"\(SharedChartStyle.grid)\"/>\n"
      }
      out += "<text x=\"\(n(px(tick)))\" y=\"\(n(oy + plot + 16))\" text-anchor=\"middle\">\(String(format: "%.1f", tick))</text>"
      out += "<text x=\"\(n(ox - 6))\" y=\"\(n(py(tick) + 4))\" text-anchor=\"end\">\(String(format: "%.1f", tick))</text>\n"
    }
    out += "<line x1=\"\(n(px(0)))\" y1=\"\(n(py(0)))\" x2=\"\(n(px(1)))\" y2=\"\(n(py(1)))\" stroke=\"\(SharedChartStyle.neutral)\" stroke-dasharray=\"4 3\"/>\n"
    out += "<text x=\"\(n(ox + plot / 2))\" y=\"\(n(oy + plot + 36))\" text-anchor=\"middle\">forecast probability (bin mean)</text>\n"
    out += "<text transform=\"translate(\(n(ox - 38)) \(n(oy + plot / 2))) rotate(-90)\" text-anchor=\"middle\">share won by Democrats</text>\n"
    for row in series {
      let colour = palette[(labels.firstIndex(of: row.label) ?? 0) % palette.count]
      let bins = row.bins.filter { $0.count > 0 }
      let points = bins.compactMap { b in b.meanProbability.flatMap { m in b.observedFrequency.map { (m, $0, b) } } }
      for (m, o, b) in points {
        // Area grows with the seats in the bin; the bar is the share won's 95% Wilson interval; the
        // label is the count; the tooltip gives the numbers.
        let r = 2 + 0.5 * Double(b.count).squareRoot()
        let ci = wilson(events: b.events, count: b.count)
        out += "<g><title>\(escape(row.label)): bin \(String(format: "%.1f-%.1f", b.lower, b.upper)), \(b.count) seats, "
        out += "mean forecast \(String(format: "%.3f", m)), won \(b.events) (\(String(format: "%.3f", o)); 95% \(String(format: "%.2f-%.2f", ci.low, ci.high)))</title>"
        out += "<line x1=\"\(n(px(m)))\" y1=\"\(n(py(ci.low)))\" x2=\"\(n(px(m)))\" y2=\"\(n(py(ci.high)))\" stroke=\"\(colour)\" "
        out += "stroke-width=\"1.2\" class=\"error-bar\"/>"
        out += "<circle cx=\"\(n(px(m)))\" cy=\"\(n(py(o)))\" r=\"\(n(r))\" fill=\"\(colour)\" fill-opacity=\"0.55\" stroke=\"\(colour)\"/>"
        let right = px(m) < ox + plot - 30
        out += "<text x=\"\(n(px(m) + (right ? r + 3 : -r - 3)))\" y=\"\(n(py(o) - 3))\"\(right ? "" : " text-anchor=\"end\"") "
        out += "fill=\"\(SharedChartStyle.muted)\" class=\"count\">\(b.count)</text></g>\n"
      }
    }
    return out + "</g>\n"
  }

  /// A coordinate with one decimal.
  static func n(_ v: Double) -> String { String(format: "%.1f", v) }

  /// XML text escaping.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
