import ArgumentParser
import BellwetherReports
import Foundation
import BellwetherEngine

/// `bellwether check-config`: validates a config and its tables.
struct CheckConfig: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate a config file and its tables, reporting every problem in the config at once.",
    discussion: ExitCodes.discussion("""
      Reads the config and every table it names, then resolves the whole model (calibration, the noise \
      covariance and its factor) without simulating, so that anything `run` would refuse is refused here, \
      and reads the results table (data.results) when the config names one, as `backtest` would.
      """))

  @OptionGroup var common: ConfigOptions

  @Option(help: ArgumentHelp("What to print: text, or json: {\"config\": path, \"ok\": true, \"seats\": N, \"specials\": N, \"results\": N or null} (an error prints nothing on stdout).", valueName: "format"))
  var format: OutputFormat = .text

  @Flag(help: "Print nothing but errors (the exit code says whether the config is valid).")
  var quiet = false

  func run() throws {
    try failingCleanly {
      let forecaster = try Forecaster(configPath: common.config)
      warnAbout(try forecaster.model(ForecastOptions(draws: 1)))
      let results = try forecaster.results()?.seats.count
      if quiet { return }
      print(CheckConfig.render(config: common.config, seats: forecaster.inputs.districts.count,
                               specials: forecaster.inputs.specials.count, results: results, format: format))
    }
  }
}

extension CheckConfig {
  /// The line (or JSON object) a valid config gets.
  static func render(config: String, seats: Int, specials: Int, results: Int?, format: OutputFormat) -> String {
    switch format {
    case .text:
      let r = results.map { ", \(Formats.count($0)) results" } ?? ""
      return "\(config): OK (\(Formats.count(seats)) seats, \(Formats.count(specials)) specials\(r))"
    case .json:
      struct Document: Encodable {
        var config: String, seats: Int, specials: Int, results: Int?
        enum Key: String, CodingKey { case config, ok, seats, specials, results }
        func encode(to encoder: any Encoder) throws {
          var c = encoder.container(keyedBy: Key.self)
          try c.encode(config, forKey: .config)
          try c.encode(true, forKey: .ok)
          try c.encode(seats, forKey: .seats)
          try c.encode(specials, forKey: .specials)
          try c.encode(results, forKey: .results)  // null when the config names no results table
        }
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let data = (try? encoder.encode(Document(config: config, seats: seats, specials: specials, results: results))) ?? Data()
      return String(decoding: data, as: UTF8.self)
    }
  }
}
