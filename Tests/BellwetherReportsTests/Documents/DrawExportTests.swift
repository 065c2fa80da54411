import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherBench
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherHistory
@testable import BellwetherReports
@testable import BellwetherSources

/// `--export-draws`: the file must hold exactly the draws the tallies counted, in block order, the
/// same bytes for any thread count.
@Suite(.serialized)
struct DrawExportTests {
  static func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "bw-export-\(getpid())-\(name)"
  }

  /// Runs the small chamber with an export and reads the file back.
  static func export(draws: Int, threads: Int, outcomes: Bool, name: String) throws -> (ForecastResult, DrawFile, Data) {
    let model = try ForecastModel.build(inputs: ReportFixtures.smallInputs(draws: draws, seed: 5))
    let path = temporaryPath(name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let sink = try DrawExportFile(path: path, model: model, outcomes: outcomes)
    let result = try #require(ForecastRun.execute(model, threads: threads, sink: sink))
    try sink.finish()
    let data = try #require(FileManager.default.contents(atPath: path))
    return (result, try DrawFile(data: data, file: path), data)
  }

  @Test func exportedDrawsReproduceTheTallies() throws {
    // 3,000 draws: two full blocks and a short third one.
    let (result, file, data) = try Self.export(draws: 3_000, threads: 2, outcomes: true, name: "tallies")
    let plan = result.model.plan
    #expect(file.draws == 3_000 && file.seed == 5 && file.seats == plan.seats && file.majority == plan.majority)
    #expect(file.fixedDemocratic == plan.fixedDemocratic && file.hasOutcomes)
    #expect(file.contestedIDs == plan.contestedIndices.map { result.model.inputs.districts[$0].id })
    let record = 12 + (plan.contested + 7) / 8
    #expect(data.count % 8 == (file.draws * record) % 8)  // header is a multiple of 8 bytes
    // Seat histogram.
    var seats = [Int](repeating: 0, count: plan.seats + 1)
    for s in file.democraticSeats { seats[Int(s)] += 1 }
    #expect(seats == result.tallies.seatCounts)
    // Environment: same bins as the joint histogram, and the same fixed-point sum.
    let row = plan.seats + 1
    var joint = [Int](repeating: 0, count: result.tallies.environmentSeats.count)
    var sum = 0
    for (e, s) in zip(file.environment, file.democraticSeats) {
      var bin = Int(((e + SimulationPlan.environmentRange) / SimulationPlan.environmentBinWidth).rounded(.down))
      bin = min(max(bin, 0), SimulationPlan.environmentBins - 1)
      joint[bin * row + Int(s)] += 1
      sum += Int((e * Tallies.fixedPointScale).rounded())  // to the nearest step, as the kernel does
    }
    #expect(joint == result.tallies.environmentSeats)
    #expect(sum == result.tallies.environmentSum)
    // Outcome bits: per seat the wins, per draw the seat count.
    var wins = [Int](repeating: 0, count: plan.contested)
    for j in 0..<file.draws {
      var count = plan.fixedDemocratic
      for d in 0..<plan.contested where file.democraticWin(draw: j, seat: d) {
        wins[d] += 1
        count += 1
      }
      #expect(count == Int(file.democraticSeats[j]))
    }
    #expect(wins == result.tallies.wins)
  }

  @Test func theFileIsTheSameBytesForAnyThreadCount() throws {
    let one = try Self.export(draws: 5_000, threads: 1, outcomes: true, name: "t1").2
    let two = try Self.export(draws: 5_000, threads: 2, outcomes: true, name: "t2").2
    let four = try Self.export(draws: 5_000, threads: 4, outcomes: true, name: "t4").2
    #expect(one == two && two == four)
  }

  @Test func withoutOutcomesRecordsAreTwelveBytes() throws {
    let (result, file, data) = try Self.export(draws: 1_500, threads: 2, outcomes: false, name: "plain")
    #expect(!file.hasOutcomes && file.outcomes.isEmpty)
    let header = Int(data[12]) | Int(data[13]) << 8
    #expect(data.count == header + 1_500 * 12)
    #expect(Array(data.prefix(8)) == Array("BWDRAW01".utf8))
    #expect(file.democraticSeats.map { Int($0) }.reduce(0, +) == result.tallies.seatCounts.enumerated().reduce(0) { $0 + $1.offset * $1.element })
  }

  @Test func exportingLeavesTheForecastUnchanged() throws {
    let (withExport, _, _) = try Self.export(draws: 4_000, threads: 2, outcomes: true, name: "same")
    let plain = ForecastRun.execute(try ForecastModel.build(inputs: ReportFixtures.smallInputs(draws: 4_000, seed: 5)), threads: 2)!
    #expect(withExport.tallies == plain.tallies)
  }

  @Test func anAbandonedExportLeavesNoFile() throws {
    let model = try ForecastModel.build(inputs: ReportFixtures.smallInputs(draws: 100, seed: 5))
    let folder = NSTemporaryDirectory() + "bw-abandon-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sink = try DrawExportFile(path: folder + "/draws.bin", model: model, outcomes: false)
    sink.abandon()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
  }

  @Test func aDamagedFileIsRefusedWithTheField() throws {
    let (_, _, data) = try Self.export(draws: 1_024, threads: 1, outcomes: false, name: "damaged")
    #expect(throws: InputError.self) { try DrawFile(data: data.dropLast(3), file: "x.bin") }
    var wrong = data
    wrong[0] = UInt8(ascii: "X")
    #expect(throws: InputError.self) { try DrawFile(data: wrong, file: "x.bin") }
  }
}
