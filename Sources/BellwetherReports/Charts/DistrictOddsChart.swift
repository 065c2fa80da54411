import BellwetherEngine
import Foundation

/// Every seat of the chamber, ordered by expected margin from the most Democratic (left) to the most
/// Republican (right), each drawn as its 80% margin interval with a tick at the mean margin and
/// coloured by its chance of a Democratic win.
///
/// Seats without a two-party contest sit at the two ends, drawn as a short bar at the edge of the
/// axis. The vertical line after the `majority`-th seat from the left marks the seat that would make
/// the majority if every seat went the way it leans; the most frequent tipping-point seats are
/// labelled. At 435 seats each column is about two pixels wide: the shape (how many seats are near
/// zero, where the majority seat sits) reads at a glance, and every column carries a tooltip with its
/// figures. Margins beyond `clip` points are drawn to the edge of the axis.
///
/// Each seat is a `g` of class `seat` with `data-id`, `data-rank` (0-based, left to right) and
/// `data-p`; its band is a `rect` of class `band`.
struct DistrictOddsChart: Sendable {
  /// The seats.
  var districts: [DistrictForecast]
  /// Seats needed for a Democratic majority.
  var majority: Int
  /// Chart title.
  var title: String
  /// Margins beyond +-clip points are drawn at the edge.
  var clip = 40.0
  /// How many tipping-point seats to label.
  var labelled = 8
  /// The narrow layout (`ChartStyle.narrowWidth` wide): under one pixel per seat, three labelled
  /// tipping-point seats, fewer ticks, shorter axis text, the legend wrapped onto rows.
  var narrow = false

  /// The shortest band drawn, in pixels.
  static let minimumBand = 3.0

  static let width = 960.0
  static let height = 460.0
  static let left = 58.0, right = 16.0, top = 92.0, bottom = 82.0

  /// Creates the chart.
  init(districts: [DistrictForecast], majority: Int, title: String) {
    self.districts = districts
    self.majority = majority
    self.title = title
  }

  /// The order of the seats, left to right: fixed Democratic seats, contested seats by mean margin
  /// (largest first), fixed Republican seats; ties broken by id.
  var ordered: [DistrictForecast] {
    func key(_ d: DistrictForecast) -> Double {
      switch d.status {
      case .fixed(.democratic): return .infinity
      case .fixed(.republican): return -.infinity
      case .contested: return d.meanMargin ?? d.baseMargin
      }
    }
    return districts.sorted { key($0) > key($1) || (key($0) == key($1) && $0.id < $1.id) }
  }

