import Foundation
import Testing
@testable import BellwetherEngine
@testable import BellwetherFit

/// A whole fit on inputs made here (no files): what a fit for Y may see, the pooled label, and the
/// three renderings.
@Suite struct PriorFitTests {
  /// Cycles 2006, 2010, 2014, each with exact seats (lean slope 0.5 + 0.1 per cycle index), a
  /// specials reading, and a national series 1998-2014.
  static func inputs(garbleFrom garbled: Int? = nil) -> FitInputs {
    var days: [NationalSeries.BallotDay] = []
    var votes: [Int: Double] = [:]
    for (i, cycle) in stride(from: 1998, through: 2014, by: 2).enumerated() {
      let e = ElectionDay.unitedStatesFederal(year: cycle)
      let bad = garbled.map { cycle >= $0 } ?? false
      for h in [200, 100, 1] {
        days.append(NationalSeries.BallotDay(date: e.adding(days: -h), cycle: cycle, dem: bad ? 90 : 45 + Double(i % 3),
                                             rep: bad ? 5 : 44 + Double(h % 7)))
      }
      votes[cycle] = bad ? 40 : Double(i) - 4
    }
    let cycles = [2006, 2010, 2014].enumerated().map { i, cycle -> CycleData in
      let bad = garbled.map { cycle >= $0 } ?? false
      let seats = (0..<12).map { k -> SeatObservation in
        let c = [SeatClass.democraticIncumbent, .republicanIncumbent, .open][k % 3]
        let lean = Double(k * 5 % 17) - 8, previous: Double? = k % 4 == 3 ? nil : Double(k * k % 11) - 5
        let relative = (0.5 + 0.1 * Double(i)) * lean + 0.4 * (previous ?? 0) + c.sign * 3 + (bad ? 99 : Double(k % 5) - 2)
        return SeatObservation(cycle: cycle, id: "S\(k)", seatClass: c, lean: lean, previousRelative: previous,
                               margin: relative + (votes[cycle] ?? 0), houseVote: votes[cycle] ?? 0)
      }
      return CycleData(cycle: cycle, electionDay: ElectionDay.unitedStatesFederal(year: cycle), configPath: "c\(cycle).json5",
                       resultsPath: "r\(cycle).csv", seats: seats, seatsWithoutTwoPartyResult: 0, seatsWithoutCertifiedWinner: 0,
                       specials: SpecialsReading(cycle: cycle, asOf: ElectionDay.unitedStatesFederal(year: cycle).adding(days: -1),
                                                 specials: 4, estimate: bad ? 50 : Double(i) * 3 - 2, standardError: 2, tau: 5,
                                                 houseVote: votes[cycle]!, leanNationalMargin: 1),
                       incumbencyAdvantage: 4, translationAlpha: 0.6, translationBeta: 0.4, translationSD: 3, hashes: [:])
    }
    return FitInputs(national: NationalSeries(genericBallot: days, houseVote: votes), cycles: cycles, firstMissCycle: 1998)
  }

  @Test func aFitForACycleSeesNothingOfItOrLater() throws {
    let clean = PriorFit.fit(Self.inputs(), forCycle: 2010, horizons: [1, 100])
    let garbled = PriorFit.fit(Self.inputs(garbleFrom: 2010), forCycle: 2010, horizons: [1, 100])
    #expect(clean == garbled)
    #expect(clean.cycles == [2006] && clean.genericBallot.cycles == [1998, 2000, 2002, 2004, 2006, 2008] && !clean.inSample)
    // The garbled rows do change a fit that may see them.
    #expect(PriorFit.fit(Self.inputs(), forCycle: nil, horizons: [1]) != PriorFit.fit(Self.inputs(garbleFrom: 2010), forCycle: nil, horizons: [1]))
  }

  @Test func restrictingDropsLaterRowsAndVotes() {
    let r = Self.inputs().restricted(before: 2010)
    #expect(r.national.genericBallot.allSatisfy { $0.cycle < 2010 } && r.national.houseVote.keys.allSatisfy { $0 < 2010 })
    #expect(r.cycles.map(\.cycle) == [2006])
  }

  @Test func thePooledFitIsLabelledInSampleAndReachesTheLastCycle() {
    let fit = PriorFit.fit(Self.inputs(), forCycle: nil, horizons: [1])
    #expect(fit.inSample && fit.forCycle == nil && fit.label.contains("in-sample") && fit.cycles == [2006, 2010, 2014])
    #expect(fit.genericBallot.cycles.last == 2014)
  }

