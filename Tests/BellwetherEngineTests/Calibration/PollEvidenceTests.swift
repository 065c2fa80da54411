import Foundation
import Testing
@testable import BellwetherEngine
import TestSupport

/// docs/model.md §2.5: district polls as evidence.
struct PollEvidenceTests {
  static let day = CalendarDate(iso: "2018-11-05")!
  static func poll(_ seat: String, _ margin: Double, _ sponsor: Party? = nil, daysBefore: Int = 3) -> DistrictPoll {
    DistrictPoll(seat: seat, date: day.adding(days: -daysBefore), pollster: "P", sampleSize: 500, margin: margin, sponsor: sponsor)
  }

  /// One seat, Gaussian: base b, environment N(mu, a), noise variance c, two polls (one nonpartisan,
  /// one R-sponsored). The exact conditional of E and of the margin M = b + E + eps given the
  /// adjusted average ybar (error variance e = sharedSD^2 + districtSD^2 + pollSD^2 / 2), by the
  /// covariance form: E[E | ybar] = mu + a / (a + c + e) (ybar - b - mu), Var = a - a^2 / (a + c + e),
  /// E[M | ybar] = b + mu + (a + c) / (a + c + e) (ybar - b - mu).
  @Test func oneSeatMatchesTheGaussianConditionalInClosedForm() throws {
    let p = PollPriors(bias: 1, sponsorLean: 4, pollSD: 6, districtSD: 3, sharedSD: 2, maxAgeDays: 30)
    let b = -2.0, mu = 5.0, a = 4.0, c = 49.0
    var sigma = Matrix(rows: 1, columns: 1)
    sigma[0, 0] = c
    let polls = [Self.poll("AA-01", 6), Self.poll("AA-01", -4, .republican)]
    let e = try #require(PollEvidence.combine(polls: polls, asOf: Self.day, priors: p, contestedIDs: ["AA-01"], base: [b],
                                              sigma: sigma, environmentMean: mu, environmentSD: a.squareRoot()))
    // Adjusted: 6 - 1 = 5 and -4 - 1 + 4 = -1: mean 2.
    let ybar = 2.0, err = 4.0 + 9.0 + 36.0 / 2
    #expect(abs(e.seats[0].average - ybar) < 1e-12)
    #expect(abs(e.seats[0].errorVariance - (9 + 18)) < 1e-12)
    #expect(abs(e.meanResidualVariance - (c + err)) < 1e-12)
    let r = ybar - b - mu
    #expect(abs(e.mean - (mu + a / (a + c + err) * r)) < 1e-12)
    #expect(abs(e.sd - (a - a * a / (a + c + err)).squareRoot()) < 1e-12)
    let margin = b + e.seats[0].shift + e.mean
    #expect(abs(margin - (b + mu + (a + c) / (a + c + err) * r)) < 1e-12)
  }

  /// The same seat with `selectionSlope` 0.5: its prior mean is (1 - 0.5)(b + mu) = 1.5, i.e. a base of
  /// b' = 1.5 - mu = -3.5, and the closed form above holds with b' for b; the shift is reported from b.
  @Test func theSelectionSlopeLowersAPolledSeatsPriorInClosedForm() throws {
    var p = PollPriors(bias: 1, sponsorLean: 4, pollSD: 6, districtSD: 3, sharedSD: 2, maxAgeDays: 30)
    p.selectionSlope = 0.5
    let b = -2.0, mu = 5.0, a = 4.0, c = 49.0
    var sigma = Matrix(rows: 1, columns: 1)
    sigma[0, 0] = c
    let polls = [Self.poll("AA-01", 6), Self.poll("AA-01", -4, .republican)]
    let e = try #require(PollEvidence.combine(polls: polls, asOf: Self.day, priors: p, contestedIDs: ["AA-01"], base: [b],
                                              sigma: sigma, environmentMean: mu, environmentSD: a.squareRoot()))
    let err = 4.0 + 9.0 + 36.0 / 2, prior = -3.5, r = 2.0 - prior - mu
    #expect(abs(e.mean - (mu + a / (a + c + err) * r)) < 1e-12)
    #expect(abs(b + e.seats[0].shift + e.mean - (prior + mu + (a + c) / (a + c + err) * r)) < 1e-12)
  }

  /// Polls outside the window (on or after the as-of date, older than maxAgeDays) and of seats
  /// that are not contested are not used; no poll left gives nil (the fundamentals stand).
  @Test func onlyPollsInTheWindowOfContestedSeatsCount() {
    let p = PollPriors(bias: 0, sponsorLean: 0, pollSD: 5, districtSD: 0, sharedSD: 0, maxAgeDays: 10)
    var sigma = Matrix(rows: 2, columns: 2)
    sigma[0, 0] = 25
    sigma[1, 1] = 25
    let polls = [Self.poll("AA-01", 10, daysBefore: 0), Self.poll("AA-01", 10, daysBefore: 11), Self.poll("ZZ-09", 3)]
    #expect(PollEvidence.combine(polls: polls, asOf: Self.day, priors: p, contestedIDs: ["AA-01", "AA-02"], base: [0, 0],
                                 sigma: sigma, environmentMean: 0, environmentSD: 1) == nil)
    let used = PollEvidence.combine(polls: polls + [Self.poll("AA-02", 8, daysBefore: 10)], asOf: Self.day, priors: p,
                                    contestedIDs: ["AA-01", "AA-02"], base: [0, 0], sigma: sigma, environmentMean: 0,
                                    environmentSD: 1)
    #expect(used?.pollsUsed == 1 && used?.seats.map(\.id) == ["AA-02"])
  }

  /// A fixed environment (SD 0, a scenario) is not moved; the seat still is, by s^2/(s^2 + e).
  @Test func aFixedEnvironmentStays() throws {
    let p = PollPriors(bias: 0, sponsorLean: 0, pollSD: 4, districtSD: 0, sharedSD: 0, maxAgeDays: 10)
    var sigma = Matrix(rows: 1, columns: 1)
    sigma[0, 0] = 16
    let e = try #require(PollEvidence.combine(polls: [Self.poll("AA-01", 10)], asOf: Self.day, priors: p, contestedIDs: ["AA-01"],
                                              base: [0], sigma: sigma, environmentMean: 2, environmentSD: 0))
    #expect(e.mean == 2 && e.sd == 0)
    #expect(abs(e.seats[0].shift - 0.5 * 8) < 1e-12)
  }
}

