import BellwetherEngine
import BellwetherReports
import Foundation

/// The headline figures of every point of a sweep, gathered from each point's `forecast.json`.
package struct SweepTable: Sendable {
  /// One point's row.
  package struct Row: Sendable {
    package var point: Int
    /// The point's value of each parameter, in the grid's order.
    package var values: [JSONValue]
    package var majorityProbability: Double
    package var meanSeats: Double
    package var interval80: [Int]
    package var environmentMean: Double
    package var environmentSD: Double
  }

  /// The grid's parameters (dotted config keys): one column each.
  package var parameters: [String]
  package var rows: [Row]

  /// Reads `folder/point-K/forecast.json` for every point of the grid.
  /// - Throws: `InputErrors` naming every point whose forecast is missing or unreadable (not only the first).
  package static func gather(grid: SweepGrid, folder: String) throws -> SweepTable {
    var rows: [Row] = []
    var problems: [InputError] = []
    for (k, point) in grid.points().enumerated() {
      let file = folder + "/" + SweepTable.pointFolder(k) + "/forecast.json"
      guard let data = FileManager.default.contents(atPath: file) else {
        problems.append(InputError(file: file, expected: "the forecast of point \(k) (\(SweepGrid.describe(point)))", found: "no file"))
        continue
      }
      let doc: ForecastDocument
      do { doc = try JSONDecoder().decode(ForecastDocument.self, from: data) } catch {
        problems.append(InputError(file: file, expected: "a \(ForecastDocument.schemaName) document", found: "\(error)"))
        continue
      }
      rows.append(Row(point: k, values: point.map(\.value), majorityProbability: doc.headline.majorityProbability,
                      meanSeats: doc.headline.meanSeats, interval80: doc.headline.interval80,
                      environmentMean: doc.environment.posteriorMean, environmentSD: doc.environment.posteriorSD))
    }
    guard problems.isEmpty else { throw InputErrors(problems) }
    return SweepTable(parameters: grid.parameters.map(\.key), rows: rows)
  }

  /// The folder name of point k.
  package static func pointFolder(_ k: Int) -> String { "point-\(k)" }

  /// A Markdown table.
  package func markdown() -> String {
    var out = "| point | " + parameters.map { $0 + " | " }.joined() + "P(D majority) | mean D seats | 80% interval | environment |\n"
    out += "|---|" + String(repeating: "---|", count: parameters.count) + "---|---|---|---|\n"
    for r in rows {
      out += "| \(r.point) | " + r.values.map { $0.jsonText + " | " }.joined() + "\(Formats.percent(r.majorityProbability)) | "
      out += String(format: "%.1f | %d–%d | ", r.meanSeats, r.interval80[0], r.interval80[1])
      out += "\(Formats.margin(r.environmentMean)) ± \(String(format: "%.1f", r.environmentSD)) |\n"
    }
    return out
  }

  /// CSV: `point`, one column per parameter (named by its dotted key, holding its JSON value), then
  /// `majority_probability,mean_seats,interval80_low,interval80_high,environment_mean,environment_sd`:
  /// sweep.json's field names in snake_case, the two ends of `interval80` as `_low` and `_high`, as
  /// in every other CSV (docs/forecast-schema.md, "CSV columns"; environment in points, D minus R: a
  /// plain signed number, for reading by machine).
  package func csv() -> String {
    var out = (["point"] + parameters.map(CSVWriter.escape)
      + ["majority_probability", "mean_seats", "interval80_low", "interval80_high", "environment_mean", "environment_sd"]).joined(separator: ",") + "\n"
    for r in rows {
      out += ([String(r.point)] + r.values.map { CSVWriter.escape($0.jsonText) } + [String(format: "%.6f", r.majorityProbability), String(format: "%.3f", r.meanSeats),
              String(r.interval80[0]), String(r.interval80[1]), String(format: "%.3f", r.environmentMean),
              String(format: "%.3f", r.environmentSD)]).joined(separator: ",") + "\n"
    }
    return out
  }
}
