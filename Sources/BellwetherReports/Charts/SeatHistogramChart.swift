import BellwetherEngine
import Foundation

/// The seat histogram: for each count of Democratic seats, the share of draws that produced it,
/// with the majority line, the median and the 80% interval.
///
/// Bars at or above the majority are blue (Democratic control), below it red. The x axis spans the
/// seat counts that hold all but `tailShare` of the draws (always including the majority line), so
/// that the bulk of the distribution is wide enough to read; the caption says how much is off-axis.
/// Each bar is a `rect` of class `bar` with `data-seats` and `data-count`.
struct SeatHistogramChart: Sendable {
  /// `counts[s]`: draws with s Democratic seats.
  var counts: [Int]
  /// Seats needed for a Democratic majority.
  var majority: Int
  /// Chart title.
  var title: String
  /// Share of the draws that may fall outside the x axis, split between the two tails.
  var tailShare = 0.001
  /// The narrow layout (`ChartStyle.narrowWidth` wide, for small screens): fewer ticks, the two
  /// headlines and the caption stacked on their own lines.
  var narrow = false

  static let width = 760.0
  static let height = 380.0
  static let left = 56.0, right = 20.0, top = 58.0, bottom = 58.0

  /// Creates the chart.
  init(counts: [Int], majority: Int, title: String) {
    precondition(!counts.isEmpty && counts.reduce(0, +) > 0, "a histogram needs draws")
    self.counts = counts
    self.majority = majority
    self.title = title
  }

  /// The seat counts shown: all but `tailShare` of the draws, widened to include the majority line
  /// and at least 20 seats.
  var shownSeats: ClosedRange<Int> {
    let lastSeat = counts.count - 1
    var low = SeatDistribution.quantile(counts, level: tailShare / 2)
    var high = SeatDistribution.quantile(counts, level: 1 - tailShare / 2)
    low = min(low, majority - 1)
    high = max(high, majority)
    while high - low < 20 {
      low -= 1
      high += 1
    }
    return max(0, low)...min(lastSeat, high)
  }

