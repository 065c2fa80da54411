import BellwetherEngine
import Foundation

/// The set of report files one run writes into its output folder.
public enum ReportBundle {
  /// Every name a run may write in its output folder: the reports (`render`'s names) and the lock.
  package static let reservedNames: Set<String> = [
    "forecast.json", "districts.csv", "national.csv", "summary.md", "report.html", "seats.svg", "districts.svg", "environment.svg",
    "history.svg", OutputLock.fileName,
  ]

  /// Renders every report file of a result (nothing touches disk here).
  /// - Parameters:
  ///   - history: the run history to chart (one point per as-of date); empty for none.
  ///   - previousSeats: the previous date's per-seat chances of a Democratic win, for "what changed".
  /// - Returns: (file name, contents): `forecast.json`, `districts.csv`, `national.csv`, `summary.md`, then
  ///   `report.html` and the charts `seats.svg`, `districts.svg`, `environment.svg` and, with a
  ///   history, `history.svg`.
  public static func render(_ result: ForecastResult, history: [HistoryPoint] = []) throws -> [(name: String, contents: Data)] {
    try render(result, history: history, previousSeats: nil)
  }

  /// `render`, with the previous date's per-seat chances for the page's "what changed".
  package static func render(_ result: ForecastResult, history: [HistoryPoint],
                             previousSeats: [String: Double]?) throws -> [(name: String, contents: Data)] {
    try ReportChecks.validate(result)
    let document = ForecastDocument(result: result)
    var files: [(name: String, contents: Data)] = [
      ("forecast.json", try document.encoded()),
      ("districts.csv", Data(DistrictsCSV.render(result).utf8)),
      ("national.csv", Data(NationalCSV.render(result).utf8)),
      ("summary.md", Data(SummaryMarkdown.render(result).utf8)),
    ]
    let charts = ReportHTML.charts(result, history: history)
    files.append(("report.html", Data(ReportHTML.render(result, history: history, charts: charts, previousSeats: previousSeats).utf8)))
    files.append(("seats.svg", Data(charts.seats.render().utf8)))
    files.append(("districts.svg", Data(charts.districts.render().utf8)))
    files.append(("environment.svg", Data(charts.environment.render().utf8)))
    if let chart = charts.history { files.append(("history.svg", Data(chart.render().utf8))) }
    return files
  }

  /// Renders and writes the reports atomically into `folder`.
  /// - Parameter isCancelled: checked once every file is staged; true leaves the folder unchanged
  ///   and throws `ReportWriter.Cancelled`.
  package static func write(_ result: ForecastResult, to folder: String,
                           history: [HistoryPoint] = [], previousSeats: [String: Double]? = nil,
                           isCancelled: (@Sendable () -> Bool)? = nil) throws -> [String] {
    let files = try render(result, history: history, previousSeats: previousSeats)
    try ReportWriter.write(files, into: folder, isCancelled: isCancelled)
    return files.map { folder + "/" + $0.name }
  }
}

/// Sanity checks a report must pass before it is written: probabilities in [0, 1], the histogram
/// summing to the draws, every figure finite.
package enum ReportChecks {
  /// A failed check: a bug or a numerical failure, never written to disk.
  package struct Failure: Error, CustomStringConvertible {
    package var description: String
  }

  /// Validates a result.
  package static func validate(_ result: ForecastResult) throws {
    let draws = result.tallies.draws
    guard result.seats.counts.reduce(0, +) == draws else {
      throw Failure(description: "seat histogram sums to \(result.seats.counts.reduce(0, +)), not the \(draws) draws")
    }
    guard (0...1).contains(result.seats.majorityProbability) else {
      throw Failure(description: "majority probability \(result.seats.majorityProbability) is outside [0, 1]")
    }
    guard result.seats.mean.isFinite else { throw Failure(description: "mean seats \(result.seats.mean) is not finite") }
    for d in result.districts {
      guard (0...1).contains(d.democraticWinProbability), (0...1).contains(d.tippingProbability),
            d.meanMargin?.isFinite ?? true, d.margin10?.isFinite ?? true, d.margin90?.isFinite ?? true else {
        throw Failure(description: "district \(d.id) has a figure out of range")
      }
    }
  }
}
