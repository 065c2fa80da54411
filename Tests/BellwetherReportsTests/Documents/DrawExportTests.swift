import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// `--export-draws`: the file must hold exactly the draws the tallies counted, in block order, the
/// same bytes for any thread count.
@Suite(.serialized)
struct DrawExportTests {
  static func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "bw-export-\(getpid())-\(name)"
  }

  /// Runs the small chamber (with its environment fixed at `environment`, if given) with an export
  /// and reads the file back.
  static func export(draws: Int, threads: Int, outcomes: Bool, name: String,
                     environment: Double? = nil) throws -> (ForecastResult, DrawFile, Data) {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs(draws: draws, seed: 5)).model(ForecastOptions(environment: environment))
    let path = temporaryPath(name)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let sink = try DrawExportFile(path: path, model: model, outcomes: outcomes)
    let result = try #require(Forecaster.run(model, threads: threads, sink: sink))
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
    // Environment. The joint histogram counts each draw once, in the row of its seat count: its
    // seat marginal is the seat histogram the file gives.
    let row = plan.seats + 1
    let joint = result.tallies.environmentSeats
    let bins = SimulationPlan.environmentBins
    #expect((0..<row).map { s in (0..<bins).map { joint[$0 * row + s] }.reduce(0, +) } == seats)
    // Each draw's bin, by comparison with the bin edges as stated (width 0.5 over -60...60, first
    // edge -60, values below -60 in the first bin and from the last edge on in the last), not by
    // the kernel's arithmetic `floor((e + 60) / 0.5)`: the edges -60 + 0.5 k are exact doubles,
    // so these comparisons are exact.
    let edges = (0..<bins).map { -SimulationPlan.environmentRange + SimulationPlan.environmentBinWidth * Double($0) }
    var byEdges = [Int](repeating: 0, count: joint.count)
    for (e, s) in zip(file.environment, file.democraticSeats) {
      let bin = edges.lastIndex { $0 <= e } ?? 0
      byEdges[bin * row + Int(s)] += 1
    }
    #expect(byEdges == joint)
    // The tallies' environment sum is in steps of 1/1024 point, each draw rounded to the nearest
    // step: it is within half a step per draw of the exact sum of the file's environments.
    let exact = file.environment.reduce(0, +)
    #expect(abs(Double(result.tallies.environmentSum) / Tallies.fixedPointScale - exact) <= 0.5 / Tallies.fixedPointScale * Double(file.draws))
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

  /// Fixed environments, each bin and fixed-point sum worked by hand. Bin k of the joint histogram
  /// holds environments in [-60 + 0.5 k, -60 + 0.5 (k + 1)), k = 0...240; below -60 counts in bin 0,
  /// from 60.5 on in bin 240 (clamped). The sum adds each draw's environment in steps of 1/1024
  /// point, rounded to the nearest step.
  @Test(arguments: [
    (-3.0009, 113, -3073),  // in [-3.5, -3.0): k = (-3.5 + 60) / 0.5 = 113; round(-3072.9216) = -3073
    (4.0, 128, 4096),       // on an edge, so in [4, 4.5): k = 64 / 0.5 = 128; 4 * 1024 = 4096
    (0.25, 120, 256),       // in [0, 0.5): k = 120; 0.25 * 1024 = 256
    (-59.9, 0, -61338),     // in [-60, -59.5): k = 0; round(-61337.6) = -61338
    (60.2, 240, 61645),     // in [60, 60.5): k = 240; round(61644.8) = 61645
    (75.0, 240, 76800),     // beyond the range: the last bin; 75 * 1024 = 76800
    (-70.0, 0, -71680),     // below it: the first bin; -70 * 1024 = -71680
  ])
  func fixedEnvironmentDrawsFallInTheBinWorkedByHand(environment: Double, bin: Int, steps: Int) throws {
    let draws = 1_500  // a full block and a short one
    let (result, file, _) = try Self.export(draws: draws, threads: 2, outcomes: false, name: "bin-\(bin)-\(steps)",
                                            environment: environment)
    #expect(file.environment.allSatisfy { $0 == environment })
    let row = result.model.plan.seats + 1
    var seats = [Int](repeating: 0, count: row)
    for s in file.democraticSeats { seats[Int(s)] += 1 }
    var expected = [Int](repeating: 0, count: result.tallies.environmentSeats.count)
    for s in 0..<row { expected[bin * row + s] = seats[s] }
    #expect(result.tallies.environmentSeats == expected)
    #expect(result.tallies.environmentSum == steps * draws)
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
    let plain = try Forecaster(inputs: SyntheticChamber.smallInputs(draws: 4_000, seed: 5)).forecast(threads: 2)!
    #expect(withExport.tallies == plain.tallies)
  }

  @Test func anAbandonedExportLeavesNoFile() throws {
    let model = try Forecaster(inputs: SyntheticChamber.smallInputs(draws: 100, seed: 5)).model()
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
