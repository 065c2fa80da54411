import Testing
@testable import BellwetherEngine
@testable import bellwether

@Suite("bellwether backtest: arguments")
struct BacktestCommandTests {
  @Test("repeated --as-of dates, defaults, and the cycle")
  func parses() throws {
    let command = try BacktestCommand.parse(["--cycle", "2018", "--as-of", "2018-10-01", "--as-of", "2018-11-05", "--out", "/tmp/x"])
    #expect(command.cycle == 2018)
    #expect(command.asOf == [CalendarDate(iso: "2018-10-01")!, CalendarDate(iso: "2018-11-05")!])
    #expect(command.out == "/tmp/x")
    let defaults = try BacktestCommand.parse(["--cycle", "2018"])
    #expect(defaults.asOf.isEmpty && defaults.draws.value == 200_000 && defaults.source == "../shared/data" && defaults.out == "out/backtest")
  }

  @Test("a cycle not shipped, a bad date, zero draws and --cycles with --cycle are usage errors")
  func rejects() throws {
    #expect(throws: (any Error).self) { try BacktestCommand.parse(["--cycle", "2016"]) }
    #expect(throws: (any Error).self) { try BacktestCommand.parse(["--cycle", "2018", "--as-of", "Nov 5"]) }
    #expect(throws: (any Error).self) { try BacktestCommand.parse(["--cycle", "2018", "--draws", "0"]) }
    #expect(throws: (any Error).self) { try BacktestCommand.parse(["--cycles", "2006,2010", "--cycle", "2018"]) }
    #expect(throws: (any Error).self) { try BacktestCommand.parse(["--cycles", "2006,x"]) }
    // No cycle at all backtests the config given (default: the 2018 config).
    #expect(try BacktestCommand.parse([]).config == nil)
    #expect(try BacktestCommand.parse(["--cycles", "2006,2010,2014,2018"]).cycles?.values == [2006, 2010, 2014, 2018])
  }

  @Test("registered as a subcommand of bellwether")
  func registered() throws {
    #expect(try Bellwether.parseAsRoot(["backtest", "--cycle", "2018"]) is BacktestCommand)
  }
}
