import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

/// The reliability bins' band under the forecast's own dependence between seats (`OutcomeRecorder`,
/// `ReliabilityTable.Bin.jointStandardError`; docs/model.md §7.3).
@Suite("Joint reliability band")
struct JointReliabilityTests {
  @Test("the count's distribution over the draws, by hand, across a byte boundary")
  func byHand() {
    // Ten contested seats (district indices 10...19, kernel positions 0...9, so seats 8 and 9 sit in
    // the second byte) and four draws. Group [10, 19] (positions 0 and 9) wins 2, 0, 1, 2 seats: shares
    // 1/4, 1/4, 1/2 of 0, 1, 2; mean 5/4, variance 9/4 - 25/16 = 11/16. Group [11, 12] wins 1, 1, 1, 1:
    // variance 0 although each seat alone varies (they split every draw). A fixed seat (index 3) is left
    // out, and an empty group wins 0 in every draw.
    let win: [[Int]] = [[0, 1, 9], [2], [0, 2], [0, 2, 9]]
    let outcomes = win.map { w in (0..<10).map { w.contains($0) } }
    let recorder = OutcomeRecorder(outcomes: outcomes, contestedIndices: Array(10...19))
    #expect(recorder.bytesPerDraw == 2 && recorder.isContested(19) && !recorder.isContested(3))
    let d = recorder.countDistributions(groups: [[10, 19], [11, 12], [3, 10, 19], []])
    #expect(d[0] == [0.25, 0.25, 0.5] && d[1] == [0, 1, 0] && d[2] == d[0] && d[3] == [1])
    let first = EventCountDistribution(offset: 0, probabilities: d[0])
    #expect(abs(first.variance - 11.0 / 16) < 1e-15 && abs(first.mean - 1.25) < 1e-15)
  }

  @Test("convolution and one-sided tails by hand")
  func convolutionAndTails() {
    // Two independent counts: {0: 0.5, 1: 0.5} and, with one certain win, {1: 0.25, 2: 0.75}. Their sum:
    // 1 with 0.125, 2 with 0.125 + 0.375 = 0.5, 3 with 0.375; mean 0.5 + 1.75 = 2.25, variance 0.25 + 0.1875.
    let a = EventCountDistribution(offset: 0, probabilities: [0.5, 0.5])
    let b = EventCountDistribution(offset: 1, probabilities: [0.25, 0.75])
    let sum = a.convolved(with: b)
    #expect(sum.offset == 1 && sum.probabilities == [0.125, 0.5, 0.375])
    #expect(abs(sum.mean - 2.25) < 1e-15 && abs(sum.variance - 0.4375) < 1e-15)
    // 3 lies above the mean: P(>= 3) = 0.375; 1 below: P(<= 1) = 0.125; 2 below too: P(<= 2) = 0.625.
    #expect(sum.tailProbability(observed: 3) == 0.375 && sum.tailProbability(observed: 1) == 0.125)
    #expect(sum.tailProbability(observed: 2) == 0.625)
  }

