import Foundation
import ArgumentParser
import BellwetherEngine

/// The `bellwether` command: a Monte Carlo forecast of a single-member chamber from district
/// baselines and the cycle's special elections.
@main
struct Bellwether: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bellwether",
    abstract: "Monte Carlo forecasts of U.S. House (or any single-member chamber) elections.",
    discussion: """
      Calibrates the national environment from the cycle's special elections, simulates correlated \
      district outcomes, and writes the seat distribution. The model is described in docs/model.md.
      Run from the repository root to use the shipped 2018 data: `bellwether run` is the forecast;       `bellwether` alone prints this help.

      \(ExitCodes.help)
      """,
    version: EngineVersion.text,
    subcommands: [
      Run.self, Calibrate.self, Import.self, CheckConfig.self, Bench.self, BacktestCommand.self, FitCommand.self,
      SeatsCurveCommand.self,
      History.self, Merge.self, Sweep.self,
    ]
  )

  /// Refuses to run when the command line may have been lost: on Linux the Swift runtime reads the
  /// arguments from /proc/self/cmdline, so without /proc every argument would be silently dropped and
  /// `bellwether` alone would print its help instead of what was asked.
  static func main() {
    if let problem = commandLineProblem(arguments: CommandLine.arguments,
                                        procAvailable: FileManager.default.fileExists(atPath: "/proc/self/cmdline")) {
      var stderr = StandardError()
      print("error: \(problem)", to: &stderr)
      Foundation.exit(64)
    }
    main(nil)
  }

  /// Why the arguments cannot be trusted, or nil.
  static func commandLineProblem(arguments: [String], procAvailable: Bool) -> String? {
    guard !procAvailable, arguments.count <= 1 else { return nil }
    return "cannot read the command line (/proc/self/cmdline is missing, and the arguments are read from it); "
      + "nothing was done. Mount /proc and run again"
  }
}
