import BellwetherEngine
import BellwetherReports
import Foundation

/// The headline figures of every point of a sweep, gathered from each point's `forecast.json`.
package struct SweepTable: Sendable {
  /// One point's row.
  package struct Row: Sendable {
    package var point: Int
    package var settings: String
    package var majorityProbability: Double
    package var meanSeats: Double
    package var interval80: [Int]
    package var environmentMean: Double
    package var environmentSD: Double
  }

  package var rows: [Row]

  /// Reads `folder/point-K/forecast.json` for every point of the grid.
  /// - Throws: `InputError` naming a point whose forecast is missing or unreadable.
  package static func gather(grid: SweepGrid, folder: String) throws -> SweepTable {
    var rows: [Row] = []
    for (k, point) in grid.points().enumerated() {
      let file = folder + "/" + SweepTable.pointFolder(k) + "/forecast.json"
      guard let data = FileManager.default.contents(atPath: file) else {
        throw InputError(file: file, expected: "the forecast of point \(k) (\(SweepGrid.describe(point)))", found: "no file")
      }
      let doc: ForecastDocument
      do { doc = try JSONDecoder().decode(ForecastDocument.self, from: data) } catch {
        throw InputError(file: file, expected: "a \(ForecastDocument.schemaName) document", found: "\(error)")
      }
      rows.append(Row(point: k, settings: SweepGrid.describe(point), majorityProbability: doc.headline.majorityProbability,
                      meanSeats: doc.headline.meanSeats, interval80: doc.headline.interval80,
                      environmentMean: doc.environment.posteriorMean, environmentSD: doc.environment.posteriorSD))
    }
    return SweepTable(rows: rows)
  }

  /// The folder name of point k.
  package static func pointFolder(_ k: Int) -> String { "point-\(k)" }

  /// A Markdown table.
  package func markdown() -> String {
    var out = "| point | settings | P(D majority) | mean D seats | 80% interval | environment |\n|---|---|---|---|---|---|\n"
    for r in rows {
      out += "| \(r.point) | \(r.settings) | \(Formats.percent(r.majorityProbability)) | "
      out += String(format: "%.1f | %d–%d | ", r.meanSeats, r.interval80[0], r.interval80[1])
      out += "\(Formats.margin(r.environmentMean)) ± \(String(format: "%.1f", r.environmentSD)) |\n"
    }
    return out
  }

  /// CSV: `point,settings,p_majority,mean_seats,p10_seats,p90_seats,environment_mean,environment_sd`.
  package func csv() -> String {
    var out = "point,settings,p_majority,mean_seats,p10_seats,p90_seats,environment_mean,environment_sd\n"
    for r in rows {
      out += [String(r.point), CSVWriter.escape(r.settings), String(format: "%.6f", r.majorityProbability), String(format: "%.3f", r.meanSeats),
              String(r.interval80[0]), String(r.interval80[1]), String(format: "%.3f", r.environmentMean),
              String(format: "%.3f", r.environmentSD)].joined(separator: ",") + "\n"
    }
    return out
  }
}
