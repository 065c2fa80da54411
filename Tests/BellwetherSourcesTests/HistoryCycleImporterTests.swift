import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherSources

/// The 2006, 2010 and 2014 imports (`HistoryCycleImporter`, through `ImportSources`), checked against
/// values read by hand in `../shared/data/history/`. National presidential two-party margins, from
/// `history/pres_national_britannica_1789_2016.csv` (`pop_votes` of the Democratic and Republican rows):
///
/// - 2004: 100 (59,028,444 − 62,040,610) / 121,069,054 = −2.48797
/// - 2008: 100 (69,498,516 − 59,948,323) / 129,446,839 = +7.37770
/// - 2012: 100 (65,915,795 − 60,933,504) / 126,849,299 = +3.92772
@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct HistoryCycleImporterTests {
  static let regions = TestSupport.repositoryRoot + "/config/census_divisions.csv"

  /// Imports the three cycles into a fresh temporary folder, runs `body` on it, then removes it.
  static func withImport(_ body: (String) throws -> Void) throws {
    let out = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    _ = try ImportSources.run(cycles: [2006, 2010, 2014], source: TestSupport.sharedData, regions: regions, output: out)
    try body(out)
  }

  /// The rows of a written table, by id (first column), as raw text fields.
  static func rows(_ path: String) throws -> (header: [String], byID: [String: [String]], ids: [String]) {
    let table = try CSVTable(contentsOf: path)
    return (table.header, Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0], $0) }), table.rows.map { $0[0] })
  }

  @Test func districtRowsMatchTheSourceRows() throws {
    try Self.withImport { out in
      let header = DistrictTable.columns + DistrictTable.importedColumns
      // districts_2006.csv line 2 (AK-01): pres_margin_2p -26.4526 → lean -26.4526 + 2.48797 = -23.96463;
      // incumbent_running True, incumbent_party R; res_contest D_vs_R; seat_party_prior R;
      // prev_house_same_lines True, prev_house_margin_2p_mit -52.1396, prev_house_contest_mit D_vs_R;
      // jac_po1 0, jac_dexp 197339.0, jac_rexp 1959806.0.
      let d06 = try Self.rows(out + "/2006/districts.csv")
      #expect(d06.header == header)
      #expect(d06.byID["AK-01"] == ["AK-01", "AK", "Pacific", "-23.9646", "R", "contested", "R", "", "-52.1396", "D_vs_R", "0",
                                    "197339.00", "1959806.00"])
      // Line 391 (TX-23): a court-ordered all-party November election on redrawn lines (res_source
      // MIT_special_rows, prev_house_same_lines False); pres_margin_2p -14.52 → -14.52 + 2.48797 = -12.03203;
      // incumbent R (Bonilla), res_contest D_vs_R → contested; jac_po1 empty; dexp 963647.0, rexp 3821285.0.
      #expect(d06.byID["TX-23"] == ["TX-23", "TX", "West South Central", "-12.0320", "R", "contested", "R",
                                    "court-ordered all-party November election on redrawn lines; lines redrawn since 2004: no previous House result on them",
                                    "", "", "", "963647.00", "3821285.00"])
      // Line 415 (VT-01): pres_margin_2p 20.602 → 23.08997; incumbent_running False (open); seat_party_prior I
      // (Sanders) → held_by I with a note; prev 2004 race D_vs_R -54.8038 (MIT: D vs R, Sanders not counted).
      #expect(d06.byID["VT-01"]?[3...9] == ["23.0900", "open", "contested", "I", "held by an independent before the election", "-54.8038", "D_vs_R"])
      // Line 89 (FL-02): res_contest uncontested_no_votes_reported, res_winner D → fixed-D.
      #expect(d06.byID["FL-02"]?[4...7] == ["D", "fixed-D", "D", "unopposed; no votes printed"])

      // districts_2010.csv line 108 (FL-21): pres_margin_2p -2.1552 → -2.1552 - 7.37770 = -9.53290; open (Lincoln
      // Diaz-Balart retired); unopposed, no votes printed, res_winner R → fixed-R; prev -15.8016 D_vs_R; jac_po1 6,
      // jac_dexp empty, jac_rexp 541142.0.
      let d10 = try Self.rows(out + "/2010/districts.csv")
      #expect(d10.byID["FL-21"] == ["FL-21", "FL", "South Atlantic", "-9.5329", "open", "fixed-R", "R", "unopposed; no votes printed",
                                    "-15.8016", "D_vs_R", "6", "", "541142.00"])

      // districts_2014.csv line 57 (CA-35): pres_margin_2p 37.5909 → 37.5909 - 3.92772 = 33.66318; open; res_contest
      // D_vs_D (top-two) → fixed-D; prev_house_contest_mit D_vs_D → no prev_margin; jac_po1 2; dexp 422828.83.
      let d14 = try Self.rows(out + "/2014/districts.csv")
      #expect(d14.byID["CA-35"] == ["CA-35", "CA", "Pacific", "33.6632", "open", "fixed-D", "D", "", "", "D_vs_D", "2", "422828.83", ""])
      // Line 179 (LA-05): the November all-party round was D_vs_R (summed) → contested; prev R_no_D → no margin.
      #expect(d14.byID["LA-05"]?[3...9] == ["-27.5948", "R", "contested", "R", "", "", "R_no_D"])
    }
  }

  @Test func resultRowsMatchTheSourceRows() throws {
    try Self.withImport { out in
      let r06 = try Self.rows(out + "/2006/results.csv")
      #expect(r06.header == ResultsTable.columns)
      // districts_2006.csv line 2 (AK-01): res_winner R, res_margin_2p -17.1493, res_contest D_vs_R.
      #expect(r06.byID["AK-01"] == ["AK-01", "R", "-17.1493", "D_vs_R", ""])
      // Line 391 (TX-23): decided in the December runoff: res_runoff_margin_2p 8.5692, res_runoff_contest D_vs_R,
      // res_winner D (Rodriguez); the November round res_margin_2p 0.0897.
      #expect(r06.byID["TX-23"]?[0...3] == ["TX-23", "D", "8.5692", "D_vs_R"])
      #expect(r06.byID["TX-23"]?[4].contains("the November round was D_vs_R +0.0897") == true)
      // Line 89 (FL-02): no votes printed → no margin.
      #expect(r06.byID["FL-02"] == ["FL-02", "D", "", "uncontested_no_votes_reported", ""])
      // districts_2010.csv line 295 (NY-21): res_source 538_nov_round, res_margin_2p 18.58, res_winner D.
      let r10 = try Self.rows(out + "/2010/results.csv")
      #expect(r10.byID["NY-21"]?[0...3] == ["NY-21", "D", "18.5800", "D_vs_R"])
      // districts_2014.csv line 179 (LA-05): December runoff D_vs_R -28.4369, winner R; line 57 (CA-35) D_vs_D, no margin.
      let r14 = try Self.rows(out + "/2014/results.csv")
      #expect(r14.byID["LA-05"]?[0...3] == ["LA-05", "R", "-28.4369", "D_vs_R"])
      #expect(r14.byID["CA-35"] == ["CA-35", "D", "", "D_vs_D", ""])
      // Line 293 (NY-21): res_margin_2p -23.9315, winner R.
      #expect(r14.byID["NY-21"] == ["NY-21", "R", "-23.9315", "D_vs_R", ""])
      // Seats won, from res_winner (SOURCES.md: 233/202, 193/242, 188/247).
      for (cycle, d) in [(2006, 233), (2010, 193), (2014, 188)] {
        let results = try ResultsTable.read(CSVTable(contentsOf: out + "/\(cycle)/results.csv"))
        #expect(results.filter { $0.winner == .democratic }.count == d)
        #expect(results.filter { $0.winner == .republican }.count == 435 - d)
      }
    }
  }

  @Test func specialRowsMatchTheSourceRows() throws {
    try Self.withImport { out in
      let start = [2006: "2005-01-01", 2010: "2009-01-01", 2014: "2013-01-01"]
      let day = [2006: "2006-11-07", 2010: "2010-11-02", 2014: "2014-11-04"]
      func specials(_ cycle: Int) throws -> [SpecialElection] {
        try SpecialsTable.read(CSVTable(contentsOf: out + "/\(cycle)/specials.csv"), cycleStart: CalendarDate(iso: start[cycle]!)!,
                               electionDate: CalendarDate(iso: day[cycle]!)!, levels: ["federal"])
      }
      // specials_federal_2005_2006.csv line 3 (OH-02, 2005-08-02): margin_2p -3.275, pres_margin_2p -27.932 →
      // lean -27.932 + 2.48797 = -25.44403, shift -3.275 + 25.44403 = 22.16903.
      let s06 = try specials(2006)
      let oh = try #require(s06.first { $0.seat == "OH-02" })
      #expect(oh.margin == -3.275 && oh.lean == -25.444 && oh.shift == 22.169)
      #expect(oh.source == "specials_federal_2005_2006.csv line 3")
      // NJ-13 (D_no_R) and TX-22 (R_vs_R), both on 2006-11-07, have no two-party margin.
      #expect(s06.map(\.seat) == ["CA-05 jungle primary", "OH-02", "CA-48", "CA-50"])
      // specials_federal_2009_2010.csv line 9 (PA-12, 2010-05-18): margin_2p 7.836, pres_margin_2p -0.314 →
      // lean -0.314 - 7.37770 = -7.69170, shift 7.836 + 7.69170 = 15.52770.
      let s10 = try specials(2010)
      let pa = try #require(s10.first { $0.seat == "PA-12" })
      #expect(pa.margin == 7.836 && pa.lean == -7.692 && pa.shift == 15.528)
      #expect(s10.count == 10)  // 12 rounds less NY-23 (contest other) and the GA-09 runoff (R_vs_R)
      // specials_federal_2013_2014.csv line 9 (FL-13, 2014-03-11): margin_2p -1.998, pres_margin_2p 1.487 →
      // lean 1.487 - 3.92772 = -2.44072, shift -1.998 + 2.44072 = 0.44272.
      let s14 = try specials(2014)
      let fl = try #require(s14.first { $0.seat == "FL-13" })
      #expect(fl.margin == -1.998 && fl.lean == -2.441 && fl.shift == 0.443)
      #expect(s14.count == 11)  // 12 rounds less the LA-05 runoff (R_vs_R)
    }
  }

  @Test func everyTableHas435SeatsInTheSameOrder() throws {
    try Self.withImport { out in
      for cycle in [2006, 2010, 2014] {
        let districts = try DistrictTable.read(CSVTable(contentsOf: out + "/\(cycle)/districts.csv"))
        let results = try ResultsTable.read(CSVTable(contentsOf: out + "/\(cycle)/results.csv"), districts: districts)
        #expect(districts.count == 435)
        #expect(results.map(\.id) == districts.map(\.id))
      }
      // Contest counts of SOURCES.md ("Per cycle"): 2006 D_vs_R 380; 2010 406; 2014 358.
      let contested = try [2006, 2010, 2014].map { cycle in
        try DistrictTable.read(CSVTable(contentsOf: out + "/\(cycle)/districts.csv")).filter { $0.status == .contested }.count
      }
      #expect(contested == [380, 406, 358])
    }
  }

  /// The district polls (`DistrictPollsImporter`) against the raw file read by hand: 2018's CA-10
  /// row is NYT/Siena of 10/23/2018, 501 respondents, DEM 47.28 REP 44.92, nonpartisan, so its
  /// two-party margin is 100 x 2.36 / 92.2 = 2.5597; 2014's 94 polls are the rows of type House-G, a
  /// district, the November election day, a D and an R (counted with a script); of 2006's 197 such
  /// rows one has the `partisan` code `DEM,REP` and is skipped (PROVENANCE.md), leaving 196.
  @Test func pollRowsMatchTheSourceRows() throws {
    let polls2018 = try CSVTable(contentsOf: TestSupport.repositoryRoot + "/config/2018/polls.csv")
    let row = try #require(polls2018.rows.first { $0[0] == "CA-10" })
    #expect(row == ["CA-10", "2018-10-23", "The New York Times/Siena College", "501", String(format: "%.4f", 100 * 2.36 / 92.2), ""])
    try Self.withImport { out in
      let counts = try [2014, 2006].map { try CSVTable(contentsOf: out + "/\($0)/polls.csv").rows.count }
      #expect(counts == [94, 196])
    }
  }

  @Test func aRebuildIsByteIdenticalToTheShippedTables() throws {
    try Self.withImport { out in
      let again = TestSupport.temporaryFolder()
      defer { try? FileManager.default.removeItem(atPath: again) }
      _ = try ImportSources.run(cycles: [2014, 2006, 2010], source: TestSupport.sharedData, regions: Self.regions, output: again)
      for cycle in [2006, 2010, 2014] {
        for file in ["\(cycle)/districts.csv", "\(cycle)/specials.csv", "\(cycle)/results.csv", "\(cycle)/polls.csv",
                     "\(cycle)/PROVENANCE.md", "house-\(cycle).json5"] {
          let first = FileManager.default.contents(atPath: out + "/" + file)
          #expect(first != nil && first == FileManager.default.contents(atPath: again + "/" + file), "\(file) differs between two imports")
          #expect(first == FileManager.default.contents(atPath: TestSupport.repositoryRoot + "/config/" + file),
                  "\(file) differs from the shipped config/\(file): run `swift run bellwether import`")
        }
      }
    }
  }

  @Test func badRowsAreAllRefusedWithFileLineAndFieldAndNothingIsWritten() throws {
    let source = TestSupport.temporaryFolder()
    let parent = TestSupport.temporaryFolder()
    let out = parent + "/config"
    defer {
      try? FileManager.default.removeItem(atPath: source)
      try? FileManager.default.removeItem(atPath: parent)
    }
    try FileManager.default.createDirectory(atPath: source + "/history", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: TestSupport.sharedData + "/national", toPath: source + "/national")
    for file in ["specials_federal_2005_2006.csv", "pres_national_britannica_1789_2016.csv"] {
      try FileManager.default.copyItem(atPath: TestSupport.sharedData + "/history/" + file, toPath: source + "/history/" + file)
    }
    var lines = try String(contentsOfFile: TestSupport.sharedData + "/history/districts_2006.csv", encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Line 2 (AK-01): an unknown contest code; line 3 (AL-01): a presidential margin that is not a number.
    #expect(lines[1].contains(",D_vs_R,R,MIT,"))
    lines[1] = lines[1].replacingOccurrences(of: ",D_vs_R,R,MIT,", with: ",D_vs_I,R,MIT,")
    #expect(lines[2].contains(",-29.5359,"))
    lines[2] = lines[2].replacingOccurrences(of: ",-29.5359,", with: ",minus 29,")
    let broken = source + "/history/districts_2006.csv"
    try lines.joined(separator: "\n").write(toFile: broken, atomically: true, encoding: .utf8)
    #expect {
      try ImportSources.run(cycles: [2006], source: source, regions: Self.regions, output: out)
    } throws: { error in
      guard let errors = error as? InputErrors else { return false }
      return errors.errors == [
        InputError(file: broken, line: 2, field: "res_contest",
                   expected: "D_vs_R, D_no_R, D_vs_D, R_no_D, R_vs_R, uncontested_no_votes_reported", found: "D_vs_I"),
        InputError(file: broken, line: 3, field: "pres_margin_2p", expected: "a finite number", found: "minus 29"),
      ]
    }
    #expect(!FileManager.default.fileExists(atPath: out))

    // More than 20 bad rows: the first 20 are listed and the rest counted.
    let many = lines.enumerated().map { $0.offset >= 1 && $0.offset <= 25 ? $0.element.replacingOccurrences(of: "2006,", with: "2007,", options: .anchored) : $0.element }
    try many.joined(separator: "\n").write(toFile: broken, atomically: true, encoding: .utf8)
    #expect {
      try ImportSources.run(cycles: [2006], source: source, regions: Self.regions, output: out)
    } throws: { error in
      guard let errors = (error as? InputErrors)?.errors, errors.count == 21 else { return false }
      return errors[0] == InputError(file: broken, line: 2, field: "cycle", expected: "2006", found: "2007")
        && errors[19].line == 21 && "\(errors[20])".contains("5 more bad rows not listed")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func everyShippedConfigLoadsAndBuildsAModel() throws {
    // The generic-ballot misses: every even cycle 1998 ... cycle - 2 (4, 6 and 8 cycles); alpha is
    // "derived": (1 - beta) x the national margin above as the config's lean table states it (three
    // decimals), beta the judgment 0.4 for 2006 and the fit's for 2010 and 2014 (ShippedFitTests).
    for (cycle, misses, margin, beta) in [(2006, 4, -2.488, 0.4), (2010, 6, 7.378, 1.163), (2014, 8, 3.928, 1.093)] {
      let forecaster = try Forecaster(configPath: TestSupport.repositoryRoot + "/config/house-\(cycle).json5")
      let config = forecaster.inputs.config
      #expect(config.chamber.name == "U.S. House \(cycle)" && config.chamber.seats == 435 && config.chamber.majority == 218)
      #expect(config.leanBaseline?.nationalMargin == margin)
      #expect(abs(config.priors.translationAlpha - (1 - beta) * margin) < 1e-12 && config.priors.translationBeta == beta)
      #expect(config.data.results?.hasSuffix("config/\(cycle)/results.csv") == true)
      let model = try forecaster.model(ForecastOptions(draws: 1))
      // The generic-ballot-horizon prior at the fit's six horizons, from the misses of 1998 ... cycle - 2
      // (the table's own `cycles`, checked in the config text; the values: ShippedFitTests).
      guard case .genericBallotByHorizon(let table, _) = config.priors.environmentPrior else {
        Issue.record("\(cycle): not a generic-ballot-horizon prior")
        continue
      }
      #expect(table.map(\.days) == [1, 7, 30, 60, 90, 120])
      let text = try String(contentsOfFile: TestSupport.repositoryRoot + "/config/house-\(cycle).json5", encoding: .utf8)
      let cycles = "cycles: [" + stride(from: 1998, through: cycle - 2, by: 2).map(String.init).joined(separator: ", ") + "] }"
      #expect(text.components(separatedBy: cycles).count - 1 == 6 && misses == (cycle - 2 - 1998) / 2 + 1)
      #expect(model.plan.seats == 435)
    }
  }
}
