import BellwetherEngine
import Foundation

/// The set of report files one run writes into its output folder.
public enum ReportBundle {
  /// The reports a run renders into its output folder, in the order written and listed: the one list
  /// behind `render`, `reservedNames` and report.html's list of the run's files. `history.svg` only
  /// with a history.
  package static func reportNames(history: Bool) -> [String] {
    ["forecast.json", "districts.csv", "national.csv", "summary.md", "report.html", "seats.svg", "districts.svg",
     "environment.svg"] + (history ? ["history.svg"] : [])
  }

  /// Every name a run may write in its output folder: the reports, the draws CSV in either form
  /// (`DrawsCSV`) and the lock.
  package static let reservedNames: Set<String> = Set(reportNames(history: true) + [DrawsCSV.name, DrawsCSV.compressedName,
                                                                                     OutputLock.fileName])

  /// Renders every report file of a result (nothing touches disk here).
  /// - Parameters:
  ///   - history: the run history to chart (one point per as-of date); empty for none.
  /// - Returns: (file name, contents), in the order of `reportNames`: `forecast.json`, `districts.csv`,
  ///   `national.csv`, `summary.md`, `report.html` and the charts `seats.svg`, `districts.svg`,
  ///   `environment.svg` and, with a history, `history.svg`.
  public static func render(_ result: ForecastResult, history: [HistoryPoint] = []) throws -> [(name: String, contents: Data)] {
    try render(result, history: history, previousSeats: nil)
  }

  /// `render`, with the previous date's per-seat chances for the page's "what changed" and the
  /// names of the other files the run writes (listed on report.html after the reports).
  /// - Parameters:
  ///   - previousSeats: the previous date's per-seat chances of a Democratic win.
  ///   - alsoWritten: names of the run's other files (`draws.csv.gz`, the `--export-draws` file, the
  ///     history database).
  package static func render(_ result: ForecastResult, history: [HistoryPoint], previousSeats: [String: Double]?,
                             alsoWritten: [String] = []) throws -> [(name: String, contents: Data)] {
    try ReportChecks.validate(result)
    let charts = ReportHTML.charts(result, history: history)
    let names = reportNames(history: charts.history != nil)
    return try names.map { name in
      let text: String
      switch name {
      case "forecast.json": return (name, try ForecastDocument(result: result).encoded())
      case "districts.csv": text = DistrictsCSV.render(result)
      case "national.csv": text = NationalCSV.render(result)
      case "summary.md": text = SummaryMarkdown.render(result)
      case "report.html":
        text = ReportHTML.render(result, history: history, charts: charts, previousSeats: previousSeats, files: names + alsoWritten)
      case "seats.svg": text = charts.seats.render()
      case "districts.svg": text = charts.districts.render()
      case "environment.svg": text = charts.environment.render()
      case "history.svg": text = charts.history!.render()
      default: preconditionFailure("no renderer for the report \(name)")
      }
      return (name, Data(text.utf8))
    }
  }

  /// Renders and writes the reports atomically into `folder`, with files already staged there
  /// (`draws.csv`) in the same set.
  /// - Parameters:
  ///   - prestaged: staged files renamed into place with the reports (and listed on report.html).
  ///   - alsoWritten: names of the other files the run writes (the `--export-draws` file, the history
  ///     database), listed on report.html.
  ///   - isCancelled: checked once every file is staged; true leaves the folder unchanged
  ///     and throws `ReportWriter.Cancelled`.
  /// - Returns: the paths written, reports first.
  package static func write(_ result: ForecastResult, to folder: String,
                           history: [HistoryPoint] = [], previousSeats: [String: Double]? = nil,
                           prestaged: [ReportWriter.StagedFile] = [], alsoWritten: [String] = [],
                           isCancelled: (@Sendable () -> Bool)? = nil) throws -> [String] {
    let files: [(name: String, contents: Data)]
    do {
      files = try render(result, history: history, previousSeats: previousSeats, alsoWritten: prestaged.map(\.name) + alsoWritten)
    } catch {
      for file in prestaged { unlink(file.temporary) }
      throw error
    }
    try ReportWriter.write(files, into: folder, prestaged: prestaged, isCancelled: isCancelled)
    return (files.map(\.name) + prestaged.map(\.name)).map { folder + "/" + $0 }
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
