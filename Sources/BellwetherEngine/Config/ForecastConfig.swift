import Foundation

/// A validated cycle config file: what to forecast, from which tables, with which priors.
///
/// The file is JSON5 (comments and trailing commas allowed). Its keys are documented in
/// `config/house-2018.json5` and the README; `ForecastConfig.load` reports every problem at once.
package struct ForecastConfig: Sendable, Equatable {
  /// Paths of the data tables, resolved against the config file's folder.
  package struct DataPaths: Sendable, Equatable, Codable {
    package var districts: String
    package var specials: String
    package var genericBallot: String?
    package var houseVote: String?
    /// The cycle's results (seat, winner, two-party margin, contest), for scoring a backtest; the
    /// forecast itself never reads it.
    package var results: String?
    /// District polls (docs/model.md §2.5), optional.
    package var polls: String? = nil
  }

  /// The config file's path.
  package var path: String
  /// What is forecast.
  package var chamber: Chamber
  /// The forecast's as-of date: only specials held before it are used.
  package var asOf: CalendarDate
  /// The data tables.
  package var data: DataPaths
  /// The model's priors.
  package var priors: ModelPriors
  /// What the district table's `lean` is relative to: the national presidential two-party margin
  /// of one election (the `lean` table of the config), when stated.
  package var leanBaseline: LeanBaseline?
  /// The district-poll error model (the `polls` table), required with `data.polls` (docs/model.md §2.5).
  package var polls: PollPriors? = nil

  /// The national presidential result a cycle's leans are measured from.
  package struct LeanBaseline: Sendable, Equatable, Codable {
    /// The presidential election, e.g. 2016.
    package var presidentialYear: Int
    /// Its national two-party margin, D minus R, points.
    package var nationalMargin: Double
  }
  /// Default number of draws.
  package var draws: Int
  /// Default master seed.
  package var seed: UInt64

  /// The most draws one run accepts (a partial result's counters stay exact well beyond this).
  package static let maximumDraws = 10_000_000_000
  /// The largest seed accepted (JSON numbers are exact up to 2^53).
  package static let maximumSeed: Double = 9_007_199_254_740_991

  /// The keys of each table, for unknown-key checks and the README.
  static let topKeys = ["chamber", "asOf", "data", "lean", "environment", "specials", "incumbency", "district", "noise", "simulation", "polls"]
  static let leanKeys = ["presidentialYear", "nationalMargin"]
  static let chamberKeys = ["name", "seats", "majority", "cycleStart", "electionDate"]
  static let dataKeys = ["districts", "specials", "genericBallot", "houseVote", "results", "polls"]
  static let environmentKeys = ["prior", "missCycles", "missByHorizon", "mean", "sd", "nu", "ballotMaxAgeDays", "staleBallot"]
  static let specialsKeys = ["alpha", "beta", "sigmaT", "halfLifeDays", "samplingSD", "levelWeights", "standardError", "informationHalfLifeDays", "hartungKnappFloor", "clusters", "levelVariances"]
  static let incumbencyKeys = ["advantage"]
  static let noiseKeys = ["scaleFromTau", "minimumSD", "shares", "kernelLength", "nu", "tScale", "componentSD", "varianceInflation"]
  static let shareKeys = ["state", "region", "lean", "idiosyncratic"]
  static let simulationKeys = ["draws", "seed"]

  /// Reads and validates a config file.
  /// - Throws: `InputErrors` listing every problem found (file and dotted key for each).
  package static func load(path: String) throws -> ForecastConfig {
    let data: Data
    do { data = try InputFile.read(path, expected: "a readable config file") } catch let error as InputError {
      throw InputErrors([error])
    }
    return try parse(data: data, path: path)
  }

  /// Parses and validates config text; `path` names the file and anchors relative table paths.
  /// - Throws: `InputErrors` listing every problem found.
  package static func parse(data: Data, path: String) throws -> ForecastConfig {
    let document: JSON5Parser.Document
    do { document = try JSON5Parser.parse(data, file: path) } catch let error as InputError { throw InputErrors([error]) }
    var r = ConfigReader(file: path, positions: document.positions)
    let top = r.table(document.value, key: "", allowed: topKeys)

    let ch = r.table(top["chamber"], key: "chamber", allowed: chamberKeys)
    let name = r.string(ch, "name", in: "chamber")
    let seats = r.integer(ch, "seats", in: "chamber", range: 1...100_000, rangeText: "a whole number of seats in 1...100000")
    let majority = r.integer(ch, "majority", in: "chamber", range: 1...100_000, rangeText: "a whole number of seats in 1...100000")
    if seats.isFinite, majority.isFinite, majority > seats {
      r.fail("chamber.majority", expected: "at most chamber.seats (\(Int(seats)))", found: NumberText.plain(majority))
    } else if seats.isFinite, majority.isFinite, 2 * majority <= seats {
      // Otherwise both parties could hold "a majority" at once, and the two chances would add to more than 1.
      r.fail("chamber.majority", expected: "more than half of chamber.seats (\(Int(seats))), at least \(Int(seats) / 2 + 1)",
             found: NumberText.plain(majority))
    }
    let start = r.date(ch, "cycleStart", in: "chamber")
    let election = r.date(ch, "electionDate", in: "chamber")
    if let start, let election, start >= election {
      r.fail("chamber.cycleStart", expected: "a date before chamber.electionDate (\(election.iso))", found: start.iso)
    }
    let asOf = r.date(top, "asOf", in: "")
    if let asOf, let start, let election, asOf < start || asOf > election {
      r.fail("asOf", expected: "a date in the cycle \(start.iso)...\(election.iso)", found: asOf.iso)
    }

    let da = r.table(top["data"], key: "data", allowed: dataKeys)
    let directory = (path as NSString).deletingLastPathComponent
    func resolve(_ key: String, required: Bool) -> String? {
      if !required && da[key] == nil { return nil }
      let relative = r.string(da, key, in: "data")
      if relative.isEmpty {
        if case .string? = da[key] { r.fail("data.\(key)", expected: "the path of a CSV table", foundDescription: "an empty string") }
        return nil
      }
      return relative.hasPrefix("/") ? relative : (directory.isEmpty ? relative : directory + "/" + relative)
    }
    let districts = resolve("districts", required: true) ?? ""
    let specials = resolve("specials", required: true) ?? ""
    let ballot = resolve("genericBallot", required: false)
    let vote = resolve("houseVote", required: false)
    let results = resolve("results", required: false)
    let pollsPath = resolve("polls", required: false)
    var pollPriors: PollPriors?
    if pollsPath != nil || top["polls"] != nil {
      if top["polls"] == nil {
        r.fail("polls", expected: "the poll error model (bias, sponsorLean, pollSD, districtSD, sharedSD, maxAgeDays) when data.polls is given", foundDescription: ConfigReader.missing)
      } else {
        pollPriors = PollPriors.read(top["polls"], reader: &r)
      }
    }

    let env = r.table(top["environment"], key: "environment", allowed: environmentKeys)
    let priorKind = r.string(env, "prior", in: "environment")
    var environmentPrior = ModelPriors.EnvironmentPrior.fixed(mean: 0, sd: 1)
    switch priorKind {
    case "fixed":
      let mean = r.number(env, "mean", in: "environment", range: -100...100, rangeText: "a margin in -100...100 (points)")
      let sd = r.number(env, "sd", in: "environment", range: 1e-6...100, rangeText: "a positive standard deviation (points)")
      environmentPrior = .fixed(mean: mean, sd: sd)
      for key in ["ballotMaxAgeDays", "staleBallot"] where env[key] != nil {
        r.fail("environment.\(key)", expected: "no \(key) with environment.prior \"fixed\" (it applies to the generic-ballot prior only)",
               foundDescription: env[key]!.summary)
      }
    case "generic-ballot":
      if ballot == nil || vote == nil {
        r.fail(ballot == nil ? "data.genericBallot" : "data.houseVote",
               expected: "data.genericBallot and data.houseVote when environment.prior is generic-ballot", foundDescription: ConfigReader.missing)
      }
      if case .array(let bounds)? = env["missCycles"], bounds.count == 2,
         case .number(let lo) = bounds[0], case .number(let hi) = bounds[1], (1000...9999).contains(lo), (1000...9999).contains(hi),
         lo <= hi, lo.rounded() == lo, hi.rounded() == hi {
        environmentPrior = .genericBallot(missCycles: Int(lo)...Int(hi), ballotAge: ballotAgeLimit(env, reader: &r))
        if let election, Int(hi) >= election.components.year {
          r.fail("environment.missCycles", expected: "only cycles before the forecast's (\(election.components.year)): no peeking at its own result", found: "\(Int(lo))...\(Int(hi))")
        }
      } else {
        r.fail("environment.missCycles", expected: "[first, last] cycle years, first <= last, e.g. [1998, 2016]",
               foundDescription: env["missCycles"].map { JSONValue.describeList($0) } ?? ConfigReader.missing)
      }
    case "generic-ballot-horizon":
      if ballot == nil || vote == nil {
        r.fail(ballot == nil ? "data.genericBallot" : "data.houseVote",
               expected: "data.genericBallot and data.houseVote when environment.prior is generic-ballot-horizon", foundDescription: ConfigReader.missing)
      }
      if let table = horizonMisses(env["missByHorizon"], cycle: election?.components.year, reader: &r) {
        environmentPrior = .genericBallotByHorizon(table, ballotAge: ballotAgeLimit(env, reader: &r))
      }
    case "":
      break  // missing or not a string: already reported
    default:
      r.fail("environment.prior", expected: "\"fixed\", \"generic-ballot\" or \"generic-ballot-horizon\"", found: priorKind)
    }
    let environmentNu = degreesOfFreedom(env["nu"], key: "environment.nu", reader: &r)

    var leanBaseline: LeanBaseline?
    if top["lean"] != nil {
      let le = r.table(top["lean"], key: "lean", allowed: leanKeys)
      let year = r.integer(le, "presidentialYear", in: "lean", range: 1788...2100, rangeText: "a presidential election year")
      let margin = r.number(le, "nationalMargin", in: "lean", range: -100...100, rangeText: "a two-party margin in -100...100 (points)")
      if year.isFinite, margin.isFinite {
        leanBaseline = LeanBaseline(presidentialYear: Int(year), nationalMargin: margin)
        if let election, Int(year) >= election.components.year {
          r.fail("lean.presidentialYear", expected: "a presidential election before the cycle's (\(election.components.year))", found: NumberText.plain(year))
        }
      }
    }

    let sp = r.table(top["specials"], key: "specials", allowed: specialsKeys)
    let beta = r.number(sp, "beta", in: "specials", range: 0...5, rangeText: "a slope in 0...5")
    // alpha: a number, or "derived": (1 - beta) x the national presidential margin the leans are
    // relative to (a special's swing is measured from that election; docs/model.md §2.3).
    let alpha: Double
    if case .string(let text)? = sp["alpha"] {
      if text != "derived" {
        r.fail("specials.alpha", expected: "a number or \"derived\"", found: text)
        alpha = .nan
      } else if let leanBaseline {
        alpha = (1 - beta) * leanBaseline.nationalMargin
      } else {
        r.fail("specials.alpha", expected: "a number, or \"derived\" with a lean table stating the national presidential margin",
               foundDescription: "\"derived\" without lean.nationalMargin")
        alpha = .nan
      }
    } else {
      alpha = r.number(sp, "alpha", in: "specials", range: -50...50, rangeText: "an intercept in -50...50 (points)")
    }
    let sigmaT = r.number(sp, "sigmaT", in: "specials", range: 0...100, rangeText: "a non-negative standard deviation (points)")
    let halfLife = r.number(sp, "halfLifeDays", in: "specials", range: 1e-3...1e6, rangeText: "a positive number of days")
    let samplingSD = r.number(sp, "samplingSD", in: "specials", range: 1e-6...100, rangeText: "a positive standard deviation (points)")
    var informationHalfLife: Double?
    if sp["informationHalfLifeDays"] != nil {
      let days = r.number(sp, "informationHalfLifeDays", in: "specials", range: 1e-3...1e6, rangeText: "a positive number of days")
      if days.isFinite { informationHalfLife = days }
    }
    var specialsSE: ModelPriors.SpecialsStandardError?
    if sp["standardError"] != nil {
      let text = r.string(sp, "standardError", in: "specials")
      if let method = ModelPriors.SpecialsStandardError(rawValue: text) {
        specialsSE = method
      } else if case .string? = sp["standardError"] {
        r.fail("specials.standardError", expected: "\"model\" (the weighted mean's variance under the model) or \"hartung-knapp\" (times the residuals' mean square; docs/model.md §2.2)",
               found: text)
      }
    }
    var hartungKnappFloor: Bool?
    switch sp["hartungKnappFloor"] {
    case nil: break
    case .bool(let floor)?:
      hartungKnappFloor = floor
      if floor, specialsSE != .hartungKnapp, sp["standardError"] == nil || specialsSE != nil {
        r.fail("specials.hartungKnappFloor", expected: "true only with specials.standardError: \"hartung-knapp\" (it floors that method's factor q at 1; docs/model.md §2.2)",
               foundDescription: "true with standardError \"\((specialsSE ?? .model).rawValue)\"")
      }
    case let other?:
      r.fail("specials.hartungKnappFloor", expected: "true or false (floor the Hartung-Knapp factor q at 1; docs/model.md §2.2)",
             foundDescription: other.summary)
    }
    var specialsClusters: ModelPriors.SpecialsClusters?
    if sp["clusters"] != nil {
      let text = r.string(sp, "clusters", in: "specials")
      if let clusters = ModelPriors.SpecialsClusters(rawValue: text) {
        specialsClusters = clusters
      } else if case .string? = sp["clusters"] {
        r.fail("specials.clusters", expected: "\"none\" (every special on its own) or \"same-day-state\" (specials of one date and state share a cluster effect; docs/model.md §2.2)",
               found: text)
      }
    }
    var specialsLevelVariances: ModelPriors.SpecialsLevelVariances?
    if sp["levelVariances"] != nil {
      let text = r.string(sp, "levelVariances", in: "specials")
      if let choice = ModelPriors.SpecialsLevelVariances(rawValue: text) {
        specialsLevelVariances = choice
        if choice == .perLevel, specialsClusters == .sameDayState {
          r.fail("specials.levelVariances", expected: "\"shared\" with specials.clusters \"same-day-state\" (a cluster may mix levels; docs/model.md §2.2)",
                 found: text)
        }
      } else if case .string? = sp["levelVariances"] {
        r.fail("specials.levelVariances", expected: "\"shared\" (one tau for every special, the level weights multiply) or \"per-level\" (each level its own tau, inverse-variance weights; docs/model.md §2.2)",
               found: text)
      }
    }
    var levelWeights: [String: Double] = [:]
    if case .object(let levels)? = sp["levelWeights"], !levels.isEmpty {
      for key in levels.keys.sorted() {
        levelWeights[key] = r.number(levels, key, in: "specials.levelWeights", range: 0...100, rangeText: "a non-negative weight")
      }
    } else {
      r.fail("specials.levelWeights", expected: "a table of level names to weights, e.g. { federal: 1.0 }",
             foundDescription: sp["levelWeights"]?.summary ?? ConfigReader.missing)
    }

    let inc = r.table(top["incumbency"], key: "incumbency", allowed: incumbencyKeys)
    let advantage = r.number(inc, "advantage", in: "incumbency", range: -50...50, rangeText: "an advantage in -50...50 (margin points)")

    let district = districtBaseline(top["district"], reader: &r)
    if district != nil, vote == nil {
      r.fail("data.houseVote", expected: "the national House vote series when a district table is given (its previous margins are relative to the previous cycle's House vote)",
             foundDescription: ConfigReader.missing)
    }

    let no = r.table(top["noise"], key: "noise", allowed: noiseKeys)
    let scale = r.number(no, "scaleFromTau", in: "noise", range: 0...10, rangeText: "a non-negative factor")
    let minimumSD = r.number(no, "minimumSD", in: "noise", range: 0...100, rangeText: "a non-negative standard deviation (points)")
    let sh = r.table(no["shares"], key: "noise.shares", allowed: shareKeys)
    let shares = ModelPriors.NoiseShares(
      state: r.number(sh, "state", in: "noise.shares", range: 0...1, rangeText: "a share in 0...1"),
      region: r.number(sh, "region", in: "noise.shares", range: 0...1, rangeText: "a share in 0...1"),
      lean: r.number(sh, "lean", in: "noise.shares", range: 0...1, rangeText: "a share in 0...1"),
      idiosyncratic: r.number(sh, "idiosyncratic", in: "noise.shares", range: 0...1, rangeText: "a share in 0...1"))
    let total = shares.state + shares.region + shares.lean + shares.idiosyncratic
    if total.isFinite, abs(total - 1) > 1e-6 {
      r.fail("noise.shares", expected: "shares state + region + lean + idiosyncratic that sum to 1",
             foundDescription: "a sum of \(NumberText.plain(total))")
    }
    if shares.idiosyncratic.isFinite, shares.idiosyncratic <= 0, minimumSD.isFinite {
      r.fail("noise.shares.idiosyncratic", expected: "a positive share (without it the covariance is singular whenever two seats share a state and lean)", found: NumberText.plain(shares.idiosyncratic))
    }
    if scale.isFinite, minimumSD.isFinite, scale == 0, minimumSD == 0 {
      r.fail("noise.minimumSD", expected: "a positive floor when noise.scaleFromTau is 0 (the district noise would vanish)", found: "0")
    }
    let kernelLength = r.number(no, "kernelLength", in: "noise", range: 1e-3...1000, rangeText: "a positive length in points")
    var componentSD: ModelPriors.NoiseComponentSD?
    if no["componentSD"] != nil {
      let c = r.table(no["componentSD"], key: "noise.componentSD", allowed: ["state", "region", "lean"])
      func sd(_ key: String) -> Double {
        r.number(c, key, in: "noise.componentSD", range: 0...100, rangeText: "an SD in 0...100 points")
      }
      componentSD = ModelPriors.NoiseComponentSD(state: sd("state"), region: sd("region"), lean: sd("lean"))
      // The three SDs are the shared parts of the class totals of docs/model.md §3.4; without those totals
      // there is nothing for the idiosyncratic part to complete.
      let equations = [district?.withPrevious, district?.withoutPrevious].compactMap { $0 }
      if equations.isEmpty || equations.contains(where: { $0.residualSD == nil }) {
        r.fail("noise.componentSD", expected: "a district table with residualSD in every equation (the component SDs are the shared parts of each class's total, docs/model.md §3.4)",
               foundDescription: equations.isEmpty ? "no district table" : "an equation without residualSD")
      }
    }
    let varianceInflation: Double? = no["varianceInflation"] == nil ? nil
      : r.number(no, "varianceInflation", in: "noise", range: ModelPriors.noiseVarianceInflationRange,
                 rangeText: "a factor on the noise covariance in \(ModelPriors.noiseVarianceInflationRangeText)")
    let noiseNu = degreesOfFreedom(no["nu"], key: "noise.nu", reader: &r)
    var noiseTScale: ModelPriors.NoiseTScale?
    if no["tScale"] != nil {
      let text = r.string(no, "tScale", in: "noise")
      if let convention = ModelPriors.NoiseTScale(rawValue: text) {
        noiseTScale = convention
      } else if case .string? = no["tScale"] {
        r.fail("noise.tScale", expected: "\"sd\" (the noise covariance is the t's covariance) or \"scale\" (it is the t's scale matrix: wider intervals; docs/model.md §3.3)",
               found: text)
      }
    }

    let si = r.table(top["simulation"], key: "simulation", allowed: simulationKeys)
    let draws = r.integer(si, "draws", in: "simulation", range: 1...Double(maximumDraws), rangeText: "a whole number of draws in 1...\(maximumDraws)")
    let seed = r.integer(si, "seed", in: "simulation", range: 0...maximumSeed, rangeText: "a whole number in 0...\(Int(maximumSeed))")

    guard r.errors.isEmpty, let start, let election, let asOf else {
      throw InputErrors(r.errors.isEmpty ? [InputError(file: path, expected: "a complete config")] : r.errors)
    }
    var priors = ModelPriors(
      environmentPrior: environmentPrior, environmentNu: environmentNu, translationAlpha: alpha,
      translationBeta: beta, translationSD: sigmaT, recencyHalfLifeDays: halfLife,
      specialSamplingSD: samplingSD, levelWeights: levelWeights, incumbencyAdvantage: advantage,
      noiseScaleFromTau: scale, noiseMinimumSD: minimumSD, noiseShares: shares,
      kernelLength: kernelLength, noiseNu: noiseNu)
    priors.districtBaseline = district
    priors.noiseComponentSD = componentSD
    priors.noiseVarianceInflation = varianceInflation
    priors.noiseTScale = noiseTScale
    priors.specialsStandardError = specialsSE
    priors.informationHalfLifeDays = informationHalfLife
    priors.hartungKnappFloor = hartungKnappFloor
    priors.specialsClusters = specialsClusters
    priors.specialsLevelVariances = specialsLevelVariances
    return ForecastConfig(
      path: path,
      chamber: Chamber(name: name, seats: Int(seats), majority: Int(majority), cycleStart: start, electionDate: election),
      asOf: asOf, data: DataPaths(districts: districts, specials: specials, genericBallot: ballot, houseVote: vote,
                                      results: results, polls: pollsPath),
      priors: priors, leanBaseline: leanBaseline, polls: pollsPath == nil ? nil : pollPriors, draws: Int(draws), seed: UInt64(seed))
  }

  /// Reads `environment.ballotMaxAgeDays` (a whole number of days, default 30) and
  /// `environment.staleBallot` (`"error"`, the default, or `"warn"`); docs/data-schema.md.
  private static func ballotAgeLimit(_ env: [String: JSONValue], reader r: inout ConfigReader) -> BallotAgeLimit {
    var limit = BallotAgeLimit.standard
    if env["ballotMaxAgeDays"] != nil {
      let days = r.integer(env, "ballotMaxAgeDays", in: "environment", range: 0...Double(BallotAgeLimit.largestMaximumDays),
                           rangeText: "a whole number of days in 0...\(BallotAgeLimit.largestMaximumDays)")
      if days.isFinite { limit.maximumDays = Int(days) }
    }
    if env["staleBallot"] != nil {
      let text = r.string(env, "staleBallot", in: "environment")
      if let action = BallotAgeLimit.Action(rawValue: text) {
        limit.whenOlder = action
      } else if case .string? = env["staleBallot"] {
        r.fail("environment.staleBallot", expected: "\"error\" (refuse the forecast) or \"warn\" (use the average, with a warning in every report)",
               found: text)
      }
    }
    return limit
  }

  /// Reads a t degrees-of-freedom value: a number above 2, or null for normal (infinite).
  private static func degreesOfFreedom(_ value: JSONValue?, key: String, reader r: inout ConfigReader) -> Double {
    switch value {
    case .null?: return .infinity
    case .number(let nu)?:
      guard nu.isFinite, nu > 2 else {
        r.fail(key, expected: "degrees of freedom above 2 (the t variance is infinite at 2 or less), or null for normal", found: NumberText.plain(nu))
        return .infinity
      }
      return nu
    case let other?:
      r.fail(key, expected: "a number above 2, or null for normal", foundDescription: other.summary)
      return .infinity
    case nil:
      r.fail(key, expected: "a number above 2, or null for normal", foundDescription: ConfigReader.missing)
      return .infinity
    }
  }
}
