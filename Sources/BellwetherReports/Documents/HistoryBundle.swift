import BellwetherEngine
import Foundation

/// The files `bellwether history` writes: `history.md` (the trend as a table) and `history.svg`.
package enum HistoryBundle {
  /// Renders the table and, when the trend has points, the chart (nothing touches disk here).
  package static func render(_ trend: [HistoryPoint], chamber: Chamber) -> [(name: String, contents: Data)] {
    let table = HistoryMarkdown.render(trend, chamber: chamber.name, majority: chamber.majority)
    guard !trend.isEmpty else { return [("history.md", Data(table.utf8))] }
    let chart = HistoryChart(points: trend, majority: chamber.majority, title: "\(chamber.name): the forecast over time")
    return [("history.md", Data(table.utf8)), ("history.svg", Data(chart.render().render().utf8))]
  }
}