  /// Draws the chart.
  /// - Complexity: O(seats log seats).
  func render() -> SVGDocument {
    let w = narrow ? ChartStyle.narrowWidth : Self.width, h = narrow ? 470.0 : Self.height
    let left = narrow ? 52.0 : Self.left, right = narrow ? 14.0 : Self.right
    let top = Self.top, bottom = narrow ? 134.0 : Self.bottom
    let labelled = narrow ? min(3, self.labelled) : self.labelled
    let seats = ordered
    let n = seats.count
    let x = LinearScale(domain: 0...Double(max(n, 1)), range: (left, w - right))
    let y = LinearScale(domain: -clip...clip, range: (h - bottom, top))
    let column = abs(x.pixelsPerUnit)
    let expected = districts.reduce(0.0) { $0 + $1.democraticWinProbability }
    var svg = SVGDocument(
      width: w, height: h, title: title,
      summary: "\(n) seats ordered by expected margin, each with its 80% margin interval, coloured by the chance of a "
        + "Democratic win. Expected Democratic seats \(String(format: "%.1f", expected)); \(majority) make a majority.")

    // Grid: margins in points.
    let ticks = y.ticks(count: narrow ? 4 : 8)
    for t in ticks {
      svg.line(x1: left, y1: y(t), x2: w - right, y2: y(t), stroke: t == 0 ? ChartStyle.axis : ChartStyle.grid,
               width: t == 0 ? 1 : 1)
      svg.text(t == 0 ? "0" : Formats.margin(t, digits: 0), x: left - 6, y: y(t) + 4, size: 12, anchor: .end,
               fill: t > 0 ? ChartStyle.democratic : (t < 0 ? ChartStyle.republican : ChartStyle.muted))
    }
    svg.text("Margin (points)", x: narrow ? 12 : 14, y: (top + h - bottom) / 2, size: 12, anchor: .middle,
             fill: ChartStyle.text, rotate: -90)

    // One column per seat.
    let bandWidth = max(1, column * 0.8)
    for (rank, d) in seats.enumerated() {
      let cx = x(Double(rank) + 0.5)
      let tooltip = DistrictOddsChart.tooltip(d)
      svg.beginGroup(attributes: [("class", "seat"), ("data-id", d.id), ("data-rank", String(rank)),
                                  ("data-p", String(format: "%.4f", d.democraticWinProbability))])
      if let low = d.margin10, let high = d.margin90, let mean = d.meanMargin {
        let color = ChartStyle.probabilityColor(d.democraticWinProbability)
        var top = y.clamped(high), bottom = y.clamped(low)
        // Every band shows, at least `minimumBand` pixels tall: one squeezed against (or wholly
        // beyond) an edge of the axis grows inwards from that edge, any other about its middle.
        if bottom - top < DistrictOddsChart.minimumBand {
          let edgeTop = y(clip), edgeBottom = y(-clip)
          if top <= edgeTop {
            bottom = top + DistrictOddsChart.minimumBand
          } else if bottom >= edgeBottom {
            top = bottom - DistrictOddsChart.minimumBand
          } else {
            let middle = (top + bottom) / 2
            (top, bottom) = (middle - DistrictOddsChart.minimumBand / 2, middle + DistrictOddsChart.minimumBand / 2)
          }
        }
        svg.rect(x: cx - bandWidth / 2, y: top, width: bandWidth, height: bottom - top,
                 fill: color, attributes: [("class", "band")], tooltip: tooltip)
        if abs(mean) < clip {
          svg.rect(x: cx - max(1.5, column) / 2 - 0.5, y: y(mean) - 1, width: max(1.5, column) + 1, height: 2,
                   fill: ChartStyle.text, attributes: [("class", "mean")])
        }
      } else {
        let democratic = d.status == .fixed(.democratic)
        let edge = democratic ? y(clip) : y(-clip)
        svg.rect(x: cx - bandWidth / 2, y: democratic ? edge : edge - 8, width: bandWidth, height: 8,
                 fill: democratic ? ChartStyle.democratic : ChartStyle.republican, opacity: 0.45,
                 attributes: [("class", "band fixed")], tooltip: tooltip)
      }
      svg.endGroup()
    }

    // The majority-making seat in expectation: the boundary after the majority-th seat from the left.
    if majority >= 1 && majority <= n {
      let mx = x(Double(majority))
      svg.line(x1: mx, y1: top - 4, x2: mx, y2: h - bottom, stroke: ChartStyle.text, width: 1.2, dash: "5 3",
               attributes: [("class", "majority-line"), ("data-rank", String(majority))])
      let label = "\(Formats.ordinal(majority)) seat\(narrow ? "" : " from the left"): \(seats[majority - 1].id)"
      let rightHalf = mx > (left + w - right) / 2
      svg.text(label, x: rightHalf ? mx - 5 : mx + 5, y: h - bottom - 6, size: 12, anchor: rightHalf ? .end : .start,
               fill: ChartStyle.text)
    }

    // Labels for the most frequent tipping-point seats: these seats sit side by side near the
    // majority line, so the labels are spread along one row above the plot (each pushed right of
    // its left neighbour, then the row is centred on the seats and kept inside the chart) and joined
    // to their columns by leader lines.
    let tipping = seats.enumerated().filter { $0.element.tippingProbability > 0 }
      .sorted { $0.element.tippingProbability > $1.element.tippingProbability
        || ($0.element.tippingProbability == $1.element.tippingProbability && $0.element.id < $1.element.id) }
      .prefix(labelled).sorted { $0.offset < $1.offset }
    let texts = tipping.map { "\($0.element.id) \(Formats.percent($0.element.tippingProbability, digits: 1))" }
    let widths = texts.map { Double($0.count) * 6.8 + 10 }
    let targets = tipping.map { x(Double($0.offset) + 0.5) }
    let positions = DistrictOddsChart.spread(targets: targets, widths: widths, within: left...(w - right))
    let labelY = 44.0
    for (i, (rank, d)) in tipping.enumerated() {
      let cx = targets[i]
      let top = d.margin90.map { y.clamped($0) } ?? y(clip)
      // Each leader runs straight from its label to the top of its own column (the columns' tops
      // differ), ending in a dot: the lines fan in without meeting, and never cross (labels and
      // columns are in the same order).
      let end = (x: cx, y: top - 2)
      svg.polyline([(positions[i], labelY + 4), (positions[i], labelY + 12), end],
                   stroke: ChartStyle.muted, width: 0.8, attributes: [("class", "leader"), ("data-rank", String(rank))])
      svg.circle(cx: end.x, cy: end.y, r: 1.6, fill: ChartStyle.text, attributes: [("class", "leader-end")])
      svg.text(texts[i], x: positions[i], y: labelY, size: 12, anchor: .middle, fill: ChartStyle.text,
               attributes: [("class", "tipping-label"), ("data-id", d.id)])
    }
    svg.text(narrow ? "Labelled: top tipping-point seats" : "Labelled: the seats most often at the tipping point (share of draws)",
             x: narrow ? 8 : left, y: 16, size: 12, fill: ChartStyle.muted)

    // x axis.
    let step = Int(LinearScale.niceStep(span: Double(n), count: narrow ? 4 : 8))
    for r in stride(from: 0, through: n, by: max(1, step)) {
      svg.line(x1: x(Double(r)), y1: h - bottom, x2: x(Double(r)), y2: h - bottom + 4, stroke: ChartStyle.axis)
      svg.text(String(r), x: x(Double(r)), y: h - bottom + 16, size: 12, anchor: .middle, fill: ChartStyle.muted)
    }
    svg.text(narrow ? "Seats by expected margin, most D on the left" : "Seats ordered by expected margin: most Democratic on the left (count from the left)",
             x: (left + w - right) / 2,
             y: h - bottom + 32, size: 12, anchor: .middle, fill: ChartStyle.text)
    // Legend: one row, or rows of what fits in the narrow layout.
    var lx = narrow ? 8.0 : left
    var ly = narrow ? h - bottom + 54 : h - 28
    svg.text("Rating:", x: lx, y: ly, size: 12, fill: ChartStyle.muted)
    lx += 50
    for rating in Rating.allCases {
      let itemWidth = 15 + Double(rating.label.count) * 6.9 + 16
      if narrow && lx + itemWidth - 16 > w - right {
        lx = 8 + 50
        ly += 18
      }
      svg.rect(x: lx, y: ly - 10, width: 11, height: 11, fill: ChartStyle.color(of: rating))
      svg.text(rating.label, x: lx + 15, y: ly, size: 12, fill: ChartStyle.muted)
      lx += itemWidth
    }
    let note = ["bar: 80% interval · tick: mean", "margins beyond ±\(Int(clip)) drawn at the edge; uncontested seats at the ends"]
    if narrow {
      svg.text(note[0] + " · beyond ±\(Int(clip)) at the edge", x: 8, y: h - 25, size: 12, fill: ChartStyle.muted)
      svg.text("uncontested seats at the ends", x: 8, y: h - 9, size: 12, fill: ChartStyle.muted)
    } else {
      svg.text(note.joined(separator: " · "), x: left, y: h - 9, size: 12, fill: ChartStyle.muted)
    }
    return svg
  }

