import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The config reader, on a small config of its own (written here, with tiny tables beside it), so
/// that no test depends on the layout of the shipped `config/house-2018.json5`.
struct ConfigTests {
  /// A small valid config: three seats, a generic-ballot prior over 2014 and 2016, every section.
  /// `incumbency.advantage` is on line 15, column 5.
  static let small = """
    {
      chamber: { name: "Small chamber", seats: 3, majority: 2, cycleStart: "2017-01-01", electionDate: "2018-11-06" },
      asOf: "2018-10-01",
      data: { districts: "districts.csv", specials: "specials.csv", genericBallot: "generic_ballot.csv", houseVote: "house_vote.csv" },
      environment: { prior: "generic-ballot", missCycles: [2014, 2016], nu: 5 },
      specials: {
        alpha: 1.3,
        beta: 0.4,
        sigmaT: 3.0,
        halfLifeDays: 180,
        samplingSD: 5.0,
        levelWeights: { federal: 1.0, state_legislative: 0.5 },
      },
      incumbency: {
        advantage: 4.0,
      },
      noise: {
        scaleFromTau: 0.5,
        minimumSD: 5.0,
        shares: { state: 0.25, region: 0.10, lean: 0.15, idiosyncratic: 0.50 },
        kernelLength: 10.0,
        nu: 8,
      },
      simulation: { draws: 1000, seed: 7 },
    }
    """

  /// The tables `small` names.
  static let tables = [
    "districts.csv": """
      id,state,region,lean,incumbent,status,held_by,note
      AA-01,AA,East,-4.5,R,contested,R,
      AA-02,AA,East,12,D,contested,D,
      BB-01,BB,West,-30,open,fixed-R,R,unopposed

      """,
    "specials.csv": """
      date,state,seat,level,margin,lean,shift,source
      2017-06-20,AA,AA-01,federal,2.5,-4.5,7.0,test
      2018-03-13,BB,HD-12,state_legislative,,,11.0,test

      """,
    "generic_ballot.csv": """
      date,cycle,dem,rep
      2014-11-03,2014,45.0,45.0
      2016-11-07,2016,50.0,40.0
      2018-09-30,2018,52.0,44.0

      """,
    "house_vote.csv": """
      cycle,dem_margin_2p
      2014,-2.0
      2016,5.0

      """,
  ]

