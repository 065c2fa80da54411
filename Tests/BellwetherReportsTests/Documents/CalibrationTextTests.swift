import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// `bellwether calibrate`'s text names the estimator the code runs (docs/model.md §2.2): the ordinary
/// DerSimonian-Laird tau^2 with weights 1/v, not the generalized one.
struct CalibrationTextTests {
  @Test func theRandomEffectsLineNamesTheOrdinaryEstimatorAndItsFigures() throws {
    let inputs = SyntheticChamber.smallInputs(draws: 1000, seed: 3)
    let calibration = try Forecaster(inputs: inputs).calibration(ForecastOptions())
    let text = CalibrationText.render(calibration)
    #expect(!text.contains("generalized"))
    let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Random effects") })
    #expect(line.hasPrefix("Random effects (DerSimonian-Laird tau^2 with weights 1/v; E_s weighted by recency x level / (tau^2 + v), docs/model.md §2.2): "))
    if let es = calibration.specials.estimate {
      #expect(line.contains(String(format: "E_s = %.2f", es)) && line.contains(String(format: "tau = %.2f", calibration.specials.tau)))
    }
  }

  /// With `specials.clusters: "same-day-state"` the text, the calibration document and forecast.json
  /// name the number of clusters and each special's cluster (docs/model.md §2.2,
  /// docs/forecast-schema.md); without it none of them has the new keys or words.
  @Test func theClusterCountIsReportedOnlyWithClusters() throws {
    var inputs = SyntheticChamber.smallInputs(draws: 1000, seed: 3)
    var twin = try #require(inputs.specials.first)
    twin.seat = "HD-twin"
    twin.shift += 4
    inputs.specials.append(twin)
    let plain = try Forecaster(inputs: inputs).calibration(ForecastOptions())
    let plainText = CalibrationText.render(plain)
    let plainJSON = String(decoding: try CalibrationDocument(calibration: plain, configPath: "c.json5").encoded(), as: UTF8.self)
    #expect(!plainText.contains("cluster") && !plainJSON.contains("luster"))

    inputs.config.priors.specialsClusters = .sameDayState
    let clustered = try Forecaster(inputs: inputs).calibration(ForecastOptions())
    let k = try #require(clustered.specials.clusters)
    #expect(k == inputs.specials.count - 1)
    let text = CalibrationText.render(clustered)
    #expect(text.hasPrefix("Specials held before \(clustered.asOf.iso): \(inputs.specials.count), in \(k) same-day same-state clusters\n"))
    #expect(text.contains("Random effects over \(k) clusters"))
    let document = try CalibrationDocument(calibration: clustered, configPath: "c.json5")
    #expect(document.environment.specialsClusters == k)
    #expect(document.calibration.compactMap(\.cluster).count == inputs.specials.count)
    #expect(document.calibration.filter { $0.cluster == 1 }.count == 2)
    #expect(String(decoding: try document.encoded(), as: UTF8.self).contains("\"specialsClusters\" : \(k)"))
  }
}
