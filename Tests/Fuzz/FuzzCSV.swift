// libFuzzer harness for the CSV readers: `CSVTable` and the three schemas read through it
// (`DistrictTable`, `SpecialsTable`, `NationalSeries`). Built by `run-fuzz.sh` together with the
// engine's Values/, Config/ and Inputs/ sources (no package import), with -sanitize=fuzzer,address.
//
// Any input must end in a value, an `InputError`, or `InputErrors` (several bad rows at once, each
// in this file); never a trap, a hang or a sanitizer report.
// The checks below also hold the parser to its contract on every input it accepts.
import Foundation

private let cycleStart = CalendarDate(iso: "2017-01-01")!
private let electionDate = CalendarDate(iso: "2018-11-06")!
private let chamber = [
  District(id: "PA-05", state: "PA", region: "Middle Atlantic", lean: 12.4, incumbent: nil, status: .contested, heldBy: .republican),
  District(id: "OH-02", state: "OH", region: "East North Central", lean: -18.25, incumbent: .republican, status: .contested, heldBy: .republican),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  let table: CSVTable
  do {
    table = try CSVTable(data: data, file: "fuzz.csv")
  } catch let error as InputError {
    precondition(error.file == "fuzz.csv" && !error.description.isEmpty)
    return 0
  } catch {
    preconditionFailure("CSVTable threw something other than an InputError: \(error)")
  }
  // The contract of an accepted table.
  precondition(!table.header.isEmpty && table.rows.count == table.lines.count)
  precondition(table.rows.allSatisfy { $0.count == table.header.count })
  precondition(zip(table.lines, table.lines.dropFirst()).allSatisfy { $0 < $1 })
  precondition(table.lines.allSatisfy { $0 > table.headerLine })

  func expectInputError(_ body: () throws -> Void) {
    do {
      try body()
    } catch is InputError {
    } catch let errors as InputErrors {
      precondition(errors.errors.count >= 2 && errors.errors.allSatisfy { $0.file == "fuzz.csv" })
    } catch {
      preconditionFailure("a reader threw \(error)")
    }
  }
  expectInputError {
    let districts = try DistrictTable.read(table)
    precondition(districts.allSatisfy { $0.lean.isFinite && abs($0.lean) <= 200 && !$0.id.isEmpty })
    precondition(Set(districts.map(\.id)).count == districts.count)
  }
  expectInputError {
    let specials = try SpecialsTable.read(table, cycleStart: cycleStart, electionDate: electionDate,
                                          levels: ["federal", "statewide", "state_legislative"], districts: chamber)
    precondition(specials.allSatisfy { $0.shift.isFinite && $0.date >= cycleStart && $0.date <= electionDate })
  }
  expectInputError {
    let series = try NationalSeries.read(genericBallot: table, houseVote: table)
    precondition(series.genericBallot.allSatisfy { $0.twoPartyMargin.isFinite })
  }
  return 0
}