  @Test func theReportRendersAndTheFragmentIsJSON5WithEveryValue() throws {
    let sources = FitSources(cycles: [], genericBallot: "gb.csv", houseVote: "hv.csv")
    let report = FitReport.make(inputs: Self.inputs(), sources: sources, targets: [2006, 2014, nil], horizons: [1, 100],
                                command: "bellwether fit", outOfSample: true)
    #expect(report.schema == "bellwether.fit/1" && report.fits.map(\.name) == ["2006", "2014", "pooled"])
    #expect(report.outOfSample.map(\.cycle) == [2010, 2014])
    let files = try FitBundle.render(report)
    #expect(files.map(\.name) == ["fit.json", "fit.md", "fit-config.json5", "fit-config-2006.json5", "fit-config-2014.json5"])
    let json = try JSONSerialization.jsonObject(with: files[0].contents) as? [String: Any]
    #expect((json?["fits"] as? [Any])?.count == 3)
    let markdown = String(decoding: files[1].contents, as: UTF8.self)
    #expect(markdown.contains("## 1. Generic-ballot miss") && markdown.contains("## 4. Out of sample") && markdown.contains("Pooled (in-sample)"))

    let pooled = try JSON5Parser.parse(files[2].contents, file: "fit-config.json5").value
    guard case .object(let root) = pooled, case .object(let district)? = root["district"], case .object(let withPrevious)? = district["withPrevious"],
          case .object(let lean)? = withPrevious["lean"], case .object(let incumbency)? = root["incumbency"],
          case .object(let specials)? = root["specials"], case .object(let environment)? = root["environment"],
          case .array(let misses)? = environment["missByHorizon"] else {
      Issue.record("fit-config.json5 lacks a section")
      return
    }
    let fit = report.fits[2]
    let expectedLean = fit.district!.specification(.withPrevious)!.pooled.estimate("lean")!
    #expect(lean["estimate"] == .number((expectedLean * 1000).rounded() / 1000))
    #expect(incumbency["advantage"] == .number((fit.district!.incumbency!.estimate * 1000).rounded() / 1000))
    #expect(specials["alpha"] == .string("derived") && misses.count == 2)
    let text = String(decoding: files[2].contents, as: UTF8.self)
    #expect(text.contains("POOLED, IN-SAMPLE"))
    // The fit for 2006 has no earlier cycle: its fragment says so and still parses.
    let early = String(decoding: files[3].contents, as: UTF8.self)
    #expect(early.contains("not estimable") && (try? JSON5Parser.parse(files[3].contents, file: "x")) != nil)
  }

  @Test func theFragmentsTablesAreConfigKeysTheEngineReads() throws {
    // The fit for 2014 (from 2006 and 2010 of the synthetic inputs): its district table and its
    // missByHorizon list, pasted into a config as the fragment's header says, parse as a config.
    let sources = FitSources(cycles: [], genericBallot: "gb.csv", houseVote: "hv.csv")
    var report = FitReport.make(inputs: Self.inputs(), sources: sources, targets: [2014], horizons: [1, 100],
                                command: "bellwether fit", outOfSample: false)
    // The synthetic cycles have too few seats for per-cycle fits, so no noise structure: the fragment says so.
    #expect(report.fits[0].noiseStructure == nil)
    #expect(FitConfigFragment.render(report.fits[0], command: "fit").contains("// noise.componentSD: not fitted"))
    // With one (NoiseStructureFitTests' six seats: state 7/6, region 2.5, lean 0 points squared) its noise line is read too.
    report.fits[0].noiseStructure = NoiseStructureFit.fit(residualsByCycle: [2012: NoiseStructureFitTests.cycle([2, 3, 1, 1, 2, 2])],
                                                          lengths: [2.5])
    let files = try FitBundle.render(report)
    let fragment = String(decoding: try #require(files.first { $0.name == "fit-config.json5" }).contents, as: UTF8.self)
    let lines = fragment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func block(from opening: String, to closing: String) throws -> String {
      let start = try #require(lines.firstIndex(of: opening))
      let end = try #require(lines[start...].firstIndex(of: closing))
      return lines[start...end].joined(separator: "\n")
    }
    let district = try block(from: "  district: {", to: "  },")
    let misses = try block(from: "    missByHorizon: [", to: "    ],")
    // The noise line's two keys, pasted into the config's noise table.
    let noiseLine = try #require(lines.first { $0.hasPrefix("  noise: { componentSD: {") })
    let noiseKeys = String(noiseLine.dropFirst("  noise: { ".count).dropLast(" },".count))
    let config = """
      {
        chamber: { name: "T", seats: 2, majority: 2, cycleStart: "2013-01-01", electionDate: "2014-11-04" },
        asOf: "2014-11-03",
        data: { districts: "d.csv", specials: "s.csv", genericBallot: "g.csv", houseVote: "h.csv" },
        environment: { prior: "generic-ballot-horizon", nu: null,
      \(misses)
        },
        specials: { alpha: 0, beta: 1, sigmaT: 1, halfLifeDays: 100, samplingSD: 5, levelWeights: { federal: 1 } },
        incumbency: { advantage: 0 },
      \(district)
        noise: { scaleFromTau: 0, minimumSD: 1, shares: { state: 0, region: 0, lean: 0, idiosyncratic: 1 }, nu: null,
          \(noiseKeys.contains("kernelLength") ? noiseKeys : noiseKeys + ", kernelLength: 10") },
        simulation: { draws: 1, seed: 1 },
      }
      """
    let parsed = try ForecastConfig.parse(data: Data(config.utf8), path: "c.json5")
    let noise = try #require(report.fits.first?.noiseStructure), components = try #require(parsed.priors.noiseComponentSD)
    #expect(abs(components.state - (7.0 / 6).squareRoot()) < 5e-4 && abs(components.region - 2.5.squareRoot()) < 5e-4)
    #expect(components.lean == 0 && noise.kernelLength == nil && parsed.priors.kernelLength == 10)
    let fit = try #require(report.fits.first?.district?.specification(.withPrevious)?.pooled)
    let baseline = try #require(parsed.priors.districtBaseline)
    #expect(abs(baseline.withPrevious!.lean.estimate - fit.estimate("lean")!) < 5e-4)
    #expect(abs(baseline.withPrevious!.intercepts[.democraticIncumbent]!.estimate - fit.estimate("D-incumbent")!) < 5e-4)
    guard case .genericBallotByHorizon(let table, _) = parsed.priors.environmentPrior else {
      Issue.record("not a horizon prior")
      return
    }
    #expect(table.map(\.days) == [1, 100])
  }
}
