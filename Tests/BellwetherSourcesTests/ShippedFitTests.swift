import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherFit
@testable import BellwetherSources

/// `bellwether fit` on the shipped cycles: a fit for a cycle reads nothing of it or of later cycles,
/// and its key figures agree with an independent computation (docs/scripts/fit_check.py, numpy on the
/// CSV files directly).
@Suite struct ShippedFitTests {
  static let repository = FitSources.shipped(root: TestSupport.repositoryRoot)

  /// A copy of `config/` whose 2010 and 2014 tables are garbage and whose national rows of 2010 and
  /// later are changed (generic ballot D and R swapped, House votes negated).
  static func garbledCopy() throws -> String {
    let root = TestSupport.temporaryFolder()
    try FileManager.default.copyItem(atPath: TestSupport.repositoryRoot + "/config", toPath: root + "/config")
    for cycle in [2010, 2014] {
      for table in ["districts.csv", "specials.csv", "results.csv"] {
        try "garbage,not a table\n\u{1}\u{2},\"\n".write(toFile: root + "/config/\(cycle)/\(table)", atomically: true, encoding: .utf8)
      }
    }
    let ballotPath = root + "/config/national/generic_ballot.csv"
    let ballot = try String(contentsOfFile: ballotPath, encoding: .utf8).split(separator: "\n").map { line -> String in
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 4, let cycle = Int(f[1]), cycle >= 2010 else { return String(line) }
      return [f[0], f[1], f[3], f[2]].joined(separator: ",")
    }
    try (ballot.joined(separator: "\n") + "\n").write(toFile: ballotPath, atomically: true, encoding: .utf8)
    let votePath = root + "/config/national/house_vote.csv"
    let votes = try String(contentsOfFile: votePath, encoding: .utf8).split(separator: "\n").map { line -> String in
      let f = line.split(separator: ",").map(String.init)
      guard f.count == 2, let cycle = Int(f[0]), cycle >= 2010, let v = Double(f[1]) else { return String(line) }
      return "\(cycle),\(-v - 1)"
    }
    try (votes.joined(separator: "\n") + "\n").write(toFile: votePath, atomically: true, encoding: .utf8)
    return root
  }

  @Test func theFitFor2010IsUnchangedWhen2010And2014AreGarbage() throws {
    let root = try Self.garbledCopy()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let garbled = FitSources.shipped(root: root)
    let real = PriorFit.fit(try FitInputs.load(Self.repository, before: 2010), forCycle: 2010, horizons: [1, 7, 30, 60, 90, 120])
    let fromGarbage = PriorFit.fit(try FitInputs.load(garbled, before: 2010), forCycle: 2010, horizons: [1, 7, 30, 60, 90, 120])
    #expect(real == fromGarbage)
    #expect(real.cycles == [2006] && real.district?.cycles == [1998, 2002, 2006] && real.genericBallot.cycles.last == 2008)
    // The garbage is garbage: reading every cycle of the copy fails at 2010.
    #expect(throws: (any Error).self) { try FitInputs.load(garbled) }
  }

