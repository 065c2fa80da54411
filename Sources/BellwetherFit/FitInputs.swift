import BellwetherEngine
import Foundation

/// Where a fit's data come from: past cycles (each a config with its tables and a results table)
/// and the national series. Names no cycle: the caller says which (`FitSources` in
/// BellwetherSources for the shipped ones).
package struct FitSources: Sendable, Equatable {
  /// One past cycle.
  package struct Cycle: Sendable, Equatable {
    package var cycle: Int
    /// The cycle's config (its districts, specials and priors).
    package var config: String
    /// Its results table; nil: the config's `data.results`.
    package var results: String?

    package init(cycle: Int, config: String, results: String? = nil) {
      self.cycle = cycle
      self.config = config
      self.results = results
    }
  }

  package var cycles: [Cycle]
  /// `generic_ballot.csv` and `house_vote.csv` (docs/data-schema.md).
  package var genericBallot: String
  package var houseVote: String
  /// The first cycle of the generic-ballot misses (the shipped configs' `missCycles` start).
  package var firstMissCycle: Int
  /// District polls of earlier cycles beside their results (`PollHistoryTable`), read with the
  /// cycles' own polls by the district-poll error fit; nil: none.
  package var pollHistory: String?
  /// Contested seats of earlier midterms (`DistrictHistoryTable`), read with the cycles' own seats by
  /// the district fit; nil: none.
  package var districtHistory: String?
  /// A table with columns `state` and `region` (`config/census_divisions.csv`): the regions of the
  /// history's seats, which the noise-structure fit pairs (docs/fit.md, "Noise structure"); nil: those
  /// seats have no region.
  package var stateRegions: String?

  package init(cycles: [Cycle], genericBallot: String, houseVote: String, firstMissCycle: Int = 1998, pollHistory: String? = nil,
               districtHistory: String? = nil, stateRegions: String? = nil) {
    self.stateRegions = stateRegions
    self.cycles = cycles
    self.genericBallot = genericBallot
    self.houseVote = houseVote
    self.firstMissCycle = firstMissCycle
    self.pollHistory = pollHistory
    self.districtHistory = districtHistory
  }
}

/// One past cycle, read: its contested seats, its specials' reading, and the priors its config held.
package struct CycleData: Sendable, Equatable {
  package var cycle: Int
  package var electionDay: CalendarDate
  package var configPath: String
  package var resultsPath: String
  /// Contested seats with a certified winner and a two-party margin (results `D_vs_R`).
  package var seats: [SeatObservation]
  /// Seats left out: no two-party result (fixed, D_vs_D, …) or no certified winner.
  package var seatsWithoutTwoPartyResult: Int
  package var seatsWithoutCertifiedWinner: Int
  /// The specials' estimate as of the day before the election.
  package var specials: SpecialsReading
  /// The config's priors the fit is compared with.
  package var incumbencyAdvantage: Double
  package var translationAlpha: Double
  package var translationBeta: Double
  package var translationSD: Double
  /// SHA-256 of the config and of each table read.
  package var hashes: [String: String]
  /// The cycle's district polls against their seats' results (empty when its config names no polls).
  package var polls: [PollObservation] = []
  /// The config's `noise.shares.idiosyncratic`: the floor of a seat's own noise variance, a share of its
  /// class variance (docs/model.md §3.4), which the tail fit's covariance applies (`TailFit`).
  package var noiseFloorShare: Double? = nil
}