  /// The config's errors (empty when it is valid), read as `test.json5`.
  static func errors(_ text: String) -> [String] {
    do {
      _ = try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5")
      return []
    } catch let e as InputErrors {
      return e.errors.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  /// `small` with one piece of text replaced (which must be there exactly once).
  static func small(replacing old: String, with new: String) throws -> String {
    try #require(small.components(separatedBy: old).count == 2, "'\(old)' is not in the config once")
    return small.replacingOccurrences(of: old, with: new)
  }

  @Test func theSmallConfigAndItsTablesLoad() throws {
    let folder = try TestSupport.folder(with: Self.tables.merging(["config.json5": Self.small]) { $1 })
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let inputs = try Forecaster(configPath: folder + "/config.json5").inputs
    #expect(inputs.config.chamber.seats == 3 && inputs.config.chamber.majority == 2)
    #expect(inputs.config.data.districts == folder + "/districts.csv")
    #expect(inputs.config.priors.incumbencyAdvantage == 4 && inputs.config.draws == 1000 && inputs.config.seed == 7)
    #expect(inputs.districts.map(\.id) == ["AA-01", "AA-02", "BB-01"])
    #expect(inputs.specials.count == 2)
  }

  /// Every config file shipped in config/ must parse and validate with its tables.
  @Test func everyShippedConfigParses() throws {
    let folder = TestSupport.repositoryRoot + "/config"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json5") }
    #expect(!files.isEmpty)
    for file in files {
      _ = try Forecaster(configPath: folder + "/" + file)
    }
  }

  @Test func unknownKeySuggestsTheClosest() throws {
    let errors = Self.errors(try Self.small(replacing: "halfLifeDays:", with: "halfLifeDay:"))
    #expect(errors.contains { $0.contains("field 'specials.halfLifeDay': expected a known key (did you mean 'halfLifeDays'?") })
    #expect(errors.contains { $0.contains("field 'specials.halfLifeDays'") && $0.contains("the key is missing") })
  }

  @Test func reportsEveryProblemAtOnce() throws {
    var text = try Self.small(replacing: "missCycles: [2014, 2016], nu: 5 }", with: "missCycles: [2014, 2016], nu: 2 }")
    text = text.replacingOccurrences(of: "kernelLength: 10.0,", with: "kernelLength: 0,")
      .replacingOccurrences(of: "idiosyncratic: 0.50", with: "idiosyncratic: 0.60")
      .replacingOccurrences(of: "draws: 1000,", with: "draws: 0,")
    let errors = Self.errors(text)
    #expect(errors.count == 4)
    #expect(errors.contains { $0.contains("'environment.nu'") && $0.contains("above 2") })
    #expect(errors.contains { $0.contains("'noise.kernelLength'") })
    #expect(errors.contains { $0.contains("'noise.shares'") && $0.contains("sum to 1") })
    #expect(errors.contains { $0.contains("'simulation.draws'") })
  }

  @Test func rejectsAWrongTypeAtItsLineAndColumn() throws {
    // `advantage` is on line 15 of `small`, its key at column 5.
    let text = try Self.small(replacing: "advantage: 4.0,", with: "advantage: \"four\",")
    #expect(Self.errors(text) == ["test.json5:15:5: field 'incumbency.advantage': expected an advantage in -50...50 (margin points), found a string \"four\""])
  }

  @Test func refusesMissCyclesThatIncludeTheForecastCycle() throws {
    #expect(Self.errors(Self.small) == [])
    let text = try Self.small(replacing: "missCycles: [2014, 2016]", with: "missCycles: [2014, 2018]")
    #expect(Self.errors(text).contains { $0.contains("no peeking") })
  }

  /// noise.tScale: absent, nil (the `.sd` default); "sd" and "scale" read as written; anything else
  /// refused with its key and both valid values.
  @Test func theNoiseTScaleIsReadAndValidated() throws {
    func scale(_ text: String) throws -> ModelPriors.NoiseTScale? {
      try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5").priors.noiseTScale
    }
    #expect(try scale(Self.small) == nil)
    #expect(try ForecastConfig.parse(data: Data(Self.small.utf8), path: "test.json5").priors.resolvedNoiseTScale == .sd)
    for value in ["sd", "scale"] {
      #expect(try scale(try Self.small(replacing: "nu: 8,", with: "nu: 8, tScale: \"\(value)\",")) == ModelPriors.NoiseTScale(rawValue: value))
    }
    let unknown = Self.errors(try Self.small(replacing: "nu: 8,", with: "nu: 8, tScale: \"variance\","))
    #expect(unknown.count == 1 && unknown[0].contains("field 'noise.tScale': expected \"sd\"") && unknown[0].hasSuffix("found 'variance'"))
    let notString = Self.errors(try Self.small(replacing: "nu: 8,", with: "nu: 8, tScale: 1,"))
    #expect(notString.count == 1 && notString[0].contains("'noise.tScale': expected a string"))
  }

  /// specials.standardError: absent nil (the model's SE); "model" and "hartung-knapp" read; others refused.
  @Test func theSpecialsStandardErrorIsReadAndValidated() throws {
    func method(_ text: String) throws -> ModelPriors.SpecialsStandardError? {
      try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5").priors.specialsStandardError
    }
    #expect(try method(Self.small) == nil)
    #expect(try method(try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, standardError: \"hartung-knapp\",")) == .hartungKnapp)
    #expect(try method(try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, standardError: \"model\",")) == .model)
    let unknown = Self.errors(try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, standardError: \"HK\","))
    #expect(unknown.count == 1 && unknown[0].contains("field 'specials.standardError': expected \"model\"") && unknown[0].hasSuffix("found 'HK'"))
    // specials.informationHalfLifeDays: absent nil; a positive number of days; 0 refused.
    func halfLife(_ text: String) throws -> Double? {
      try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5").priors.informationHalfLifeDays
    }
    #expect(try halfLife(Self.small) == nil)
    #expect(try halfLife(try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, informationHalfLifeDays: 30,")) == 30)
    let zero = Self.errors(try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, informationHalfLifeDays: 0,"))
    #expect(zero.count == 1 && zero[0].contains("field 'specials.informationHalfLifeDays': expected a positive number of days"))
  }

  /// specials.clusters: absent nil (no clusters); "none" and "same-day-state" read; another value or
  /// a non-string refused with its key and both values. specials.hartungKnappFloor: absent nil; true
  /// with "hartung-knapp", false with any method; true without "hartung-knapp" and a non-boolean refused.
  @Test func theSpecialsClustersAndHartungKnappFloorAreReadAndValidated() throws {
    func priors(_ text: String) throws -> ModelPriors {
      try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5").priors
    }
    func with(_ keys: String) throws -> String { try Self.small(replacing: "halfLifeDays: 180,", with: "halfLifeDays: 180, \(keys)") }
    #expect(try priors(Self.small).specialsClusters == nil && (try priors(Self.small).resolvedSpecialsClusters) == ModelPriors.SpecialsClusters.none)
    #expect(try priors(try with("clusters: \"none\",")).specialsClusters == ModelPriors.SpecialsClusters.none)
    #expect(try priors(try with("clusters: \"same-day-state\",")).specialsClusters == .sameDayState)
    let unknown = Self.errors(try with("clusters: \"same-day\","))
    #expect(unknown.count == 1 && unknown[0].contains("field 'specials.clusters': expected \"none\"")
      && unknown[0].contains("\"same-day-state\"") && unknown[0].hasSuffix("found 'same-day'"))
    let number = Self.errors(try with("clusters: 1,"))
    #expect(number.count == 1 && number[0].contains("'specials.clusters': expected a string"))

    #expect(try priors(Self.small).hartungKnappFloor == nil)
    #expect(try priors(try with("standardError: \"hartung-knapp\", hartungKnappFloor: true,")).hartungKnappFloor == true)
    #expect(try priors(try with("standardError: \"hartung-knapp\", hartungKnappFloor: false,")).hartungKnappFloor == false)
    #expect(try priors(try with("hartungKnappFloor: false,")).hartungKnappFloor == false)
    for keys in ["hartungKnappFloor: true,", "standardError: \"model\", hartungKnappFloor: true,"] {
      let alone = Self.errors(try with(keys))
      #expect(alone.count == 1 && alone[0].contains("field 'specials.hartungKnappFloor': expected true only with specials.standardError: \"hartung-knapp\""))
    }
    let text = Self.errors(try with("standardError: \"hartung-knapp\", hartungKnappFloor: \"yes\","))
    #expect(text.count == 1 && text[0].contains("field 'specials.hartungKnappFloor': expected true or false"))
    // A bad standardError is one error, not two.
    #expect(Self.errors(try with("standardError: \"HK\", hartungKnappFloor: true,")).count == 1)
  }

  /// environment.ballotMaxAgeDays and environment.staleBallot: absent, the standard limit (30 days, an
  /// error); given, read as written; wrong types and values refused with their key.
  @Test func theBallotAgeLimitIsReadAndValidated() throws {
    func prior(_ text: String) throws -> ModelPriors.EnvironmentPrior {
      try ForecastConfig.parse(data: Data(text.utf8), path: "test.json5").priors.environmentPrior
    }
    #expect(try prior(Self.small) == .genericBallot(missCycles: 2014...2016, ballotAge: .standard))
    let both = try Self.small(replacing: "nu: 5 }", with: "nu: 5, ballotMaxAgeDays: 0, staleBallot: \"warn\" }")
    #expect(try prior(both) == .genericBallot(missCycles: 2014...2016, ballotAge: BallotAgeLimit(maximumDays: 0, whenOlder: .warn)))
    let errorOnly = try Self.small(replacing: "nu: 5 }", with: "nu: 5, staleBallot: \"error\" }")
    #expect(try prior(errorOnly) == .genericBallot(missCycles: 2014...2016, ballotAge: .standard))
    for (value, found) in [("3651", "'3651'"), ("1.5", "'1.5'"), ("-1", "'-1'"), ("true", "the boolean true"), ("null", "null")] {
      let errors = Self.errors(try Self.small(replacing: "nu: 5 }", with: "nu: 5, ballotMaxAgeDays: \(value) }"))
      #expect(errors == ["test.json5:5:76: field 'environment.ballotMaxAgeDays': expected a whole number of days in 0...3650, found \(found)"])
    }
    let unknown = Self.errors(try Self.small(replacing: "nu: 5 }", with: "nu: 5, staleBallot: \"Warn\" }"))
    #expect(unknown == ["test.json5:5:76: field 'environment.staleBallot': expected \"error\" (refuse the forecast) or \"warn\" (use the average, with a warning in every report), found 'Warn'"])
    let notString = Self.errors(try Self.small(replacing: "nu: 5 }", with: "nu: 5, staleBallot: 1 }"))
    #expect(notString.count == 1 && notString[0].contains("'environment.staleBallot': expected a string"))
    let fixed = Self.errors(try Self.small(replacing: "prior: \"generic-ballot\", missCycles: [2014, 2016], nu: 5 }",
                                           with: "prior: \"fixed\", mean: 1, sd: 2, nu: 5, staleBallot: \"warn\" }"))
    #expect(fixed.count == 1 && fixed[0].contains("field 'environment.staleBallot': expected no staleBallot with environment.prior \"fixed\""))
  }

  @Test func invalidJSON5NamesTheFile() {
    #expect(Self.errors("{ chamber: ").first?.hasPrefix("test.json5:1:") == true)
  }
}
