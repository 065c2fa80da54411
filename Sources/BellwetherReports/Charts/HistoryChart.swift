import BellwetherEngine
import Foundation

/// The forecast over time: the chances of a Democratic and of a Republican majority (top panel) and
/// the median Democratic seats with their 80% interval (bottom panel), one point per as-of date.
///
/// Lines join consecutive days only: a date with no recorded run leaves a gap (each run of
/// consecutive days is its own `polyline` and band), never a line across it. Points are `circle`s
/// of class `p-majority`, `p-republican-majority` and `median-seats` with `data-date`; the seat
/// bands are `polygon`s of class `seat-band`.
struct HistoryChart: Sendable {
  var points: [HistoryPoint]
  var majority: Int
  var title: String
  /// The narrow layout (`ChartStyle.narrowWidth` wide): fewer date ticks, the panels' headings
  /// shortened and split, the whole moved down a line.
  var narrow = false

  static let width = 760.0
  static let height = 470.0
  static let left = 56.0, right = 24.0
  static let topPanel = (top: 44.0, bottom: 200.0)
  static let seatPanel = (top: 252.0, bottom: 420.0)

  /// Creates the chart; points are sorted by date.
  init(points: [HistoryPoint], majority: Int, title: String) {
    precondition(!points.isEmpty, "a history chart needs at least one point")
    self.points = points.sorted { $0.asOf < $1.asOf }
    self.majority = majority
    self.title = title
  }

  /// The points split into runs of consecutive days (a missing day starts a new run).
  var segments: [[HistoryPoint]] {
    var out: [[HistoryPoint]] = []
    for p in points {
      if let last = out.last?.last, p.asOf.dayNumber - last.asOf.dayNumber <= 1 { out[out.count - 1].append(p) } else { out.append([p]) }
    }
    return out
  }