  /// Every shipped config's fitted priors are its own cycle's fit from earlier cycles (README,
  /// "Backtest"): the generic-ballot-horizon table (mean miss and predictive SD at each horizon) and
  /// the district-poll error model, to the 3 decimals the configs write.
  @Test func eachShippedConfigHoldsTheFitForItsCycle() throws {
    func r(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
    for cycle in BacktestSources.shippedCycles {
      let config = try ForecastConfig.load(path: TestSupport.repositoryRoot + "/" + BacktestSources.configPath(cycle: cycle))
      let fit = PriorFit.fit(try FitInputs.load(Self.repository, before: cycle), forCycle: cycle, horizons: [1, 7, 30, 60, 90, 120],
                             recencyHalfLifeYears: PriorFit.shippedRecencyHalfLifeYears)
      let expected = fit.genericBallot.horizons.compactMap { h in
        h.summary.flatMap { s in s.predictiveSD.map { ModelPriors.HorizonMiss(days: h.days, mean: r(s.mean), predictiveSD: r($0)) } }
      }
      guard case .genericBallotByHorizon(let table, _) = config.priors.environmentPrior else {
        Issue.record("\(cycle): not a generic-ballot-horizon prior")
        continue
      }
      #expect(table == expected, "\(cycle)")
      let polls = try #require(fit.polls), shipped = try #require(config.polls)
      #expect([shipped.bias, shipped.sponsorLean, shipped.pollSD, shipped.districtSD, shipped.sharedSD]
              == [polls.bias, polls.sponsorLean, polls.pollSD, polls.districtSD, polls.sharedSD].map(r), "\(cycle)")
      // The district table (docs/model.md §1.5) and the polls' selection slope (§2.5).
      let selection = try #require(fit.pollSelection)
      #expect(shipped.conditioning == .joint && shipped.selectionSlope == r(selection.slope), "\(cycle)")
      let baseline = try #require(config.priors.districtBaseline), district = try #require(fit.district)
      for (spec, shippedEquation) in [(DistrictSpecification.withPrevious, baseline.withPrevious), (.withoutPrevious, baseline.withoutPrevious)] {
        let pooled = try #require(district.specification(spec)?.pooled), equation = try #require(shippedEquation)
        for c in pooled.coefficients {
          let term: DistrictBaseline.Term? = switch c.name {
          case "lean": equation.lean
          case "previous": equation.previous
          default: SeatClass(rawValue: c.name).flatMap { equation.intercepts[$0] }
          }
          #expect(term?.estimate == r(c.estimate), "\(cycle) \(spec) \(c.name)")
        }
        for row in pooled.byClass where row.seatClass != "all" {
          #expect(SeatClass(rawValue: row.seatClass).flatMap { equation.residualSD?[$0] } == r(row.rms), "\(cycle) \(spec) \(row.seatClass)")
        }
      }
      // The noise structure (docs/model.md §3.4): componentSD and the kernel length are the fit's, but where the
      // length sits at the longest tried (2006: its lean term is not identified), which keeps the judged split.
      let noise = try #require(fit.noiseStructure)
      if noise.kernelLengthAtBound {
        #expect(config.priors.noiseComponentSD == nil && config.priors.kernelLength == 10, "\(cycle)")
      } else {
        let components = try #require(config.priors.noiseComponentSD)
        #expect([components.state, components.region, components.lean] == ["state", "region", "lean"].map { r(noise.component($0)!.sd) },
                "\(cycle) componentSD")
        #expect(config.priors.kernelLength == noise.kernelLength, "\(cycle) kernelLength")
      }
      // The noise's tails (docs/fit.md, "Tails"): where the fit scores earlier cycles' errors, the Gaussian with its
      // fitted factor on Sigma (the t's interval with the factor free holds the Gaussian in every such fit); else
      // (2006) the judged t, nu 8 with Sigma its scale matrix.
      if let tail = fit.tails?.noise {
        #expect(tail.freeScale.upper == .infinity, "\(cycle): the Gaussian is inside the interval")
        #expect(config.priors.noiseVarianceInflation == r(tail.varianceInflation) && config.priors.noiseNu == .infinity, "\(cycle) tails")
      } else {
        #expect(config.priors.noiseVarianceInflation == nil && config.priors.noiseNu == 8 && config.priors.noiseTScale == .scale, "\(cycle) tails")
      }
      // The specials' translation slope (docs/model.md §2.3): the anchored fit's where an earlier cycle has
      // specials and results, else the judgment 0.4 (2006); alpha derived from it, (1 − beta) P.
      let beta = fit.specials?.anchored.map { r($0.beta) } ?? 0.4
      #expect(config.priors.translationBeta == beta, "\(cycle) beta")
      #expect(abs(config.priors.translationAlpha - (1 - beta) * (config.leanBaseline?.nationalMargin ?? .nan)) < 1e-12, "\(cycle) alpha")
    }
  }

  @Test func theDefaultRunsFitForEachCycleIsThatCyclesOwnFit() throws {
    let all = try FitInputs.load(Self.repository)
    for cycle in [2010, 2018] {
      let own = PriorFit.fit(try FitInputs.load(Self.repository, before: cycle), forCycle: cycle, horizons: [1, 30])
      #expect(PriorFit.fit(all, forCycle: cycle, horizons: [1, 30]) == own)
    }
  }

  @Test func shippedElectionDaysFollowTheFederalRule() throws {
    let all = try FitInputs.load(Self.repository)
    #expect(all.cycles.map(\.cycle) == BacktestSources.shippedCycles)
    for c in all.cycles { #expect(c.electionDay == ElectionDay.unitedStatesFederal(year: c.cycle)) }
  }

  /// Figures from docs/scripts/fit_check.py (numpy, reading the CSV files itself).
  @Test func keyFiguresAgreeWithAnIndependentComputation() throws {
    let all = try FitInputs.load(Self.repository)
    let fit = PriorFit.fit(all, forCycle: 2018, horizons: [1, 30])
    let eve = try #require(fit.genericBallot.horizon(1)?.summary)
    #expect(abs(eve.mean - 2.89192) < 1e-4 && abs(eve.sd! - 2.66695) < 1e-4 && abs(eve.predictiveSD! - 2.79712) < 1e-4)
    let current = try #require(fit.genericBallot.currentPrior.summary)
    #expect(abs(current.mean - 2.81919) < 1e-4 && abs(current.sd! - 2.62616) < 1e-4)
    let district = try #require(fit.district?.specification(.withPrevious)?.pooled)
    // With the 1998 and 2002 seats of config/national/district_history.csv, which the script rebuilds from
    // Jacobson's raw file.
    let expected: [(String, Double, Double)] = [("lean", 0.35821, 0.01927), ("previous", 0.51058, 0.02001),
                                                ("D-incumbent", 9.13248, 0.57803), ("R-incumbent", -7.35927, 0.53446),
                                                ("open", 4.20779, 0.86802)]
    for (name, estimate, se) in expected {
      let c = try #require(district.coefficients.first { $0.name == name })
      #expect(abs(c.estimate - estimate) < 1e-4 && abs(c.standardError! - se) < 1e-4, "\(name)")
    }
    #expect(district.seats == 1334 && abs(district.residualSD! - 9.77599) < 1e-4)
    // Weighted toward recent cycles (half-life 3 years): the script solves the weighted normal equations.
    let recent = PriorFit.fit(all, forCycle: 2018, horizons: [1], recencyHalfLifeYears: 3)
    let weighted = try #require(recent.district?.specification(.withPrevious)?.pooled)
    let expectedWeighted: [(String, Double, Double)] = [("lean", 0.40032, 0.01847), ("previous", 0.50784, 0.01932),
                                                        ("D-incumbent", 6.61769, 0.48506), ("R-incumbent", -4.83970, 0.45785),
                                                        ("open", 2.96698, 0.70863)]
    for (name, estimate, se) in expectedWeighted {
      let c = try #require(weighted.coefficients.first { $0.name == name })
      #expect(abs(c.estimate - estimate) < 1e-4 && abs(c.standardError! - se) < 1e-4, "weighted \(name)")
    }
    // The district-noise structure of 2006-2014 alone (each cycle's own fits; the script forms M A M as dense
    // products and regresses the full pair design, this fit uses rank-p updates and accumulates normal
    // equations): kernel length 30, SDs to 1e-4.
    let shipped = all.cycles.filter { $0.cycle < 2018 }.flatMap(\.seats)
    let perCycle = try #require(DistrictModelFit.fit(observations: shipped, cycles: [2006, 2010, 2014], advantage: [:],
                                                     minimumPerCycleSeats: DistrictModelFit.perCycleSeatsPerColumn))
    #expect(all.districtHistory.allSatisfy { $0.region != nil })
    let noise = try #require(NoiseStructureFit.fit(residualsByCycle: NoiseStructureFit.residuals(seats: shipped, district: perCycle)))
    #expect(noise.kernelLength == 30)
    for (name, sd) in [("state", 2.45647), ("region", 1.70415), ("lean", 6.16112)] {
      #expect(abs(noise.component(name)!.sd - sd) < 1e-4, "noise \(name)")
    }
    // The environment t's profile for 2018 (the ten eve misses of 1998-2016): the script maximises each nu's
    // likelihood by a shrinking grid search, this fit by EM.
    let tail = try #require(fit.tails?.environment)
    for (nu, ll) in [(3.0, -24.23904), (5, -23.92208), (8, -23.74723), (30, -23.54278), (.infinity, -23.47195)] {
      #expect(abs(tail.profile.points.first { $0.nu == nu }!.logLikelihood - ll) < 1e-4, "environment nu \(nu)")
    }
    #expect(abs(weighted.residualSD! - 8.26171) < 1e-4)
    for (name, rms) in [("D-incumbent", 7.80898), ("R-incumbent", 7.87400), ("open", 11.17497)] {
      #expect(abs(weighted.byClass.first { $0.seatClass == name }!.rms - rms) < 1e-4, "weighted RMS \(name)")
    }
  }

  /// Figures from docs/scripts/noise_tail_check.py (numpy, reading the CSV files itself: its own weighted
  /// normal equations for each earlier cycle's district fit, dense Sigma, numpy's Cholesky), for the shipped
  /// 2018 fit's district-noise tail: each earlier cycle's seats, q = e' Sigma^-1 e over them and log det Sigma,
  /// and the Gaussian's factor with its SE. The script agrees to about 1e-14 relative; 1e-8 here.
  @Test func noiseTailAgreesWithAnIndependentComputation() throws {
    let all = try FitInputs.load(Self.repository)
    let fit = PriorFit.fit(all, forCycle: 2018, horizons: [1], recencyHalfLifeYears: PriorFit.shippedRecencyHalfLifeYears)
    let tail = try #require(fit.tails?.noise)
    let expected: [(cycle: Int, seats: Int, q: Double, logDet: Double)] = [
      (2006, 379, 499.24812535, 1671.59427410), (2010, 406, 536.39200537, 1686.67051723), (2014, 358, 402.54888372, 1386.91990065)]
    #expect(tail.cycles.map(\.cycle) == expected.map(\.cycle) && tail.cycles.map(\.seats) == expected.map(\.seats))
    for (c, e) in zip(tail.cycles, expected) {
      #expect(abs(c.mahalanobis / e.q - 1) < 1e-8 && abs(c.logDeterminant / e.logDet - 1) < 1e-8, "noise tail \(e.cycle)")
    }
    // 2002, the first election on new lines, is left out: 350 seats, q 3364.74068455.
    #expect(tail.excluded.map(\.cycle) == [2002] && tail.excluded.first?.seats == 350)
    #expect(abs(tail.excluded[0].mahalanobis / 3364.74068455 - 1) < 1e-8)
    #expect(abs(tail.varianceInflation / 1.2582581054 - 1) < 1e-8 && abs(tail.varianceInflationSE! / 0.0629166466 - 1) < 1e-8)
  }

  /// docs/fit/ holds what `bellwether fit --out docs/fit` writes today (fit.json aside, which carries
  /// the same figures): the report and fragments are re-rendered here and compared byte for byte.
  @Test func theShippedReportInDocsIsCurrent() throws {
    let root = TestSupport.repositoryRoot
    let inputs = try FitInputs.load(Self.repository)
    let report = FitReport.make(inputs: inputs, sources: Self.repository, targets: BacktestSources.shippedCycles.map { Optional($0) } + [nil],
                                horizons: [1, 7, 30, 60, 90, 120], command: "bellwether fit", outOfSample: true,
                                recencyHalfLifeYears: PriorFit.shippedRecencyHalfLifeYears)
    for file in try FitBundle.render(report) where file.name != "fit.json" {
      let rendered = String(decoding: file.contents, as: UTF8.self).replacingOccurrences(of: root + "/", with: "")
      let shipped = try String(contentsOfFile: root + "/docs/fit/" + file.name, encoding: .utf8)
      #expect(rendered == shipped, "docs/fit/\(file.name) is stale: run `bellwether fit --out docs/fit`")
    }
  }
}