/// Everything a fit reads, loaded: the national series and the past cycles.
package struct FitInputs: Sendable {
  package var national: NationalSeries
  package var cycles: [CycleData]
  package var firstMissCycle: Int
  /// SHA-256 of the national tables.
  package var nationalHashes: [String: String]
  /// Polls of cycles that are not among `cycles`, beside their results (`FitSources.pollHistory`).
  package var pollHistory: [PollObservation]
  /// Seats of cycles that are not among `cycles` (`FitSources.districtHistory`).
  package var districtHistory: [SeatObservation]

  package init(national: NationalSeries, cycles: [CycleData], firstMissCycle: Int, nationalHashes: [String: String] = [:],
               pollHistory: [PollObservation] = [], districtHistory: [SeatObservation] = []) {
    self.national = national
    self.cycles = cycles.sorted { $0.cycle < $1.cycle }
    self.firstMissCycle = firstMissCycle
    self.nationalHashes = nationalHashes
    self.pollHistory = pollHistory
    self.districtHistory = districtHistory
  }

  /// Every poll a district-poll error fit reads: the history's, then the cycles' own.
  package var allPolls: [PollObservation] { pollHistory + cycles.flatMap(\.polls) }

  /// Every seat the district fit reads: the history's, then the cycles' own.
  package var allSeats: [SeatObservation] { districtHistory + cycles.flatMap(\.seats) }

  /// The cycles of `allSeats`, in order.
  package var seatCycles: [Int] { Set(allSeats.map(\.cycle)).sorted() }

  /// A cycle's election day: its config's, else the U.S. federal rule (`ElectionDay`).
  package func electionDay(_ cycle: Int) -> CalendarDate {
    cycles.first { $0.cycle == cycle }?.electionDay ?? ElectionDay.unitedStatesFederal(year: cycle)
  }

  /// What a fit for `year` may see: the cycles before it, and of the national series only the
  /// generic-ballot rows pointing at an election before it and the House votes before it.
  package func restricted(before year: Int) -> FitInputs {
    FitInputs(national: NationalSeries(genericBallot: national.genericBallot.filter { $0.cycle < year },
                                       houseVote: national.houseVote.filter { $0.key < year }),
              cycles: cycles.filter { $0.cycle < year }, firstMissCycle: firstMissCycle, nationalHashes: nationalHashes,
              pollHistory: pollHistory.filter { $0.cycle < year }, districtHistory: districtHistory.filter { $0.cycle < year })
  }

  /// Reads the national series and the past cycles.
  /// - Parameter before: read only the cycles before this year (nil: all): a fit for that year then
  ///   opens no table of it or of any later cycle.
  /// - Throws: `InputError` naming the file, line and field; `InputErrors` for a bad config.
  package static func load(_ sources: FitSources, before: Int? = nil) throws -> FitInputs {
    var hashes: [String: String] = [:]
    func table(_ path: String) throws -> CSVTable {
      let data = try InputFile.read(path, expected: "a readable table")
      hashes[(path as NSString).lastPathComponent] = SHA256.hex(data)
      return try CSVTable(data: data, file: path)
    }
    let national = try NationalSeries.read(genericBallot: try table(sources.genericBallot), houseVote: try table(sources.houseVote))
    let wanted = sources.cycles.filter { before == nil || $0.cycle < before! }
    let cycles = try wanted.map { try CycleData.load($0, national: national) }
    let shipped = Set(sources.cycles.map(\.cycle))
    // The history's polls of the cycles before `before`, and none of a cycle the fit reads as a cycle
    // (its own polls.csv is the one read then).
    let history = try sources.pollHistory.map { try PollHistoryTable.read(try table($0)) }?
      .filter { (before == nil || $0.cycle < before!) && !shipped.contains($0.cycle) } ?? []
    // The same for the seats of the district history.
    // A history seat's region is its state's in `stateRegions` (the history has no region column).
    var regionOf: [String: String] = [:]
    if let path = sources.stateRegions {
      let t = try table(path)
      let c = try ["state", "region"].map { try t.column($0) }
      try RowErrors.eachRow(of: t) { row in
        let state = try row.requiredText(c[0])
        guard regionOf[state] == nil else { throw row.error(c[0], expected: "one row per state", found: state) }
        regionOf[state] = try row.requiredText(c[1])
      }
    }
    let seats = try sources.districtHistory.map { try DistrictHistoryTable.read(try table($0)) }?
      .filter { (before == nil || $0.cycle < before!) && !shipped.contains($0.cycle) }
      .map { s -> SeatObservation in
        var seat = s
        seat.region = regionOf[s.state]
        return seat
      } ?? []
    return FitInputs(national: national, cycles: cycles, firstMissCycle: sources.firstMissCycle, nationalHashes: hashes,
                     pollHistory: history, districtHistory: seats)
  }
}

