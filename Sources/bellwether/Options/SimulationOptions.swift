import ArgumentParser
import BellwetherEngine

/// `--seed` and `--threads`: shared by every command that simulates. Each value is checked by its
/// type (`Seed`, `ThreadCount`); `--draws`, whose default differs by command, is declared by each
/// command as a `DrawCount`.
struct SimulationOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Master seed, 0...2^53-1 (default: simulation.seed in the config).")
  var seed: Seed?

  @Option(parsing: .unconditional, help: "Worker threads for the draws, 1 or more. Never changes the result.")
  var threads: ThreadCount = .allCores
}

/// `--as-of`: the one forecast date of a run.
struct AsOfOption: ParsableArguments {
  @Option(name: .customLong("as-of"), help: ArgumentHelp("Forecast as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: CalendarDate?
}