  /// Centres for labels of the given widths, as close to their targets as possible without overlap:
  /// each label is pushed right of its left neighbour, the whole row is then shifted so that its
  /// mean offset from the targets is zero, and finally kept inside `bounds`. Targets must be sorted.
  static func spread(targets: [Double], widths: [Double], within bounds: ClosedRange<Double>) -> [Double] {
    guard !targets.isEmpty else { return [] }
    var positions = targets
    for i in 1..<max(1, positions.count) {
      positions[i] = max(positions[i], positions[i - 1] + (widths[i - 1] + widths[i]) / 2)
    }
    let shift = zip(targets, positions).map { $0 - $1 }.reduce(0, +) / Double(targets.count)
    positions = positions.map { $0 + shift }
    let overLeft = bounds.lowerBound - (positions[0] - widths[0] / 2)
    if overLeft > 0 { positions = positions.map { $0 + overLeft } }
    let overRight = (positions.last! + widths.last! / 2) - bounds.upperBound
    if overRight > 0 { positions = positions.map { $0 - overRight } }
    return positions
  }

  static func tooltip(_ d: DistrictForecast) -> String {
    var text = "\(d.id) (\(d.incumbent.map { "incumbent \($0.rawValue)" } ?? "open seat")): "
    if let low = d.margin10, let high = d.margin90, let mean = d.meanMargin {
      text += "chance D \(Formats.percent(d.democraticWinProbability)), margin \(Formats.margin(mean)) "
      text += "(80%: \(Formats.margin(low)) to \(Formats.margin(high)))"
      if d.tippingProbability > 0 { text += ", tipping point in \(Formats.percent(d.tippingProbability, digits: 2)) of draws" }
    } else {
      text += "no two-party contest (\(d.status))"
    }
    return text
  }
}
