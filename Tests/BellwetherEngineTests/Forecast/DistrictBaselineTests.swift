import TestSupport
import Foundation
import Testing
@testable import BellwetherEngine

/// The linear district baseline, noise by seat class and class-level shared errors
/// (docs/model.md §1.5, §3.4, §3.5).
struct DistrictBaselineTests {
  typealias Term = DistrictBaseline.Term

  /// withPrevious: lean 0.5, previous 0.25, D +6, R -5, open +2 (cycle SDs 0.1, 0.05, 2, 3, 1);
  /// withoutPrevious: lean 0.8, D +10, R -9, open +1 (cycle SDs 0.2, 1.5, 2.5, 0.5).
  static func baseline(shared: Bool, residual: Bool) -> DistrictBaseline {
    DistrictBaseline(
      withPrevious: .init(lean: Term(estimate: 0.5, cycleSD: 0.1), previous: Term(estimate: 0.25, cycleSD: 0.05),
                          intercepts: [.democraticIncumbent: Term(estimate: 6, cycleSD: 2),
                                       .republicanIncumbent: Term(estimate: -5, cycleSD: 3), .open: Term(estimate: 2, cycleSD: 1)],
                          residualSD: residual ? [.democraticIncumbent: 8, .republicanIncumbent: 9, .open: 11] : nil),
      withoutPrevious: .init(lean: Term(estimate: 0.8, cycleSD: 0.2), previous: nil,
                             intercepts: [.democraticIncumbent: Term(estimate: 10, cycleSD: 1.5),
                                          .republicanIncumbent: Term(estimate: -9, cycleSD: 2.5), .open: Term(estimate: 1, cycleSD: 0.5)],
                             residualSD: residual ? [.democraticIncumbent: 10, .republicanIncumbent: 10.5, .open: 12] : nil),
      sharedErrors: shared)
  }

  static func seat(_ id: String, lean: Double, incumbent: Party?, previous: Double?, contest: String? = "D_vs_R") -> District {
    var d = District(id: id, state: String(id.prefix(2)), region: "R", lean: lean, incumbent: incumbent, status: .contested, heldBy: nil)
    d.previousMargin = previous
    d.previousContest = previous == nil ? nil : contest
    return d
  }

  @Test func linearMarginsByHand() throws {
    var priors = SyntheticChamber.smallInputs().config.priors
    priors.districtBaseline = Self.baseline(shared: false, residual: false)
    let national = NationalSeries(genericBallot: [], houseVote: [2016: -1.2, 2018: 99])
    let seats = [Self.seat("AA-01", lean: 10, incumbent: .democratic, previous: 30),    // with: 5 + 0.25 * 31.2 + 6 = 18.8
                 Self.seat("BB-02", lean: -8, incumbent: .republican, previous: -20),  // with: -4 + 0.25 * -18.8 - 5 = -13.7
                 Self.seat("CC-03", lean: 2, incumbent: nil, previous: nil),           // without: 1.6 + 1 = 2.6
                 Self.seat("DD-04", lean: -3, incumbent: .democratic, previous: 12, contest: "D_vs_D")]  // without: -2.4 + 10 = 7.6
    let b = try SeatBaselines.resolve(districts: seats, priors: priors, cycle: 2018, national: national, configFile: "t.json5")
    for (got, want) in zip(b.margins, [18.8, -13.7, 2.6, 7.6]) { #expect(abs(got - want) < 1e-12) }
    #expect(b.equations == [.withPrevious, .withPrevious, .withoutPrevious, .withoutPrevious])
    #expect(b.classSD == nil && b.sharedColumns.isEmpty)
    // Without the district table: the uniform rule lean + a sign (a = 3 in the small chamber).
    priors.districtBaseline = nil
    let uniform = try SeatBaselines.resolve(districts: seats, priors: priors, cycle: 2018, national: nil, configFile: "t.json5")
    #expect(uniform.margins == [13, -11, 2, 0])
  }

  @Test func aPreviousRaceWithoutThePreviousHouseVoteIsRefused() throws {
    var priors = SyntheticChamber.smallInputs().config.priors
    priors.districtBaseline = Self.baseline(shared: false, residual: false)
    let national = NationalSeries(genericBallot: [], houseVote: [2014: 1])
    #expect {
      try SeatBaselines.resolve(districts: [Self.seat("AA-01", lean: 1, incumbent: nil, previous: 4)], priors: priors,
                                cycle: 2018, national: national, configFile: "t.json5")
    } throws: { "\($0)".contains("data.houseVote") && "\($0)".contains("2016") && "\($0)".contains("AA-01") }
  }

