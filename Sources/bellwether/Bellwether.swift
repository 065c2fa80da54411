import ArgumentParser

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
      Run from the repository root to use the embedded 2018 data: `bellwether run`.
      """,
    version: "0.1.0",
    subcommands: [
      Run.self, Calibrate.self, Import.self, CheckConfig.self, Bench.self, BacktestCommand.self, FitCommand.self,
      SeatsCurveCommand.self,
      History.self, Merge.self, Sweep.self,
    ],
    defaultSubcommand: Run.self
  )
}
