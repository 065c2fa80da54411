import ArgumentParser
import BellwetherEngine
import BellwetherReports
import Foundation

/// `bellwether seats-curve`: how the national environment turns into seats.
struct SeatsCurveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seats-curve",
    abstract: "Chance of a majority and seat intervals for each national environment; writes seats-curve.md, .json and .svg.",
    discussion: ExitCodes.discussion("""
      Runs the forecast, then reads the seat distribution given each 0.5-point bin of the national \
      environment from the forecast's own draws (the district noise is independent of the environment, \
      so those draws are draws of the conditional distribution). Bins with fewer than --point-draws of \
      the forecast's draws are simulated again with the environment fixed. Prints the table and the \
      environment at which each party becomes favoured.
      """))

  @OptionGroup var common: ConfigOptions

  @Option(parsing: .unconditional, help: "Draws of the forecast, 1...10^10 (default: simulation.draws in the config).")
  var draws: DrawCount?

  @OptionGroup var simulation: SimulationOptions

  @OptionGroup var date: AsOfOption

  @Option(help: ArgumentHelp("Output folder for seats-curve.md, seats-curve.json and seats-curve.svg.", valueName: "dir"), completion: .directory)
  var out: String = "out"

  @Option(help: ArgumentHelp("Environments to cover, e.g. R+5..D+20 (default: every bin holding at least --point-draws of the forecast's draws).", valueName: "low..high"),
          transform: EnvironmentRange.parse)
  var range: EnvironmentRange?

  @Option(name: .customLong("point-draws"), help: "Minimum draws behind each point, 100...100000000; sparser bins are re-simulated with this many draws.")
  var pointDraws: Int = 10_000

  @Flag(help: "Print nothing but errors (the files are still written).")
  var quiet = false

  @Option(help: ArgumentHelp("What to print: text (the table) or json (seats-curve.json, as written).", valueName: "format"))
  var format: OutputFormat = .text

  func validate() throws {
    guard (100...100_000_000).contains(pointDraws) else { throw ValidationError("--point-draws must be in 100...100000000, got \(pointDraws)") }
  }

  func run() throws {
    try failingCleanly {
      let forecaster = try Forecaster(configPath: common.config)
      let model = try forecaster.model(ForecastOptions(asOf: date.asOf, draws: draws?.value, seed: simulation.seed?.value))
      let progress = quiet ? nil : TerminalProgress(label: "simulating \(Formats.count(model.plan.draws)) draws")
      guard let result = Forecaster.run(model, threads: simulation.threads.value, progress: progress?.update) else {
        throw CleanExit.message("cancelled")
      }
      progress?.finish()
      let curve = SeatsCurve.compute(plan: model.plan, tallies: result.tallies, range: range?.margins,
                                     pointDraws: pointDraws, threads: simulation.threads.value)
      guard !curve.points.isEmpty else {
        throw ValidationError("no environment bin holds \(pointDraws) draws: raise --draws or lower --point-draws, or give --range")
      }
      let files = try SeatsCurveBundle.render(curve, result: result)
      try ReportWriter.write(files, into: out)
      if !quiet, format == .json, let json = files.first(where: { $0.name.hasSuffix(".json") }) {
        print(String(decoding: json.contents, as: UTF8.self))
      } else if !quiet {
        print(String(decoding: files[0].contents, as: UTF8.self))
        print("wrote " + files.map { out + "/" + $0.name }.joined(separator: ", "))
      }
    }
  }
}
