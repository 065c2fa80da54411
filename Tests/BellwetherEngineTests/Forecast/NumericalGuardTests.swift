@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources
import Foundation
import Testing

/// Parameters that would make the covariance singular, or any resolved value that is not finite,
/// stop `ForecastModel.build` with an error naming them, before a single draw; and a report that
/// fails its sanity checks is never rendered.
@Suite struct NumericalGuardTests {
  func inputs() throws -> ForecastInputs {
    try ForecastInputs.load(config: ForecastConfig.load(path: MalformedCorpus.root + "/valid/config.json5"))
  }

  func buildError(_ inputs: ForecastInputs, environment: Double? = nil, draws: Int? = nil,
                  factor: NoiseFactor.Method = .cholesky) -> ForecastModel.BuildError? {
    do {
      _ = try ForecastModel.build(inputs: inputs, draws: draws, environment: environment, factorMethod: factor)
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
    #expect { try ForecastModel.build(inputs: twins, draws: 2048, factorMethod: .lowRank) } throws: {
      "\($0)".contains("not positive definite") && "\($0)".contains("noise.shares.idiosyncratic")
    }
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

/// `ReportChecks` refuses a result whose probabilities leave [0, 1], whose histogram does not sum
/// to the draws, or that holds a figure that is not finite; `ReportBundle.write` then writes nothing.
@Suite struct ReportCheckTests {
  func result() throws -> ForecastResult {
    let inputs = try ForecastInputs.load(config: ForecastConfig.load(path: MalformedCorpus.root + "/valid/config.json5"))
    return try #require(ForecastRun.execute(ForecastModel.build(inputs: inputs, draws: 3000), threads: 2))
  }

  func failure(_ result: ForecastResult) -> String? {
    do {
      try ReportChecks.validate(result)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func aSimulatedResultPassesAndItsFiguresAreInRange() throws {
    let good = try result()
    #expect(failure(good) == nil)
    #expect(good.seats.counts.reduce(0, +) == 3000)
    #expect(good.districts.allSatisfy { (0...1).contains($0.democraticWinProbability) && (0...1).contains($0.tippingProbability) })
  }

  @Test func eachBrokenFigureIsRefused() throws {
    let good = try result()
    var histogram = good
    histogram.seats.counts[2] += 1
    #expect(failure(histogram) == "seat histogram sums to 3001, not the 3000 draws")
    var majority = good
    majority.seats.majorityProbability = 1.5
    #expect(failure(majority) == "majority probability 1.5 is outside [0, 1]")
    var mean = good
    mean.seats.mean = .nan
    #expect(failure(mean) == "mean seats nan is not finite")
    var probability = good
    probability.districts[0].democraticWinProbability = -0.01
    #expect(failure(probability) == "district OH-01 has a figure out of range")
    var margin = good
    margin.districts[4].margin90 = .infinity
    #expect(failure(margin) == "district TX-07 has a figure out of range")
  }

  @Test func aRefusedResultWritesNothing() throws {
    var broken = try result()
    broken.districts[1].tippingProbability = 2
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bellwether-checks-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(throws: ReportChecks.Failure.self) { _ = try ReportBundle.write(broken, to: folder) }
    #expect(!FileManager.default.fileExists(atPath: folder))
  }
}
