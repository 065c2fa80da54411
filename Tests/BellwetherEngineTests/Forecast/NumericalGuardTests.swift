import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// Parameters that would make the covariance singular, or any resolved value that is not finite,
/// stop the model's build (`Forecaster.model`) with an error naming them, before a single draw (a
/// report that fails its sanity checks is never rendered: `ReportCheckTests`).
@Suite struct NumericalGuardTests {
  /// A chamber too large for the machine's memory is refused with the seats and bytes, before any
  /// large allocation (which would trap).
  @Test func aChamberTooLargeForMemoryIsRefusedBeforeAllocating() throws {
    #expect { try ForecastModel.checkMemory(contested: 30_000, available: 8 << 30) } throws: {
      "\($0)" == "the chamber's 30000 contested seats need about 33.5 GB of memory to build the district-noise covariance and "
        + "its factor (5 matrices of 30000 x 30000 numbers), more than the 8.0 GB this machine has available; nothing was "
        + "simulated. Use fewer contested seats or a machine with more memory"
    }
    #expect(throws: Never.self) { try ForecastModel.checkMemory(contested: 435, available: 8 << 30) }
    #expect(ForecastModel.memoryAvailable() > 0)
  }

  func inputs() throws -> ForecastInputs {
    try Forecaster(configPath: MalformedCorpus.root + "/valid/config.json5").inputs
  }

  func buildError(_ inputs: ForecastInputs, environment: Double? = nil, draws: Int? = nil,
                  factor: NoiseFactor.Method = .cholesky) -> ForecastModel.BuildError? {
    do {
      _ = try Forecaster(inputs: inputs).model(ForecastOptions(draws: draws, environment: environment, factor: factor))
      return nil
    } catch let error as ForecastModel.BuildError {
      return error
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func aZeroIdiosyncraticShareWithTwinSeatsIsCaughtAndNamed() throws {
    var twins = try inputs()
    twins.config.priors.noiseShares = .init(state: 0.5, region: 0.2, lean: 0.3, idiosyncratic: 0)
    twins.districts[1].lean = twins.districts[0].lean  // OH-01 and OH-02: same state, region and lean
    // Independent check that the error is right: the two seats' rows of Sigma are identical, so
    // Sigma is singular (determinant 0) and has no Cholesky factor.
    let scales = NoiseScales(tau: 0, priors: twins.config.priors)
    let sigma = NoiseCovariance(states: ["OH", "OH"], regions: ["East North Central", "East North Central"],
                                leans: [-6.5, -6.5], scales: scales, kernelLength: 10).matrix()
    #expect(sigma[0, 0] == sigma[1, 0] && sigma[0, 1] == sigma[1, 1])

    let error = buildError(twins)
    guard case .covarianceNotPositiveDefinite(_, let s, let l)? = error else {
      Issue.record("expected covarianceNotPositiveDefinite, got \(String(describing: error))")
      return
    }
    #expect(s.idiosyncratic == 0 && l == 10)
    let text = "\(error!)"
    #expect(text.contains("idiosyncratic 0 points"))
    #expect(text.contains("noise.shares.idiosyncratic"))
    #expect(text.contains("nothing was simulated"))
  }

  @Test func aZeroIdiosyncraticShareWithDistinctSeatsStillBuilds() throws {
    // The Gaussian lean kernel is positive definite for distinct leans, so Sigma is too.
    var distinct = try inputs()
    distinct.config.priors.noiseShares = .init(state: 0.5, region: 0.2, lean: 0.3, idiosyncratic: 0)
    #expect(buildError(distinct) == nil)
  }

  @Test func aSingularCovarianceIsRefusedWhicheverFactorTheKernelWouldUse() throws {
    // Sigma is always checked by Cholesky before the low-rank factor is built, so the low-rank
    // path refuses a singular covariance too, with the same message.
    var twins = try inputs()
    twins.config.priors.noiseShares = .init(state: 0.5, region: 0.2, lean: 0.3, idiosyncratic: 0)
    twins.districts[1].lean = twins.districts[0].lean
    #expect { try Forecaster(inputs: twins).model(ForecastOptions(draws: 2048, factor: .lowRank)) } throws: {
      "\($0)".contains("not positive definite") && "\($0)".contains("noise.shares.idiosyncratic")
    }
  }

  /// The structured path (docs/model.md §3.2) has no Cholesky: it refuses what its structure cannot
  /// prove positive definite (no idiosyncratic term and two seats on one lean) with the same
  /// message, and builds when the leans are distinct.
  @Test func theStructuredPathRefusesWhatItsStructureCannotProve() throws {
    var twins = try inputs()
    twins.config.priors.noiseShares = .init(state: 0.5, region: 0.2, lean: 0.3, idiosyncratic: 0)
    twins.districts[1].lean = twins.districts[0].lean
    #expect { try Forecaster(inputs: twins).model(ForecastOptions(draws: 2048, factor: .structured)) } throws: {
      "\($0)".contains("not positive definite") && "\($0)".contains("not provable from its structure")
        && "\($0)".contains("noise.shares.idiosyncratic")
    }
    var distinct = try inputs()
    distinct.config.priors.noiseShares = twins.config.priors.noiseShares
    let model = try Forecaster(inputs: distinct).model(ForecastOptions(draws: 2048, factor: .structured))
    #expect(model.plan.factor.method == .structured && model.plan.factor.idiosyncratic.allSatisfy { $0 >= 0 })
  }

  @Test(arguments: [
    ("incumbency", "resolved parameter incumbency.advantage is nan, not a finite number; nothing was simulated: check the config and data"),
    ("lean", "resolved parameter lean of TX-07 is inf, not a finite number; nothing was simulated: check the config and data"),
    ("kernel", "resolved parameter noise.kernelLength is -inf, not a finite number; nothing was simulated: check the config and data"),
    ("nu", "resolved parameter noise.nu is 2.0, not above 2; nothing was simulated: check the config and data"),
    ("level", "resolved parameter specials.levelWeights.federal is nan, not a finite number; nothing was simulated: check the config and data"),
  ])
  func aParameterThatIsNotFiniteIsNamed(_ what: String, _ message: String) throws {
    var bad = try inputs()
    switch what {
    case "incumbency": bad.config.priors.incumbencyAdvantage = .nan
    case "lean": bad.districts[4].lean = .infinity
    case "kernel": bad.config.priors.kernelLength = -.infinity
    case "nu": bad.config.priors.noiseNu = 2
    default: bad.config.priors.levelWeights["federal"] = .nan
    }
    #expect(buildError(bad).map { "\($0)" } == message)
  }

  @Test func aFixedEnvironmentThatIsNotFiniteAndZeroDrawsAreRefused() throws {
    #expect(buildError(try inputs(), environment: .nan).map { "\($0)" }
      == "resolved parameter the fixed environment is nan, not a finite number; nothing was simulated: check the config and data")
    #expect(buildError(try inputs(), draws: 0).map { "\($0)" }
      == "resolved parameter draws is 0, not in 1...10000000000; nothing was simulated: check the config and data")
  }
}
