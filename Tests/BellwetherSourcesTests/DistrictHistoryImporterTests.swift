import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherFit
@testable import BellwetherSources

/// `config/national/district_history.csv` (`DistrictHistoryImporter`): the contested seats of the 1998
/// and 2002 midterms, from which the district fit for 2006 is made (docs/fit.md, "District model").
@Suite(.enabled(if: TestSupport.hasSharedData, "needs ../shared/data"))
struct DistrictHistoryImporterTests {
  /// The shipped table is what the importer builds. The counts and two rows were computed from the
  /// raw Jacobson file by a separate Python script (csv module, the same rules written out again):
  /// 339 seats in 1998 (319 with a previous race on the same lines) and 350 in 2002 (6: nearly every
  /// seat was redrawn). AL-02 1998: inc 0, dv 30.67, dvp 35.92, dpres 40.03556, 1996 national
  /// margin 100 (47402357 − 39198755) / 86601112 = 9.47286, so lean = 2 × 40.03556 − 100 − 9.47286 =
  /// −29.4017; IL-04 1998 (inc 1, dv 83.74, no dvp): lean 60.2531, no previous race.
  @Test func theShippedTableIsTheImportAndMatchesAnIndependentCount() throws {
    let built = try DistrictHistoryImporter(source: TestSupport.sharedData).build()
    let shipped = try String(contentsOfFile: TestSupport.repositoryRoot + "/config/" + DistrictHistoryImporter.output, encoding: .utf8)
    #expect(built.text == shipped, "run `swift run bellwether import`")
    let seats = try DistrictHistoryTable.read(CSVTable(data: Data(shipped.utf8), file: "district_history.csv"))
    #expect(seats.filter { $0.cycle == 1998 }.count == 339 && seats.filter { $0.cycle == 2002 }.count == 350)
    #expect(seats.filter { $0.cycle == 1998 && $0.previousRelative != nil }.count == 319)
    #expect(seats.filter { $0.cycle == 2002 && $0.previousRelative != nil }.count == 6)
    let al02 = try #require(seats.first { $0.cycle == 1998 && $0.id == "AL-02" })
    #expect(al02.seatClass == .republicanIncumbent && abs(al02.lean - (-29.4017)) < 1e-4 && abs(al02.margin - (-38.66)) < 1e-4)
    #expect(abs(try #require(al02.previousRelative) - (-28.16 - 0.07)) < 1e-4 && al02.houseVote == -1.15)
    let il04 = try #require(seats.first { $0.cycle == 1998 && $0.id == "IL-04" })
    #expect(il04.seatClass == .democraticIncumbent && abs(il04.lean - 60.2531) < 1e-4 && il04.previousRelative == nil)
    #expect(!seats.contains { $0.id.hasPrefix("LA-") })
  }

  /// The fit for 2006 reads these seats and no shipped cycle, and its with-previous and
  /// without-previous coefficients equal numpy's `lstsq` on the sample the Python script rebuilt
  /// from the raw file (325 and 364 seats; rounding of the table's 4 decimals allows 1e-3).
  @Test func theDistrictFitFor2006ComesFrom1998And2002() throws {
    let inputs = try FitInputs.load(.shipped(root: TestSupport.repositoryRoot), before: 2006)
    #expect(inputs.cycles.isEmpty && inputs.seatCycles == [1998, 2002])
    let fit = PriorFit.fit(inputs, forCycle: 2006, horizons: [1])
    let district = try #require(fit.district)
    #expect(district.cycles == [1998, 2002])
    let with = try #require(district.specification(.withPrevious)?.pooled)
    let without = try #require(district.specification(.withoutPrevious)?.pooled)
    #expect(with.seats == 325 && without.seats == 364)
    let expectedWith = ["lean": 0.2709, "previous": 0.5527, "D-incumbent": 15.8802, "R-incumbent": -11.0166, "open": 6.1211]
    let expectedWithout = ["lean": 0.5969, "D-incumbent": 29.3316, "R-incumbent": -20.2459, "open": 2.0427]
    for (name, value) in expectedWith { #expect(abs(try #require(with.estimate(name)) - value) < 1e-3, "\(name)") }
    for (name, value) in expectedWithout { #expect(abs(try #require(without.estimate(name)) - value) < 1e-3, "\(name)") }
    // A later fit adds the shipped cycles and keeps the history.
    let later = try FitInputs.load(.shipped(root: TestSupport.repositoryRoot), before: 2010)
    #expect(later.seatCycles == [1998, 2002, 2006])
  }
}