  @Test func sharedErrorCovarianceByHand() throws {
    // Two seats of the withoutPrevious equation, both D incumbents, leans 4 and -6, different states,
    // same region; and one open seat of the other equation (previous relative 10 - 2 = 8).
    var priors = SyntheticChamber.smallInputs().config.priors
    priors.districtBaseline = Self.baseline(shared: true, residual: false)
    let seats = [Self.seat("AA-01", lean: 4, incumbent: .democratic, previous: nil),
                 Self.seat("BB-02", lean: -6, incumbent: .democratic, previous: nil),
                 Self.seat("CC-03", lean: 0, incumbent: nil, previous: 10)]
    let b = try SeatBaselines.resolve(districts: seats, priors: priors, cycle: 2018,
                                      national: NationalSeries(genericBallot: [], houseVote: [2016: 2]), configFile: "t")
    var cov = NoiseCovariance(states: ["AA", "BB", "CC"], regions: ["R", "R", "R"], leans: [4, -6, 0],
                              scales: NoiseScales(state: 0, region: 0, lean: 0, idiosyncratic: 1), kernelLength: 10)
    cov.sharedColumns = b.sharedColumns.map(\.loadings)
    let m = cov.matrix()
    // Seats 1 and 2 share the withoutPrevious lean slope (SD 0.2) and D intercept (SD 1.5):
    // 0.2^2 * 4 * -6 + 1.5^2 = -0.96 + 2.25 = 1.29; with seat 3 (other equation) nothing is shared.
    #expect(abs(m[0, 1] - 1.29) < 1e-12 && abs(m[1, 0] - 1.29) < 1e-12)
    #expect(m[0, 2] == 0 && m[1, 2] == 0)
    // Seat 1's variance: 1 + 0.2^2 * 16 + 1.5^2 = 3.89; seat 3: 1 + (0.05 * 8)^2 + 1^2 = 2.16 (lean 0).
    #expect(abs(m[0, 0] - 3.89) < 1e-12 && abs(m[2, 2] - 2.16) < 1e-12)
    // The low-rank factor carries the shared errors exactly.
    let factor = try NoiseFactor.lowRank(of: cov)
    #expect(factor.maxAbsoluteError < 1e-6)
  }

