import ArgumentParser
import BellwetherFit
import BellwetherSources
import Foundation

/// `bellwether fit`: the priors that past cycles can inform, estimated from the shipped cycles.
struct FitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Estimate the priors past cycles can inform, from the shipped cycles, and write a fit report.",
    discussion: ExitCodes.discussion("""
      Fits, from the shipped cycles (\(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))) and \
      config/national/: the generic-ballot miss against the House vote by days before the election (election-eve \
      and earlier averages, never the post-election rows), the district model by least squares (lean, previous House \
      margin, incumbency classes; residual SD by class; per-cycle fits and their spread) beside the current rule, and \
      the specials' translation (alpha, beta, sigmaT), and the district noise's state, region and lean-kernel SDs \
      from how each cycle's residuals move together (noise.componentSD), and the tails: the t's degrees of freedom \
      of the environment (environment.nu, from the generic-ballot misses) and of the district noise, with the \
      factor on the noise covariance (noise.varianceInflation), from each earlier cycle's seats forecast by the \
      district fit made without them; with --elastic-swing the pooled district fits add a |lean| \
      term and each seat's loading on the environment. A fit for cycle Y reads only the cycles before Y. \
      --for-cycle Y writes that one fit; by default every shipped cycle's fit from the cycles before it and a pooled \
      fit of all (in-sample, labelled so), with each cycle's seats scored by the fit made without them. Writes \
      fit.md, fit.json (schema in docs/fit.md) and fit-config.json5 (a commented config fragment; by default the \
      pooled fit's, with fit-config-<cycle>.json5 for each cycle). Does not change any config. With \
      --format json stdout holds only fit.json as written.
      """))

  @Option(name: .customLong("for-cycle"),
          help: ArgumentHelp("Fit for this shipped cycle from the cycles before it only (\(BacktestSources.shippedCycles.map(String.init).joined(separator: ", "))).", valueName: "year"))
  var forCycle: ShippedCycle?

  @Option(help: ArgumentHelp("Days before the election at which to measure the generic-ballot miss (1 = election eve).", valueName: "list"))
  var horizons: DayList = DayList([1, 7, 30, 60, 90, 120])

  @Option(name: .customLong("recency-half-life"),
          help: ArgumentHelp("Weight the district model's pooled fit toward recent cycles: a cycle's seats count 0.5^(age / YEARS), age in years before the cycle fitted for (docs/fit.md, \"Recency\"; the default is the shipped configs'). 0: every seat counts once.", valueName: "years"))
  var recencyHalfLife: Double = PriorFit.shippedRecencyHalfLifeYears

  @Flag(name: .customLong("elastic-swing"), inversion: .prefixedNo,
        help: "Fit elastic swing in the district model's pooled fits: a |lean| term and each seat's loading on the environment, 1 + elasticity x |lean| (docs/model.md §1.6, docs/fit.md \"Elastic swing\"; the default is the shipped configs').")
  var elasticSwing: Bool = PriorFit.shippedElasticSwing

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
  var out: String = "out/fit"

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  @Option(help: ArgumentHelp("What to print: text (the headline figures) or json (fit.json as written, schema in docs/fit.md).", valueName: "format"))
  var format: OutputFormat = .text

  func validate() throws {
    guard recencyHalfLife == 0 || (recencyHalfLife >= 0.1 && recencyHalfLife.isFinite) else {
      throw ValidationError("--recency-half-life must be 0 (no weighting) or at least 0.1 years, not \(recencyHalfLife)")
    }
  }

  func run() throws {
    try failingCleanly {
      let sources = FitSources.shipped()
      var command = "bellwether fit" + (forCycle.map { " --for-cycle \($0.value)" } ?? "")
      if horizons.values != [1, 7, 30, 60, 90, 120] { command += " --horizons " + horizons.values.map(String.init).joined(separator: ",") }
      // A fit for Y opens no table of Y or later; the default reads every shipped cycle.
      let inputs = try FitInputs.load(sources, before: forCycle?.value)
      let targets: [Int?] = forCycle.map { [$0.value] } ?? (BacktestSources.shippedCycles.map { Optional($0) } + [nil])
      if recencyHalfLife != PriorFit.shippedRecencyHalfLifeYears { command += " --recency-half-life " + String(format: "%g", abs(recencyHalfLife)) }
      if elasticSwing != PriorFit.shippedElasticSwing { command += elasticSwing ? " --elastic-swing" : " --no-elastic-swing" }
      let report = FitReport.make(inputs: inputs, sources: sources, targets: targets, horizons: horizons.values,
                                  command: command, outOfSample: forCycle == nil,
                                  recencyHalfLifeYears: recencyHalfLife == 0 ? nil : recencyHalfLife, elasticSwing: elasticSwing)
      let files = try FitBundle.write(report, to: out)
      if !quiet, format == .json {
        print(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/fit.json")), as: UTF8.self))
      } else if !quiet {
        print(FitSummary.render(report))
        print(files.map { "wrote \($0)" }.joined(separator: "\n"))
      }
    }
  }
}
