import BellwetherEngine
import Foundation

/// The files `bellwether history` writes: `history.md` (the trend as a table) and `history.svg`,
/// and with `--format csv` `history-national.csv` and `history-seats.csv`, with `--format json`
/// `history.json` (`HistoryDocument`).
package enum HistoryBundle {
  /// What `bellwether history` exports besides the table and chart.
  package enum Format: String, CaseIterable, Sendable {
    case markdown = "md", csv, json
  }

  /// Renders the table and, when the trend has points, the chart and the exports of `format`
  /// (nothing touches disk here). The first file is what the command prints.
  package static func render(_ trend: [HistoryPoint], seats: [HistorySeatPoint] = [], chamber: Chamber,
                             format: Format = .markdown) throws -> [(name: String, contents: Data)] {
    let table = HistoryMarkdown.render(trend, chamber: chamber.name, majority: chamber.majority)
    var files: [(name: String, contents: Data)] = [("history.md", Data(table.utf8))]
    let document = HistoryDocument(trend: trend, seats: seats, chamber: chamber)
    switch format {
    case .markdown: break
    case .csv:
      files.insert(("history-national.csv", Data(HistoryCSV.national(document).utf8)), at: 0)
      files.append(("history-seats.csv", Data(HistoryCSV.seats(document).utf8)))
    case .json:
      files.insert(("history.json", try document.encoded()), at: 0)
    }
    guard !trend.isEmpty else { return files }
    let latest = trend.map(\.asOf).max()!
    let chart = HistoryChart(points: trend, majority: chamber.majority,
                             title: "\(chamber.name): the forecast over time, through \(latest.iso)")
    var svg = chart.render()
    svg.source = "Source: Bellwether run history, \(Formats.count(trend.count, "as-of date")) from \(trend.map(\.asOf).min()!.iso) to \(latest.iso)"
    files.append(("history.svg", Data(svg.render().utf8)))
    return files
  }
}
