import BellwetherEngine
import Foundation

/// The files `bellwether history` writes: `history.md` (the trend as a table) and `history.svg`.
package enum HistoryBundle {
  /// Renders the table and, when the trend has points, the chart (nothing touches disk here).
  package static func render(_ trend: [HistoryPoint], chamber: Chamber) -> [(name: String, contents: Data)] {
    let table = HistoryMarkdown.render(trend, chamber: chamber.name, majority: chamber.majority)
    guard !trend.isEmpty else { return [("history.md", Data(table.utf8))] }
    let latest = trend.map(\.asOf).max()!
    let chart = HistoryChart(points: trend, majority: chamber.majority,
                             title: "\(chamber.name): the forecast over time, through \(latest.iso)")
    var svg = chart.render()
    svg.source = "Source: Bellwether run history, \(Formats.count(trend.count, "as-of date")) from \(trend.map(\.asOf).min()!.iso) to \(latest.iso)"
    return [("history.md", Data(table.utf8)), ("history.svg", Data(svg.render().utf8))]
  }
}
