import ArgumentParser
import Testing
@testable import bellwether

/// A refused value says why: the rule a person cannot guess from the option's help.
@Suite struct ArgumentRefusalTests {
  @Test(arguments: [
    (["run", "--environment", "D+70"], "at most 60"),
    (["run", "--shard", "3/3"], "0 <= I < N"),
    (["run", "--target-se", "0"], "0 < X < 0.5"),
    (["run", "--target-se", "0.5"], "0 < X < 0.5"),
    (["run", "--target-se", "0.001", "--shard", "0/2"], "--target-se cannot be combined with --shard"),
    (["run", "--target-se", "0.001", "--export-draws", "d.bin"], "--target-se cannot be combined with --export-draws"),
    (["backtest", "--cycles", "2008"], "among 2006, 2010, 2014, 2018"),
    (["seats-curve", "--range", "D+5..R+2"], "LOW below HIGH"),
    (["history", "--backfill", "2018-01-01"], "YYYY-MM-DD..YYYY-MM-DD"),
    (["import", "--cycles", "1990"], "among 2006, 2010, 2014, 2018"),
  ])
  func refusalNamesTheRule(_ arguments: [String], _ reason: String) {
    do {
      _ = try Bellwether.parseAsRoot(arguments)
      Issue.record("accepted \(arguments)")
    } catch {
      let message = Bellwether.message(for: error)
      #expect(message.contains(reason), "\(message)")
      #expect(Bellwether.exitCode(for: error) == .validationFailure)
    }
  }
}