extension CycleData {
  /// Reads one past cycle: its config and tables (through `Forecaster`), its results, and its
  /// specials' estimate on the day before the election.
  /// - Throws: `InputError` for a bad table or a missing House vote; `InputErrors` for a bad config.
  package static func load(_ source: FitSources.Cycle, national: NationalSeries) throws -> CycleData {
    let forecaster = try Forecaster(configPath: source.config)
    let config = forecaster.config
    guard config.chamber.cycle == source.cycle else {
      throw InputError(file: source.config, field: "chamber.electionDate", expected: "an election in \(source.cycle)",
                       found: config.chamber.electionDate.iso)
    }
    guard let resultsPath = source.results ?? config.data.results else {
      throw InputError(file: source.config, field: "data.results", expected: "a results table (the fit reads the cycle's results)",
                       foundDescription: "none")
    }
    let data = try InputFile.read(resultsPath, expected: "a readable results table")
    let results = try ResultsTable.read(try CSVTable(data: data, file: resultsPath), districts: forecaster.inputs.districts)
    guard let vote = national.houseVote[source.cycle] else {
      throw InputError(file: source.config, expected: "a House vote for \(source.cycle) in the national series",
                       foundDescription: "none")
    }
    let previousVote = national.houseVote[source.cycle - 2]
    let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    var seats: [SeatObservation] = [], noTwoParty = 0, noWinner = 0
    for d in forecaster.inputs.districts {
      let r = byID[d.id]!  // ResultsTable.read checked every seat has a row
      guard r.isTwoPartyContest, let margin = r.margin else {
        noTwoParty += 1
        continue
      }
      guard r.winner != nil else {
        noWinner += 1
        continue
      }
      var previous: Double?
      if let m = d.previousTwoPartyMargin, let pv = previousVote { previous = m - pv }
      seats.append(SeatObservation(cycle: source.cycle, id: d.id, seatClass: SeatClass(incumbent: d.incumbent), lean: d.lean,
                                   previousRelative: previous, margin: margin, houseVote: vote, state: d.state, region: d.region))
    }
    let eve = config.chamber.electionDate.adding(days: -1)
    let calibration = try forecaster.calibration(ForecastOptions(asOf: eve))
    let sp = calibration.specials
    var hashes = forecaster.inputs.hashes
    hashes[(resultsPath as NSString).lastPathComponent] = SHA256.hex(data)
    var cycleData = CycleData(
      cycle: source.cycle, electionDay: config.chamber.electionDate, configPath: source.config, resultsPath: resultsPath,
      seats: seats, seatsWithoutTwoPartyResult: noTwoParty, seatsWithoutCertifiedWinner: noWinner,
      specials: SpecialsReading(cycle: source.cycle, asOf: eve, specials: sp.rows.count, estimate: sp.estimate,
                                standardError: sp.standardError, tau: sp.tau, houseVote: vote,
                                leanNationalMargin: config.leanBaseline?.nationalMargin),
      incumbencyAdvantage: config.priors.incumbencyAdvantage, translationAlpha: config.priors.translationAlpha,
      translationBeta: config.priors.translationBeta, translationSD: config.priors.translationSD, hashes: hashes)
    cycleData.noiseFloorShare = config.priors.noiseShares.idiosyncratic
    let margins = Dictionary(uniqueKeysWithValues: seats.map { ($0.id, $0.margin) })
    cycleData.polls = forecaster.inputs.polls.compactMap { p in
      margins[p.seat].map { PollObservation(cycle: source.cycle, seat: p.seat, error: p.margin - $0, sponsor: p.sponsor.map { $0 == .democratic ? 1 : -1 } ?? 0,
                                        pollster: p.pollster) }
    }
    return cycleData
  }
}