  /// The small chamber with the district table, Gaussian noise and a fixed environment.
  static func classModel(shared: Bool) throws -> (Forecaster, ForecastModel) {
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 200_000)
    inputs.config.priors.districtBaseline = baseline(shared: shared, residual: true)
    inputs.config.priors.noiseNu = .infinity
    let forecaster = Forecaster(inputs: inputs)
    return (forecaster, try forecaster.model(ForecastOptions(environment: 1.5)))
  }

  @Test func eachSeatHasItsClassVariance() throws {
    for shared in [false, true] {
      let (_, model) = try Self.classModel(shared: shared)
      let sigma = model.covariance.matrix()
      let contested = model.plan.contestedIndices.map { model.inputs.districts[$0] }
      for (i, d) in contested.enumerated() {
        // No seat of the small chamber has a previous race: the withoutPrevious class SDs (D 10,
        // R 10.5, open 12). The shared parts stay below half of each, so no floor binds.
        let sd = d.incumbent == nil ? 12.0 : (d.incumbent == .democratic ? 10 : 10.5)
        #expect(abs(sigma[i, i] - sd * sd) < 1e-9, "seat \(d.id): \(sigma[i, i]) against \(sd * sd)")
      }
      // The shared errors are exact columns; what is left is the lean kernel's truncation (§3.2),
      // about 1e-3 of a point squared here against variances of 100-144.
      #expect(model.plan.factor.maxAbsoluteError < 1e-3)
    }
  }

  @Test func componentSDsSetTheSharedTermsAndEachSeatKeepsItsClassVariance() throws {
    // noise.componentSD (docs/model.md §3.4): state 2, region 1.5, lean 1 points, whatever the specials'
    // tau. Two seats of one state and region share 4 + 2.25 + exp(-(lean_i - lean_k)^2 / (2 l^2)); every
    // seat's total stays its class's (D 10, R 10.5, open 12: the small chamber's seats have no previous race).
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 1000)
    inputs.config.priors.districtBaseline = Self.baseline(shared: false, residual: true)
    inputs.config.priors.noiseComponentSD = .init(state: 2, region: 1.5, lean: 1)
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(environment: 1.5))
    #expect(model.covariance.scales.state == 2 && model.covariance.scales.region == 1.5 && model.covariance.scales.lean == 1)
    let sigma = model.covariance.matrix(), l = inputs.config.priors.kernelLength
    let contested = model.plan.contestedIndices.map { model.inputs.districts[$0] }
    var sameState = 0
    for (i, a) in contested.enumerated() {
      let sd = a.incumbent == nil ? 12.0 : (a.incumbent == .democratic ? 10 : 10.5)
      #expect(abs(sigma[i, i] - sd * sd) < 1e-9, "seat \(a.id)")
      for (k, b) in contested.enumerated() where k > i {
        let kernel = exp(-(a.lean - b.lean) * (a.lean - b.lean) / (2 * l * l))
        let want = (a.state == b.state ? 4 : 0) + (a.region == b.region ? 2.25 : 0) + kernel
        #expect(abs(sigma[i, k] - want) < 1e-12, "\(a.id) \(b.id)")
        if a.state == b.state { sameState += 1 }
      }
    }
    // The chamber has seats that share a state, so the state term is exercised.
    #expect(sameState > 0)
  }

  @Test func varianceInflationMultipliesEveryNoiseTermButNotTheSharedErrors() throws {
    // noise.varianceInflation 1.44 (docs/model.md §3.4) with componentSD state 2, region 1.5, lean 1 and the
    // class SDs D 10, R 10.5, open 12: every off-diagonal entry is 1.44 (4 [same state] + 2.25 [same region]
    // + kernel), every seat's total 1.44 classSD^2 (144, 158.76, 207.36), and the scales 2.4, 1.8, 1.2.
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 1000)
    inputs.config.priors.districtBaseline = Self.baseline(shared: false, residual: true)
    inputs.config.priors.noiseComponentSD = .init(state: 2, region: 1.5, lean: 1)
    inputs.config.priors.noiseVarianceInflation = 1.44
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(environment: 1.5))
    #expect(abs(model.covariance.scales.state - 2.4) < 1e-12 && abs(model.covariance.scales.region - 1.8) < 1e-12
      && abs(model.covariance.scales.lean - 1.2) < 1e-12)
    let sigma = model.covariance.matrix(), l = inputs.config.priors.kernelLength
    let contested = model.plan.contestedIndices.map { model.inputs.districts[$0] }
    for (i, a) in contested.enumerated() {
      let sd = a.incumbent == nil ? 12.0 : (a.incumbent == .democratic ? 10 : 10.5)
      #expect(abs(sigma[i, i] - 1.44 * sd * sd) < 1e-9, "seat \(a.id)")
      for (k, b) in contested.enumerated() where k > i {
        let kernel = exp(-(a.lean - b.lean) * (a.lean - b.lean) / (2 * l * l))
        #expect(abs(sigma[i, k] - 1.44 * ((a.state == b.state ? 4 : 0) + (a.region == b.region ? 2.25 : 0) + kernel)) < 1e-12)
      }
    }
    // The floor scales too, and the shared-error columns do not: class SD 7 (49, inflated 98), common shared
    // 2 x 14 = 28, columns 2^2 and 4^2: seat 0 98 - 32 = 66; seat 1 98 - 44 = 54 is above the floor 49.
    let b = SeatBaselines(margins: [0, 0], equations: [.withoutPrevious, .withoutPrevious], classSD: [7, 7], sharedColumns: [("x", [2, 4])])
    let root2 = 2.0.squareRoot()
    let v = try #require(b.idiosyncraticVariances(scales: NoiseScales(state: 3 * root2, region: 2 * root2, lean: root2, idiosyncratic: 9),
                                                  idiosyncraticShare: 0.5, varianceInflation: 2))
    #expect(abs(v[0] - 66) < 1e-12 && abs(v[1] - 54) < 1e-12)
  }

  @Test func theIdiosyncraticFloorByHand() {
    // Class SD 7 (variance 49); common shared variance 3^2 + 2^2 + 1^2 = 14; shared errors 2^2 = 4 on
    // seat 0 and 4^2 = 16 on seat 1. Seat 0: 49 - 18 = 31 (above the floor 0.5 * 49); seat 1:
    // 49 - 30 = 19 is below it, so the floor 24.5 (its total variance is then 54.5, above the class's 49).
    let b = SeatBaselines(margins: [0, 0], equations: [.withoutPrevious, .withoutPrevious], classSD: [7, 7],
                          sharedColumns: [("x", [2, 4])])
    let v = b.idiosyncraticVariances(scales: NoiseScales(state: 3, region: 2, lean: 1, idiosyncratic: 9), idiosyncraticShare: 0.5)
    #expect(v == [31, 24.5])
  }

  @Test(.tags(.slow), .skippedInFastRuns) func winRatesMatchTheClassNormalCDFs() throws {
    // Fixed environment 1.5, Gaussian noise: each seat's margin is N(base + 1.5, Sigma_ii), so its
    // win rate is Phi((base + 1.5) / sqrt(Sigma_ii)), base = 0.8 lean + the class intercept (the
    // small chamber's seats have no previous race). Tolerance: 5 binomial SEs at 200,000 draws.
    let (_, model) = try Self.classModel(shared: true)
    let result = try #require(try Forecaster.run(model, threads: 2))
    let sigma = model.covariance.matrix()
    for (k, index) in model.plan.contestedIndices.enumerated() {
      let d = model.inputs.districts[index]
      let intercept: Double = d.incumbent == nil ? 1 : (d.incumbent == .democratic ? 10 : -9)
      let base: Double = 0.8 * d.lean + intercept
      let p: Double = TestSupport.normalCDF((base + 1.5) / sigma[k, k].squareRoot())
      let got: Double = try #require(result.districts.first { $0.id == d.id }).democraticWinProbability
      let tolerance: Double = 5 * (p * (1 - p) / 200_000).squareRoot() + 1e-9
      #expect(abs(got - p) < tolerance, "seat \(d.id)")
    }
  }

  /// withoutPrevious with elastic swing (§1.6): lean 0.8, |lean| 0.1, elasticity -0.02, D +6, R -5, open +1.
  static func elasticBaseline() -> DistrictBaseline {
    DistrictBaseline(
      withPrevious: nil,
      withoutPrevious: .init(lean: Term(estimate: 0.8), previous: nil, absLean: Term(estimate: 0.1), elasticity: Term(estimate: -0.02),
                             intercepts: [.democraticIncumbent: Term(estimate: 6), .republicanIncumbent: Term(estimate: -5), .open: Term(estimate: 1)],
                             residualSD: nil),
      sharedErrors: false)
  }

  @Test func elasticWinRatesMatchTheNormalCDFs() throws {
    // Fixed environment 6, Gaussian noise: seat d's margin is N(0.8 lean + 0.1 |lean| + class + (1 - 0.02 |lean|) 6,
    // Sigma_dd), so its win rate is Phi(mean / sqrt(Sigma_dd)) (by hand; the uniform loading of 1 would
    // move a seat of |lean| 20 by 2.4 points). Tolerance: 5 binomial SEs at 100,000 draws.
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 100_000)
    inputs.config.priors.districtBaseline = Self.elasticBaseline()
    inputs.config.priors.noiseNu = .infinity
    let model = try Forecaster(inputs: inputs).model(ForecastOptions(environment: 6))
    let result = try #require(try Forecaster.run(model, threads: 2))
    let sigma = model.covariance.matrix()
    var moved = 0
    for (k, index) in model.plan.contestedIndices.enumerated() {
      let d = model.inputs.districts[index]
      let intercept: Double = d.incumbent == nil ? 1 : (d.incumbent == .democratic ? 6 : -5)
      let mean: Double = 0.8 * d.lean + 0.1 * abs(d.lean) + intercept + (1 - 0.02 * abs(d.lean)) * 6
      let p: Double = TestSupport.normalCDF(mean / sigma[k, k].squareRoot())
      let uniform: Double = TestSupport.normalCDF((mean + 0.02 * abs(d.lean) * 6) / sigma[k, k].squareRoot())
      let got: Double = try #require(result.districts.first { $0.id == d.id }).democraticWinProbability
      let tolerance: Double = 5 * (p * (1 - p) / 100_000).squareRoot() + 1e-9
      #expect(abs(got - p) < tolerance, "seat \(d.id): \(got) against \(p)")
      if abs(uniform - p) > 2 * tolerance { moved += 1 }
    }
    #expect(moved >= 5)  // the check has power: several seats' uniform-swing win rates lie outside it
  }

  @Test func elasticSwingRefusesSeatBySeatPolls() throws {
    // The seat-by-seat combination takes a loading of 1 on E: with elastic swing only "joint" is accepted.
    var inputs = SyntheticChamber.smallInputs(seats: 41, draws: 1_000)
    inputs.config.priors.districtBaseline = Self.elasticBaseline()
    inputs.config.polls = PollPriors(bias: 0, sponsorLean: 5, pollSD: 6, districtSD: 4, sharedSD: 1.5, maxAgeDays: 30)
    let seat = try #require(inputs.districts.first { $0.status == .contested })
    inputs.polls = [DistrictPoll(seat: seat.id, date: inputs.config.asOf.adding(days: -3), pollster: "P", sampleSize: 400, margin: 2, sponsor: nil)]
    #expect { try Forecaster(inputs: inputs).model(ForecastOptions()) } throws: {
      "\($0)".contains("polls.conditioning") && "\($0)".contains("joint")
    }
    inputs.config.polls?.conditioning = .joint
    #expect(try Forecaster(inputs: inputs).model(ForecastOptions()).pollEvidence != nil)
  }
}
