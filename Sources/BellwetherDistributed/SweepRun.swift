import BellwetherEngine
import BellwetherReports
import Foundation

/// Running a sweep's points here, one after another, and gathering their table: what
/// `bellwether sweep GRID` does when it is not told `--configs-only` or `--gather`.
package enum SweepRun {
  /// Runs every point config (written by `SweepGrid.writePointConfigs`) into `folder/point-K/`.
  /// - Parameters:
  ///   - draws: draws per point (default: each point config's).
  ///   - progress: called after each point with its line for the terminal.
  /// - Throws: the point configs' and the runs' errors.
  package static func runPoints(_ configs: [String], of grid: SweepGrid, into folder: String, draws: Int?, threads: Int,
                                progress: (String) -> Void = { _ in }) throws {
    let points = grid.points()
    for (k, path) in configs.enumerated() {
      guard let result = try Forecaster(configPath: path).forecast(ForecastOptions(draws: draws), threads: threads) else {
        throw ReportWriter.Cancelled()
      }
      _ = try ReportBundle.write(result, to: folder + "/" + SweepTable.pointFolder(k))
      progress("point \(k) (\(SweepGrid.describe(points[k]))): P(D majority) \(Formats.percent(result.seats.majorityProbability))")
    }
  }

  /// Gathers the points' forecast.json into `sweep.md`, `sweep.csv` and `sweep.json` in `folder`.
  /// - Returns: the table.
  package static func gather(_ grid: SweepGrid, in folder: String) throws -> SweepTable {
    let table = try SweepTable.gather(grid: grid, folder: folder)
    try ReportWriter.write([("sweep.md", Data(table.markdown().utf8)), ("sweep.csv", Data(table.csv().utf8)),
                            ("sweep.json", try table.encoded())], into: folder)
    return table
  }
}
