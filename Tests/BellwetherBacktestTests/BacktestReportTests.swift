import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Backtest reports")
struct BacktestReportTests {
  @Test("backtest.json round-trips and names its schema")
  func json() throws {
    let report = try BacktestRunTests.run()
    let data = try report.encoded()
    let decoded = try JSONDecoder().decode(BacktestReport.self, from: data)
    #expect(decoded.schema == "bellwether.backtest/1")
    #expect(try decoded.encoded() == data)
  }

  @Test("backtest.md has one row per forecast and the scores of the hand-computed chamber")
  func markdown() throws {
    let text = BacktestMarkdown.render(try BacktestRunTests.run())
    #expect(text.contains("## As of 2018-11-05"))
    #expect(text.contains("| Bellwether (prior + specials) | EVEN ± 1.0 | 2.0 (+1.0) | 2 | 2–2 | **no** | 0.0% | 0.0% | 0.3333 |"))
    #expect(text.contains("| Coin Flip | EVEN (R+5.0 to D+5.0) | 2.0 (+1.0) | 2 | 1–3 | yes | — | 50.0% | 0.2500 |"))
    #expect(text.contains("Bellwether, environment = actual House vote *in-sample*"))
    #expect(text.contains("- Bellwether (prior + specials) (1): AA-02"))
  }

  @Test("calibration.svg is well-formed XML with a point per non-empty bin and a diagonal per panel")
  func svg() throws {
    let report = try BacktestRunTests.run()
    let svg = ReliabilityChart.render(report)
    final class Counter: NSObject, XMLParserDelegate {
      var circles = 0, dashed = 0
      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                  attributes: [String: String] = [:]) {
        if name == "circle", attributes["r"] != "5" { circles += 1 }
        if name == "line", attributes["stroke-dasharray"] != nil { dashed += 1 }
      }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let counter = Counter()
    parser.delegate = counter
    #expect(parser.parse())
    // Default model: bins 0 and 9 (3 decided seats); coin: bin 5. In-sample rows are not drawn.
    #expect(counter.circles == 3)
    // One diagonal in the panel, one in the legend.
    #expect(counter.dashed == 2)
  }

  @Test("a date without the published forecast keeps the other dates' columns and colours")
  func uneven() throws {
    let dates = try ["2018-10-01", "2018-11-05"].map { try #require(CalendarDate(iso: $0)) }
    let report = try Backtest.run(forecaster: Forecaster(inputs: try BacktestFixture.certainChamber()), data: try BacktestFixture.certainData(),
                                  dates: dates, variants: [.standard], draws: 1024, threads: 1)
    #expect(ReliabilityChart.seriesLabels(report) == ["Bellwether (prior + specials)", "Coin Flip"])
    let text = BacktestMarkdown.render(report)
    #expect(text.contains("| As of | Bellwether mean seats | 80% interval | Bellwether Brier | Coin Flip Brier |"))
    #expect(text.contains("| 2018-10-01 | 2.0 | 2–2 | 0.3333 | — |"))
    #expect(text.contains("| 2018-11-05 | 2.0 | 2–2 | 0.3333 | 0.2500 |"))
    #expect(text.contains("No Coin forecast on this date for: flip."))
  }

  @Test("the bundle writes three files atomically")
  func bundle() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-backtest-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let paths = try BacktestBundle.write(try BacktestRunTests.run(), to: folder)
    #expect(paths.map { ($0 as NSString).lastPathComponent } == ["backtest.json", "backtest.md", "calibration.svg"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["backtest.json", "backtest.md", "calibration.svg"])
  }
}
