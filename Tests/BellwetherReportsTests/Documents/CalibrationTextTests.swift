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
}