/// The shipped 2018 config with its polls: the model applies `PollEvidence` (its environment and
/// the polled seats' baselines), and the report's expected margin of a polled seat is the moved
/// baseline plus muE (docs/model.md §5.2), not lean + inc + muE.
struct PollEvidenceModelTests {
  @Test func the2018ModelUsesItsPollsAndReportsTheMovedMargins() throws {
    // The first version (conditioning "seat") on the uniform rule; the shipped joint conditioning on
    // the district table is JointPollModelTests'.
    var inputs = try Forecaster(configPath: TestSupport.defaultConfig).inputs
    inputs.config.polls?.conditioning = .seat
    inputs.config.polls?.selectionSlope = 0
    inputs.config.priors.districtBaseline = nil
    let forecaster = Forecaster(inputs: inputs)
    let model = try forecaster.model(ForecastOptions(draws: 2048))
    let evidence = try #require(model.pollEvidence)
    let beforeDay = forecaster.inputs.polls.filter { $0.date < model.asOf && $0.date >= model.asOf.adding(days: -60) }.count
    #expect(evidence.pollsUsed == beforeDay && beforeDay > 100)
    #expect(model.posterior.mean == evidence.mean)
    #expect(model.posterior.sd == evidence.sd)
    #expect(evidence.sd < evidence.priorSD)
    let result = try #require(Forecaster.run(model, threads: 1))
    let seat = try #require(evidence.seats.max { abs($0.shift) < abs($1.shift) })
    let district = try #require(result.districts.first { $0.id == seat.id })
    // Without the district table the fundamentals are the uniform rule; the
    // reported base margin is the moved one (what the draws use, docs/forecast-schema.md).
    let sign: Double = district.incumbent == .democratic ? 1 : (district.incumbent == .republican ? -1 : 0)
    let fundamentals: Double = district.lean + sign * model.inputs.config.priors.incumbencyAdvantage
    #expect(abs(district.baseMargin - (fundamentals + seat.shift)) < 1e-9)
    let mean = try #require(district.meanMargin)
    let expected: Double = fundamentals + seat.shift + evidence.mean
    #expect(abs(mean - expected) < 1e-9)
    #expect(abs(seat.shift) > 1)
  }
}
