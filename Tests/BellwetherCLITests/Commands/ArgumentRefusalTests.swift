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
    (["run", "--estimator", "conditional", "--shard", "0/2"], "--estimator conditional cannot be combined with --shard"),
    (["run", "--estimator", "rao"], "rao"),
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

  /// A negative number is taken as the option's value (not as an unknown flag), so the refusal
  /// names the value and the option instead of saying the value is missing.
  @Test(arguments: [
    (["run", "--threads", "-1"], "The value '-1' is invalid for '--threads <threads>'"),
    (["run", "--draws", "-5"], "The value '-5' is invalid for '--draws <draws>'"),
    (["run", "--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
    (["run", "--shard", "-1/4"], "The value '-1/4' is invalid for '--shard <I/N>': expected I/N with 0 <= I < N"),
    (["sweep", "--draws", "-5"], "The value '-5' is invalid for '--draws <draws>'"),
    (["backtest", "--draws", "-1"], "The value '-1' is invalid for '--draws <draws>'"),
  ])
  func aNegativeNumberIsRefusedAsAValue(_ arguments: [String], _ message: String) {
    do {
      _ = try Bellwether.parseAsRoot(arguments)
      Issue.record("accepted \(arguments)")
    } catch {
      #expect(Bellwether.message(for: error).hasPrefix(message), "\(Bellwether.message(for: error))")
      #expect(Bellwether.exitCode(for: error) == .validationFailure)
    }
  }

  /// Without /proc the arguments may have been lost: a command line of the program name alone is
  /// then refused rather than run as the default forecast.
  @Test func aCommandLineThatMayBeLostIsRefused() {
    #expect(Bellwether.commandLineProblem(arguments: ["bellwether"], procAvailable: false)?.hasPrefix(
      "cannot read the command line (/proc/self/cmdline is missing") == true)
    #expect(Bellwether.commandLineProblem(arguments: [], procAvailable: false) != nil)
    #expect(Bellwether.commandLineProblem(arguments: ["bellwether"], procAvailable: true) == nil)
    #expect(Bellwether.commandLineProblem(arguments: ["bellwether", "run"], procAvailable: false) == nil)
  }
}