  /// Draws the chart.
  /// - Complexity: O(seats).
  func render() -> SVGDocument {
    let w = narrow ? ChartStyle.narrowWidth : Self.width, h = narrow ? 400.0 : Self.height
    let left = narrow ? 44.0 : Self.left, right = narrow ? 12.0 : Self.right
    let top = narrow ? 76.0 : Self.top, bottom = narrow ? 72.0 : Self.bottom
    let distribution = SeatDistribution(counts: counts, majority: majority)
    let total = Double(distribution.draws)
    let seats = shownSeats
    let shownDraws = counts[seats].reduce(0, +)
    let maxShare = Double(counts[seats].max() ?? 0) / total
    let x = LinearScale(domain: Double(seats.lowerBound) - 0.5...Double(seats.upperBound) + 0.5, range: (left, w - right))
    let y = LinearScale(domain: 0...LinearScale.niceCeiling(maxShare, count: 4), range: (h - bottom, top))
    let p10 = distribution.quantiles.p10, p90 = distribution.quantiles.p90
    let pMajority = distribution.majorityProbability
    var svg = SVGDocument(
      width: w, height: h, title: title,
      summary: "Histogram of Democratic seats over \(Formats.count(distribution.draws)) draws. Chance of a Democratic majority "
        + "(\(majority)+ seats): \(Formats.percent(pMajority)). Median \(distribution.median), 80% interval \(p10)-\(p90).")

    // Grid and y axis (share of draws).
    for t in y.ticks(count: 4) {
      svg.line(x1: left, y1: y(t), x2: w - right, y2: y(t), stroke: ChartStyle.grid)
      svg.text(Formats.percent(t, digits: t * 100 < 1 && t > 0 ? 1 : 0), x: left - 6, y: y(t) + 4, size: 12,
               anchor: .end, fill: ChartStyle.muted)
    }
    // The 80% interval as a band behind the bars.
    svg.rect(x: x(Double(p10) - 0.5), y: top, width: x(Double(p90) + 0.5) - x(Double(p10) - 0.5),
             height: h - bottom - top, fill: ChartStyle.shade, attributes: [("class", "interval80")])
    // Bars.
    let barWidth = abs(x.pixelsPerUnit)
    let gap = barWidth >= 4 ? 1.0 : 0
    for s in seats where counts[s] > 0 {
      let share = Double(counts[s]) / total
      let barTop = y(share)
      svg.rect(x: x(Double(s)) - barWidth / 2 + gap / 2, y: barTop, width: barWidth - gap, height: y(0) - barTop,
               fill: s >= majority ? ChartStyle.democratic : ChartStyle.republican,
               attributes: [("class", "bar"), ("data-seats", String(s)), ("data-count", String(counts[s]))],
               tooltip: "\(s) Democratic seats: \(Formats.percent(share, digits: 2)) of draws")
    }
    // x axis with ticks.
    svg.line(x1: left, y1: y(0), x2: w - right, y2: y(0), stroke: ChartStyle.axis)
    let step = Int(LinearScale.niceStep(span: Double(seats.count), count: narrow ? 4 : 8))
    for s in stride(from: (seats.lowerBound + step - 1) / step * step, through: seats.upperBound, by: max(1, step)) {
      svg.line(x1: x(Double(s)), y1: y(0), x2: x(Double(s)), y2: y(0) + 4, stroke: ChartStyle.axis)
      svg.text(String(s), x: x(Double(s)), y: y(0) + 17, size: 12, anchor: .middle, fill: ChartStyle.muted)
    }
    svg.text("Democratic seats", x: (left + w - right) / 2, y: h - (narrow ? 38 : 22), size: 12, anchor: .middle, fill: ChartStyle.text)
    var captions = ["Shaded: 80% interval \(p10)–\(p90); median \(distribution.median)"]
    if shownDraws < distribution.draws {
      captions.append("\(Formats.percent(1 - Double(shownDraws) / total, digits: 2)) of draws fall outside this axis")
    }
    if !narrow { captions = [captions.joined(separator: "; ")] }
    for (i, caption) in captions.enumerated() {
      svg.text(caption, x: (left + w - right) / 2, y: h - 6 - 16 * Double(captions.count - 1 - i), size: 12, anchor: .middle,
               fill: ChartStyle.muted)
    }

    // Majority line between majority - 1 and majority.
    let mx = x(Double(majority) - 0.5)
    svg.line(x1: mx, y1: top - 8, x2: mx, y2: y(0), stroke: ChartStyle.text, width: 1.5, dash: "5 3",
             attributes: [("class", "majority-line"), ("data-seats", String(majority))])
    let labelLeft = mx > left + (w - left - right) * 0.7
    svg.text("\(majority) for a majority", x: labelLeft ? mx - 5 : mx + 5, y: top - 1, size: 12, anchor: labelLeft ? .end : .start,
             fill: ChartStyle.text)
    // Median marker.
    let medianX = x(Double(distribution.median))
    svg.polygon([(medianX - 5, y(0) + 9), (medianX + 5, y(0) + 9), (medianX, y(0) + 2)], fill: ChartStyle.text,
                 attributes: [("class", "median"), ("data-seats", String(distribution.median))])

    // Headline in the corners: each party's chance of control.
    svg.text("Republican majority \(Formats.percent(1 - pMajority))", x: narrow ? 8 : left, y: 22, size: 14,
             fill: ChartStyle.republican, weight: "bold")
    svg.text("Democratic majority \(Formats.percent(pMajority))", x: narrow ? 8 : w - right, y: narrow ? 42 : 22, size: 14,
             anchor: narrow ? .start : .end, fill: ChartStyle.democratic, weight: "bold")
    svg.text("Share of draws", x: left, y: top - 14, size: 12, fill: ChartStyle.muted)
    return svg
  }
}
