import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// The reports' district-noise line (docs/model.md §3.1, §3.4): the class SDs of the config by hand,
/// not the §3.1 scales, once the noise is by seat class.
@Suite struct NoiseSummaryTextTests {
  /// The small chamber (no seat has a previous race) with a district table whose withoutPrevious
  /// class SDs are D 10, R 10.5, open 12; its shared parts stay under half of each, so no floor binds
  /// and every seat's total SD is its class's.
  @Test func withNoiseBySeatClassTheLineGivesTheClassSDs() throws {
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 2048)
    typealias Term = DistrictBaseline.Term
    inputs.config.priors.districtBaseline = DistrictBaseline(
      withPrevious: nil,
      withoutPrevious: .init(lean: Term(estimate: 0.8, cycleSD: nil), previous: nil,
                             intercepts: [.democraticIncumbent: Term(estimate: 10, cycleSD: nil),
                                          .republicanIncumbent: Term(estimate: -9, cycleSD: nil), .open: Term(estimate: 1, cycleSD: nil)],
                             residualSD: [.democraticIncumbent: 10, .republicanIncumbent: 10.5, .open: 12]),
      sharedErrors: false)
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(environment: 0))
    let line = NoiseSummaryText.value(model)
    #expect(line.hasPrefix("D incumbents 10.0, R incumbents 10.5, open 12.0 points (median total SD of the seat class"), "\(line)")
    let s = model.covariance.scales
    #expect(line.hasSuffix(String(format: "of it shared: state %.1f, region %.1f, lean %.1f", s.state, s.region, s.lean)), "\(line)")
    // The covariance's own diagonal agrees with totalVariance, seat by seat.
    let sigma = model.covariance.matrix()
    for k in 0..<model.covariance.count { #expect(abs(sigma[k, k] - model.covariance.totalVariance(k)) < 1e-9) }
  }

  /// Without a district table the line is the §3.1 scales, as before.
  @Test func withoutATableTheLineGivesTheScales() throws {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs(seats: 41, draws: 2048)).model(ForecastOptions(environment: 0))
    let s = model.scales
    #expect(NoiseSummaryText.value(model) == String(format: "%.1f points (state %.1f, region %.1f, lean %.1f, idiosyncratic %.1f)",
                                                      s.total, s.state, s.region, s.lean, s.idiosyncratic))
  }
}
