import ArgumentParser
import Testing
@testable import BellwetherEngine
@testable import bellwether

/// Parsing of the report, scenario and history options (the commands as processes: RunProcessTests).
struct ReportCommandsTests {
  @Test func runTakesAnEnvironmentScenario() throws {
    let run = try #require(try Bellwether.parseAsRoot(["run", "--environment", "D+5"]) as? Run)
    #expect(run.environment?.margin == 5)
    #expect(try #require(try Bellwether.parseAsRoot(["run", "--environment", "R+2.5"]) as? Run).environment?.margin == -2.5)
  }

  @Test(arguments: ["D5", "+5", "X+2", "D+100"])
  func runRefusesABadEnvironment(text: String) {
    do {
      _ = try Bellwether.parseAsRoot(["run", "--environment", text])
      Issue.record("accepted --environment \(text)")
    } catch {
      // argument-parser refuses the typed value (NationalEnvironment) with the option's name.
      let message = Bellwether.message(for: error)
      #expect(message.contains("The value '\(text)' is invalid for '--environment <margin>'"), "\(message)")
      #expect(Bellwether.exitCode(for: error) == .validationFailure)
    }
  }

  @Test func exportOutcomesNeedsExportDraws() throws {
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["run", "--export-outcomes"]) }
    let run = try #require(try Bellwether.parseAsRoot(["run", "--export-draws", "d.bin", "--export-outcomes", "--no-history"]) as? Run)
    #expect(run.exportDraws == "d.bin" && run.exportOutcomes && run.noHistory)
  }

  @Test func seatsCurveOptions() throws {
    let c = try #require(try Bellwether.parseAsRoot(["seats-curve", "--draws", "1000", "--range", "R+5..D+15", "--out", "x"]) as? SeatsCurveCommand)
    #expect(c.draws?.value == 1000 && c.range?.margins == -5...15 && c.out == "x" && c.pointDraws == 10_000)
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["seats-curve", "--range", "D+15..R+5"]) }
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["seats-curve", "--point-draws", "5"]) }
  }

  @Test func historyOptions() throws {
    let h = try #require(try Bellwether.parseAsRoot(["history", "--backfill", "2018-08-01..2018-11-05"]) as? History)
    #expect(h.backfill?.dates == CalendarDate(iso: "2018-08-01")!...CalendarDate(iso: "2018-11-05")! && h.draws.value == 100_000)
    // No --history: the command uses OUT/history.sqlite, OUT being --out (default out).
    #expect(h.history == nil && h.out == "out")
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["history", "--backfill", "2018-08-01"]) }
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(["history", "--backfill", "2018-11-05..2018-08-01"]) }
  }
}
