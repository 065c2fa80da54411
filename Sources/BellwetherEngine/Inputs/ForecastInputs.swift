import Foundation

/// Everything a forecast is computed from: the validated config and the tables it names.
package struct ForecastInputs: Sendable {
  /// The config.
  package var config: ForecastConfig
  /// Every seat of the chamber.
  package var districts: [District]
  /// Every special of the cycle (the calibration keeps those before the as-of date).
  package var specials: [SpecialElection]
  /// National series for the generic-ballot prior, if configured.
  package var national: NationalSeries?
  /// District polls of the cycle (docs/model.md §2.5); empty without `data.polls`.
  package var polls: [DistrictPoll] = []
  /// SHA-256 of the config file and of each data table, for the run's identity.
  package var hashes: [String: String]

  /// Creates inputs directly (tests, synthetic chambers).
  package init(config: ForecastConfig, districts: [District], specials: [SpecialElection],
              national: NationalSeries?, hashes: [String: String] = [:]) {
    self.config = config
    self.districts = districts
    self.specials = specials
    self.national = national
    self.hashes = hashes
  }

  /// Loads the config's tables and checks them against the config.
  /// - Throws: `InputError` naming the file, line and field of the first bad value.
  package static func load(config: ForecastConfig) throws -> ForecastInputs {
    var hashes: [String: String] = [:]
    func read(_ path: String) throws -> CSVTable {
      let data = try InputFile.read(path, expected: "a readable table")
      hashes[(path as NSString).lastPathComponent] = SHA256.hex(data)
      return try CSVTable(data: data, file: path)
    }
    if let data = FileManager.default.contents(atPath: config.path) {
      hashes["config"] = SHA256.hex(data)
    }
    let districts = try DistrictTable.read(try read(config.data.districts))
    guard districts.count == config.chamber.seats else {
      throw InputError(file: config.data.districts, expected: "\(config.chamber.seats) seats (chamber.seats in \(config.path))",
                       foundDescription: "\(districts.count) rows")
    }
    let specials = try SpecialsTable.read(try read(config.data.specials), cycleStart: config.chamber.cycleStart,
                                          electionDate: config.chamber.electionDate,
                                          levels: Set(config.priors.levelWeights.keys), districts: districts)
    var national: NationalSeries?
    if let ballot = config.data.genericBallot, let vote = config.data.houseVote {
      national = try NationalSeries.read(genericBallot: try read(ballot), houseVote: try read(vote))
    }
    var inputs = ForecastInputs(config: config, districts: districts, specials: specials, national: national, hashes: hashes)
    if let path = config.data.polls {
      inputs.polls = try PollsTable.read(try read(path), districts: districts, cycleStart: config.chamber.cycleStart,
                                         electionDate: config.chamber.electionDate)
    }
    return inputs
  }
}
