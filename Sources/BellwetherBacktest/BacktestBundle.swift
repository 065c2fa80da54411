import BellwetherReports
import Foundation

/// The files a backtest writes: `backtest.md`, `backtest.json` and `calibration.svg`.
package enum BacktestBundle {
  /// Renders every file (nothing touches disk here).
  package static func render(_ report: BacktestReport) throws -> [(name: String, contents: Data)] {
    [
      ("backtest.json", try report.encoded()),
      ("backtest.md", Data(BacktestMarkdown.render(report).utf8)),
      ("calibration.svg", Data(ReliabilityChart.render(report).utf8)),
    ]
  }

  /// Renders, then writes each file atomically into `folder` (`ReportWriter`).
  /// - Returns: the paths written.
  package static func write(_ report: BacktestReport, to folder: String) throws -> [String] {
    let files = try render(report)
    try ReportWriter.write(files, into: folder)
    return files.map { folder + "/" + $0.name }
  }
}

/// The files a backtest across cycles writes beside each cycle's own folder: `backtest-cycles.md`,
/// `backtest-cycles.json` and `backtest-cycles.svg`.
package enum CrossCycleBundle {
  /// Renders every file (nothing touches disk here).
  package static func render(_ b: CrossCycleBacktest) throws -> [(name: String, contents: Data)] {
    [
      ("backtest-cycles.json", try b.encoded()),
      ("backtest-cycles.md", Data(CrossCycleMarkdown.render(b).utf8)),
      ("backtest-cycles.svg", Data(ReliabilityChart.render(b).utf8)),
    ]
  }
}
