import ArgumentParser
import BellwetherBacktest
import BellwetherBench
import BellwetherDistributed
import BellwetherEngine
import BellwetherHistory
import BellwetherReports
import BellwetherSources
import Foundation

/// `bellwether seats-curve`: how the national environment turns into seats.
struct SeatsCurveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "seats-curve",
    abstract: "Chance of a majority and seat intervals for each national environment; writes seats-curve.md, .json and .svg.",
    discussion: """
      Runs the forecast, then reads the seat distribution given each 0.5-point bin of the national \
      environment from the forecast's own draws (the district noise is independent of the environment, \
      so those draws are draws of the conditional distribution). Bins with fewer than --point-draws of \
      the forecast's draws are simulated again with the environment fixed. Prints the table and the \
      environment at which each party becomes favoured.
      """)

  @OptionGroup var common: ConfigOptions

  @Option(help: "Draws of the forecast (default: simulation.draws in the config).")
  var draws: Int?

  @Option(help: "Master seed, 0...2^53-1 (default: simulation.seed in the config).")
  var seed: UInt64?

  @Option(help: "Worker threads. Never changes the result.")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Output folder for seats-curve.md, seats-curve.json and seats-curve.svg.", valueName: "dir"))
  var out: String = "out"

  @Option(name: .customLong("as-of"), help: ArgumentHelp("Forecast as of this date, YYYY-MM-DD (default: asOf in the config).", valueName: "date"))
  var asOf: String?

  @Option(help: ArgumentHelp("Environments to cover, e.g. R+5..D+20 (default: every bin holding at least --point-draws of the forecast's draws).", valueName: "low..high"))
  var range: String?

  @Option(name: .customLong("point-draws"), help: "Minimum draws behind each point; sparser bins are re-simulated with this many draws.")
  var pointDraws: Int = 10_000

  func validate() throws {
    if let draws, !(1...ForecastConfig.maximumDraws).contains(draws) {
      throw ValidationError("--draws must be in 1...\(ForecastConfig.maximumDraws), got \(draws)")
    }
    if let seed, Double(seed) > ForecastConfig.maximumSeed { throw ValidationError("--seed must be at most 2^53-1") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard (100...100_000_000).contains(pointDraws) else { throw ValidationError("--point-draws must be in 100...100000000, got \(pointDraws)") }
    if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date as YYYY-MM-DD, got '\(asOf)'") }
    do { _ = try range.map(EnvironmentScenario.parseRange) } catch { throw ValidationError("--range: expected LOW..HIGH, e.g. R+5..D+20; \(error)") }
  }

  func run() throws {
    try failingCleanly {
      let config = try ForecastConfig.load(path: common.config)
      let inputs = try ForecastInputs.load(config: config)
      let model = try ForecastModel.build(inputs: inputs, asOf: asOf.flatMap(CalendarDate.init(iso:)), draws: draws, seed: seed)
      let progress = TerminalProgress(label: "simulating \(model.plan.draws) draws")
      guard let result = ForecastRun.execute(model, threads: threads, progress: progress?.update) else {
        throw CleanExit.message("cancelled")
      }
      progress?.finish()
      let curve = SeatsCurve.compute(plan: model.plan, tallies: result.tallies, range: try range.map(EnvironmentScenario.parseRange),
                                     pointDraws: pointDraws, threads: threads)
      guard !curve.points.isEmpty else {
        throw ValidationError("no environment bin holds \(pointDraws) draws: raise --draws or lower --point-draws, or give --range")
      }
      let table = SeatsCurveMarkdown.render(curve, chamber: config.chamber.name, asOf: model.asOf)
      let chart = SeatsCurveChart(curve: curve, title: "\(config.chamber.name): seats by national environment, as of \(model.asOf.iso)")
      let files: [(name: String, contents: Data)] = [
        ("seats-curve.md", Data(table.utf8)), ("seats-curve.json", try curve.encoded()),
        ("seats-curve.svg", Data(chart.render().render().utf8)),
      ]
      try ReportWriter.write(files, into: out)
      print(table)
      print("wrote " + files.map { out + "/" + $0.name }.joined(separator: ", "))
    }
  }
}