  /// Draws the chart.
  /// - Complexity: O(points).
  func render() -> SVGDocument {
    let dy = narrow ? 18.0 : 0
    let w = narrow ? ChartStyle.narrowWidth : Self.width, h = Self.height + dy
    let left = narrow ? 44.0 : Self.left, right = narrow ? 12.0 : Self.right
    let topPanel = (top: Self.topPanel.top + dy, bottom: Self.topPanel.bottom + dy)
    let seatPanel = (top: Self.seatPanel.top + dy, bottom: Self.seatPanel.bottom + dy)
    let first = points.first!.asOf.dayNumber, last = points.last!.asOf.dayNumber
    let x = LinearScale(domain: Double(first) - 0.5...Double(last) + 0.5, range: (left, w - right))
    let latest = points.last!
    var svg = SVGDocument(
      width: w, height: h, title: title,
      summary: "Chances of a Democratic and a Republican majority and median Democratic seats for \(points.count) as-of dates from "
        + "\(points.first!.asOf.iso) to \(latest.asOf.iso). Latest: \(Formats.percent(latest.majorityProbability)), "
        + "median \(latest.medianSeats) seats.")

    // Date ticks: first of each month in range (or each point when the range is short).
    var dateTicks: [CalendarDate] = []
    if last - first <= 14 {
      dateTicks = points.map(\.asOf)
    } else {
      var (yy, mm, _) = CalendarDate(dayNumber: first).components
      while let d = CalendarDate(year: yy, month: mm, day: 1), d.dayNumber <= last {
        if d.dayNumber >= first { dateTicks.append(d) }
        mm += 1
        if mm > 12 { mm = 1; yy += 1 }
      }
      if dateTicks.count < 2 { dateTicks = [points.first!.asOf, latest.asOf] }
    }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func dateLabel(_ d: CalendarDate) -> String {
      let (yy, mm, dd) = d.components
      return "\(months[mm - 1]) \(dd)" + (mm == 1 || d == dateTicks.first ? " \(yy)" : "")
    }
    if narrow && dateTicks.count > 5 {
      let every = (dateTicks.count + 4) / 5
      dateTicks = dateTicks.enumerated().filter { $0.offset % every == 0 }.map(\.element)
    }
    for d in dateTicks {
      let px = x(Double(d.dayNumber))
      for panel in [topPanel, seatPanel] {
        svg.line(x1: px, y1: panel.top, x2: px, y2: panel.bottom, stroke: ChartStyle.grid)
      }
      svg.text(dateLabel(d), x: px, y: seatPanel.bottom + 16, size: 12, anchor: .middle, fill: ChartStyle.muted)
    }
    svg.text("As-of date", x: (left + w - right) / 2, y: seatPanel.bottom + 36, size: 12, anchor: .middle,
             fill: ChartStyle.text)

    // Top panel: chance of a majority.
    let py = LinearScale(domain: 0...1, range: (topPanel.bottom, topPanel.top))
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
      svg.line(x1: left, y1: py(t), x2: w - right, y2: py(t), stroke: t == 0.5 ? ChartStyle.neutral : ChartStyle.grid,
               dash: t == 0.5 ? "4 3" : nil)
      svg.text(Formats.percent(t, digits: 0), x: left - 6, y: py(t) + 4, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    // The heading, then each party's latest chance in its colour (which is the key to the lines):
    // on the heading's line at the right, or on a line of their own in the narrow layout.
    svg.text("Chance of a majority on \(latest.asOf.iso)", x: narrow ? 8 : left, y: topPanel.top - (narrow ? 32 : 14), size: 13,
             fill: ChartStyle.text, weight: "bold")
    let keyY = topPanel.top - 14
    let democraticKey = "Democratic \(Formats.percent(latest.majorityProbability))"
    if let q = latest.republicanMajorityProbability {
      let republicanKey = "Republican \(Formats.percent(q))"
      if narrow {
        svg.text(democraticKey, x: 8, y: keyY, size: 12, fill: ChartStyle.democratic, weight: "bold")
        svg.text(republicanKey, x: 150, y: keyY, size: 12, fill: ChartStyle.republican, weight: "bold")
      } else {
        svg.text(republicanKey, x: w - right, y: keyY, size: 12, anchor: .end, fill: ChartStyle.republican, weight: "bold")
        svg.text(democraticKey, x: w - right - 140, y: keyY, size: 12, anchor: .end, fill: ChartStyle.democratic, weight: "bold")
      }
    } else {
      svg.text(democraticKey, x: narrow ? 8 : w - right, y: keyY, size: 12, anchor: narrow ? .start : .end,
               fill: ChartStyle.democratic, weight: "bold")
    }
    let r = points.count > 60 ? 1.8 : 3
    for segment in segments {
      svg.polyline(segment.map { (x(Double($0.asOf.dayNumber)), py($0.majorityProbability)) }, stroke: ChartStyle.democratic,
                   width: 2, attributes: [("class", "p-majority-line")])
      let known = segment.filter { $0.republicanMajorityProbability != nil }
      if known.count == segment.count {
        svg.polyline(known.map { (x(Double($0.asOf.dayNumber)), py($0.republicanMajorityProbability!)) },
                     stroke: ChartStyle.republican, width: 2, attributes: [("class", "p-republican-majority-line")])
      }
    }
    for p in points {
      svg.circle(cx: x(Double(p.asOf.dayNumber)), cy: py(p.majorityProbability), r: r,
                 fill: p.kind == .run ? ChartStyle.democratic : "#ffffff", stroke: ChartStyle.democratic,
                 attributes: [("class", "p-majority"), ("data-date", p.asOf.iso)],
                 tooltip: "\(p.asOf.iso): Democratic majority \(Formats.percent(p.majorityProbability)) (\(p.kind.rawValue), \(Formats.count(p.draws)) draws)")
      if let q = p.republicanMajorityProbability {
        svg.circle(cx: x(Double(p.asOf.dayNumber)), cy: py(q), r: r,
                   fill: p.kind == .run ? ChartStyle.republican : "#ffffff", stroke: ChartStyle.republican,
                   attributes: [("class", "p-republican-majority"), ("data-date", p.asOf.iso)],
                   tooltip: "\(p.asOf.iso): Republican majority \(Formats.percent(q)) (\(p.kind.rawValue), \(Formats.count(p.draws)) draws)")
      }
    }
    // Bottom panel: seats.
    let lowSeat = Double(min(points.map(\.seats10).min()!, majority))
    let highSeat = Double(max(points.map(\.seats90).max()!, majority))
    let pad = max(3, (highSeat - lowSeat) * 0.08)
    let sy = LinearScale(domain: (lowSeat - pad)...(highSeat + pad), range: (seatPanel.bottom, seatPanel.top))
    for t in sy.ticks(count: 5) {
      svg.line(x1: left, y1: sy(t), x2: w - right, y2: sy(t), stroke: ChartStyle.grid)
      svg.text(String(Int(t)), x: left - 6, y: sy(t) + 4, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    for segment in segments {
      if segment.count > 1 {
        let band = segment.map { (x: x(Double($0.asOf.dayNumber)), y: sy(Double($0.seats90))) }
          + segment.reversed().map { (x: x(Double($0.asOf.dayNumber)), y: sy(Double($0.seats10))) }
        svg.polygon(band, fill: ChartStyle.band, opacity: 0.45, attributes: [("class", "seat-band")])
      } else {
        let p = segment[0]
        svg.line(x1: x(Double(p.asOf.dayNumber)), y1: sy(Double(p.seats90)), x2: x(Double(p.asOf.dayNumber)),
                 y2: sy(Double(p.seats10)), stroke: ChartStyle.band, width: 6, attributes: [("class", "seat-band")])
      }
    }
    svg.line(x1: left, y1: sy(Double(majority) - 0.5), x2: w - right, y2: sy(Double(majority) - 0.5),
             stroke: ChartStyle.text, width: 1.2, dash: "5 3", attributes: [("class", "majority-line")])
    svg.text("\(majority) for a majority", x: w - right - 4, y: sy(Double(majority) - 0.5) - 5, size: 12, anchor: .end,
             fill: ChartStyle.text)
    for segment in segments {
      svg.polyline(segment.map { (x(Double($0.asOf.dayNumber)), sy(Double($0.medianSeats))) }, stroke: ChartStyle.democratic,
                   width: 2, attributes: [("class", "median-seats-line")])
    }
    for p in points {
      svg.circle(cx: x(Double(p.asOf.dayNumber)), cy: sy(Double(p.medianSeats)), r: r,
                 fill: p.kind == .run ? ChartStyle.democratic : "#ffffff", stroke: ChartStyle.democratic,
                 attributes: [("class", "median-seats"), ("data-date", p.asOf.iso)],
                 tooltip: "\(p.asOf.iso): median \(p.medianSeats) seats, 80% \(p.seats10)–\(p.seats90)")
    }
    svg.text((narrow ? "Seats: median, 80%" : "Democratic seats: median and 80% interval")
               + " (latest \(latest.medianSeats), \(latest.seats10)–\(latest.seats90))",
             x: narrow ? 8 : left, y: seatPanel.top - 14, size: 13, fill: ChartStyle.democratic, weight: "bold")
    let hasBackfill = points.contains { $0.kind == .backfill }
    if hasBackfill {
      svg.text(narrow ? "open: backfilled · filled: nightly runs" : "open dots: backfilled from the specials held before each day; filled: nightly runs",
               x: w - right,
               y: 14, size: 12, anchor: .end, fill: ChartStyle.muted)
    }
    return svg
  }
}