  /// Six open seats of lean L, margin = L + E + eps: E ~ N(0, 3^2) shared, eps ~ N(0, 4^2) each, so
  /// every seat is won with p = Phi(L / 5) = 0.75 at L = 5 x 0.67449 and any two together with
  /// P2 = integral of phi(e) Phi((L + 3e) / 4)^2 de (Simpson's rule below: a second method, not the
  /// draws). The count of the six seats won has variance 6 p (1 - p) + 30 (P2 - p^2), against the
  /// binomial 6 p (1 - p) = 1.125 of independent seats.
  static func sixSeats() throws -> (ForecastInputs, BacktestData, Double) {
    let lean = 5 * 0.6744897501960817
    let text = """
      {
        chamber: { name: "Test", seats: 6, majority: 4, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
        asOf: "2018-11-05",
        data: { districts: "d.csv", specials: "s.csv" },
        environment: { prior: "fixed", mean: 0, sd: 3, nu: null },
        specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
        incumbency: { advantage: 4 },
        noise: { scaleFromTau: 0, minimumSD: 4, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, kernelLength: 10, nu: null },
        simulation: { draws: 65536, seed: 11 },
      }
      """
    let config = try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5")
    let ids = (1...6).map { String(format: "AA-%02d", $0) }
    let districts = ids.map {
      District(id: $0, state: "AA", region: "X", lean: lean, incumbent: nil, status: .contested, heldBy: .republican)
    }
    let outcomes = ElectionOutcomes(seats: ids.enumerated().map {
      .init(id: $0.element, winner: $0.offset < 4 ? .democratic : .republican, contested: true)
    }, houseVoteMargin: 0)
    let data = BacktestData(cycle: 2018, outcomes: outcomes, publisher: nil, versions: [],
                            districtForecasts: PublishedDistrictForecasts(probabilities: [:]),
                            nationalForecasts: PublishedNationalForecasts(forecasts: [:]), previousResults: [:], sourceHashes: [:])
    return (ForecastInputs(config: config, districts: districts, specials: [], national: nil), data, lean)
  }

  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  @Test("six seats sharing a national error: the draws' variance against the integral, and wider than the binomial")
  func sharedEnvironment() throws {
    let (inputs, data, lean) = try Self.sixSeats()
    let draws = 65_536
    let report = try Backtest.run(forecaster: Forecaster(inputs: inputs), data: data, dates: [try #require(CalendarDate(iso: "2018-11-05"))],
                                  variants: [.standard], draws: draws, threads: 2)
    let row = try #require(report.dates.first?.rows.first { $0.isDefaultModel })
    let table = try #require(row.districts[.decided]?.reliability)
    // Each seat's sampled p has MC SE sqrt(0.75 x 0.25 / 65,536) = 0.0017, so all six lie in 0.7-0.8.
    let bin = table.bins[7]
    #expect(bin.count == 6)
    let p = 0.75
    // The integral over the national error e ~ N(0, 1) x 3 of g(P(a seat is won | e)), by Simpson's rule
    // on [-8, 8] in steps of 1e-3.
    func integral(_ g: (Double) -> Double) -> Double {
      let h = 1e-3
      func f(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() * g(Self.normalCDF((lean + 3 * x) / 4)) }
      var sum = 0.0
      for e in stride(from: -8.0, to: 8.0, by: h) { sum += h / 6 * (f(e) + 4 * f(e + h / 2) + f(e + h)) }
      return sum
    }
    let p2 = integral { $0 * $0 }
    let expected = 6 * p * (1 - p) + 30 * (p2 - p * p)
    // The count lies in 0...6, so (C - mean)^2 <= 36 and the sample variance's SE is at most
    // sqrt(36 var / N) = 6 sqrt(var) / 256 (about 0.04 here); 4 of those.
    let variance = try #require(bin.eventVariance)
    let tolerance = 4 * 6 * expected.squareRoot() / Double(draws).squareRoot()
    #expect(abs(variance - expected) < tolerance, "draws' variance \(variance), integral \(expected), tolerance \(tolerance)")
    #expect(expected > 1.125 + 4 * tolerance)
    #expect(abs(try #require(bin.jointStandardError) - variance.squareRoot() / 6) < 1e-15)
    // Four of the six were won (mean 4.5): the chance of 4 or fewer is 1 - P(5) - P(6), with P(k) the
    // integral of phi(e) C(6, k) Phi^k (1 - Phi)^(6 - k); the draws' share of each count has MC SE at
    // most 0.5 / 256, so 4 of those on the sum of two.
    let tail = 1 - integral { 6 * pow($0, 5) * (1 - $0) } - integral { pow($0, 6) }
    #expect(abs(try #require(bin.jointTailProbability) - tail) < 4 * 2 * 0.5 / Double(draws).squareRoot())
    // The other bins are empty and the binomial SE stays the independent one.
    #expect(table.bins.enumerated().allSatisfy { $0.offset == 7 || ($0.element.count == 0 && $0.element.jointStandardError == nil) })
    #expect(abs(try #require(bin.standardError) - (try #require(bin.meanProbability) * (1 - bin.meanProbability!) / 6).squareRoot()) < 1e-15)
  }

  @Test("published forecasts, without draws, have no joint band; the pooled table convolves the cycles' counts")
  func pooled() throws {
    let (inputs, data, _) = try Self.sixSeats()
    let date = try #require(CalendarDate(iso: "2018-11-05"))
    let report = try Backtest.run(forecaster: Forecaster(inputs: inputs), data: data, dates: [date], variants: [.standard], draws: 4096, threads: 2)
    let bin = try #require(report.dates.first?.rows.first?.districts[.decided]?.reliability.bins[7])
    let twice = try CrossCycleBacktest([(report, data.outcomes), (report, data.outcomes)])
    let pooled = twice.pooled.reliability.bins[7]
    #expect(pooled.count == 12)
    #expect(abs(try #require(pooled.eventVariance) - 2 * (try #require(bin.eventVariance))) < 1e-12)
    #expect(pooled.jointCounts == bin.jointCounts.map { $0.convolved(with: $0) })
    #expect(ReliabilityTable([BinaryForecast(id: "a", probability: 0.75, occurred: true)]).bins[7].jointStandardError == nil)
  }
}
