import Foundation
import Testing
import TestSupport
@testable import BellwetherDistributed
@testable import BellwetherEngine
@testable import BellwetherReports

struct ShardingTests {
  static func model(draws: Int = 9 * 1024 + 100, seed: UInt64 = 3) throws -> ForecastModel {
    try Forecaster(configPath: TestSupport.defaultConfig).model(ForecastOptions(draws: draws, seed: seed))
  }

  static func partials(_ model: ForecastModel, count: Int) throws -> [(file: String, partial: PartialResult)] {
    try (0..<count).map { i in
      let shard = Simulator.Shard(index: i, count: count)
      return ("p\(i)", try #require(ShardedRun.simulate(model, shard: shard, threads: 2)))
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func mergedShardsAreByteIdenticalToOneRun() throws {
    let model = try Self.model()
    let single = try ReportBundle.render(try #require(Forecaster.run(model, threads: 2)))
    for count in [2, 4, 10] {
      let (_, tallies) = try PartialMerger.merge(try Self.partials(model, count: count))
      let merged = try ReportBundle.render(ForecastResult(model: model, tallies: tallies))
      #expect(merged.map(\.contents) == single.map(\.contents))
    }
  }

  /// A partial file is a magic line, a JSON header and the tallies as LEB128 varints
  /// (`PartialResult.encoded()`); reading it back gives the same partial, and a cut or older file
  /// is refused with its name.
  @Test func partialsRoundTripThroughTheirBinaryFileAndDamagedOrOldFilesAreRefused() throws {
    let model = try Self.model(draws: 3000)
    let p = try #require(ShardedRun.simulate(model, shard: .init(index: 1, count: 2), threads: 1))
    let folder = TestSupport.temporaryFolder()
    try p.encoded().write(to: URL(fileURLWithPath: folder + "/p.bwp"))
    let back = try PartialResult.read(path: folder + "/p.bwp")
    #expect(back.tallies == p.tallies && back.identity == p.identity && back.blocks == [1])
    // A truncated file is refused with its name, not misread.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/p.bwp"))
    try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: folder + "/cut.bwp"))
    #expect { try PartialResult.read(path: folder + "/cut.bwp") } throws: { "\($0)".contains("cut.bwp") && "\($0)".contains("truncated") }
    // Cut inside the header line, inside the magic line, or empty: each said as such.
    for (length, found) in [(300, "a truncated file of 300 bytes"), (10, "a truncated file of 10 bytes"), (0, "an empty file")] {
      try bytes.prefix(length).write(to: URL(fileURLWithPath: folder + "/cut.bwp"))
      #expect { try PartialResult.read(path: folder + "/cut.bwp") } throws: { "\($0)".hasPrefix("\(folder)/cut.bwp: expected a Bellwether partial") && "\($0)".contains(found) }
    }
    // Every single-bit flip after the magic line is refused (checksum, or the header's schema), naming the file.
    let magicLength = "BELLWETHER-PARTIAL/1\n".utf8.count
    for position in stride(from: magicLength, to: bytes.count, by: max(1, bytes.count / 97)) {
      for bit in [0, 3, 7] {
        var flipped = bytes
        flipped[position] ^= UInt8(1 << bit)
        try flipped.write(to: URL(fileURLWithPath: folder + "/flip.bwp"))
        #expect(throws: InputError.self, "byte \(position) bit \(bit)") { _ = try PartialResult.read(path: folder + "/flip.bwp") }
      }
    }
    var flipped = bytes
    flipped[bytes.count - 80] ^= 1
    try flipped.write(to: URL(fileURLWithPath: folder + "/flip.bwp"))
    #expect { try PartialResult.read(path: folder + "/flip.bwp") } throws: {
      "\($0)" == "\(folder)/flip.bwp: expected a partial whose last line is the SHA-256 of its contents (a shard writes it; run the shard again), "
        + "found a checksum that does not match the contents: the file is corrupt"
    }
    // A header whose counts disagree with the body is refused even with a valid checksum.
    var edited = p
    edited.tallies.draws += 1
    try edited.encoded().write(to: URL(fileURLWithPath: folder + "/edited.bwp"))
    #expect { try PartialResult.read(path: folder + "/edited.bwp") } throws: {
      "\($0)" == "\(folder)/edited.bwp:2: field 'draws': expected the \(p.tallies.draws) draws of shard \(p.shard.index)/\(p.shard.count)'s "
        + "\(p.blocks.count) blocks, found '\(p.tallies.draws + 1)'"
    }
    // The shard's draws right, a seat count edited.
    var recounted = p
    recounted.tallies.seatCounts[0] += 1
    try recounted.encoded().write(to: URL(fileURLWithPath: folder + "/edited.bwp"))
    #expect { try PartialResult.read(path: folder + "/edited.bwp") } throws: {
      "\($0)".hasPrefix("\(folder)/edited.bwp:2: field 'draws': expected the number of draws the seat counts add up to (\(p.tallies.draws + 1))")
    }
    // Another block count than the run's draws make, or another engine's block size, is refused.
    var reblocked = p
    reblocked.blockCount += 1
    try reblocked.encoded().write(to: URL(fileURLWithPath: folder + "/edited.bwp"))
    #expect { try PartialResult.read(path: folder + "/edited.bwp") } throws: { "\($0)".contains("field 'blockCount'") }
    var otherEngine = p
    otherEngine.identity.blockSize *= 2
    try otherEngine.encoded().write(to: URL(fileURLWithPath: folder + "/edited.bwp"))
    #expect { try PartialResult.read(path: folder + "/edited.bwp") } throws: {
      "\($0)".contains("expected a partial of this engine (block size \(SimulationPlan.blockSize)")
    }
    // Counts whose sum overflows 64 bits are refused, not added with wrapping arithmetic.
    var huge = p
    huge.tallies.seatCounts[0] = Int.max
    huge.tallies.seatCounts[1] = Int.max
    try huge.encoded().write(to: URL(fileURLWithPath: folder + "/edited.bwp"))
    #expect { try PartialResult.read(path: folder + "/edited.bwp") } throws: { "\($0)".contains("more than 2^63") }
    // A FIFO named as a partial is refused as one, never opened (it would hang the merge).
    #expect(mkfifo(folder + "/fifo.bwp", 0o600) == 0)
    #expect { try PartialResult.read(path: folder + "/fifo.bwp") } throws: { "\($0)".contains("a FIFO (named pipe), not a regular file") }
    // A partial of the previous format (a histogram per seat) is named as another format version.
    let old = "BELLWETHER-PARTIAL/1\n" + #"{"binsPerSeat":305,"schema":"bellwether.partial/1"}"# + "\n"
    try Data(old.utf8).write(to: URL(fileURLWithPath: folder + "/old.bwp"))
    #expect { try PartialResult.read(path: folder + "/old.bwp") } throws: {
      "\($0)".contains("old.bwp") && "\($0)".contains("bellwether.partial/1") && "\($0)".contains(PartialResult.schemaName)
    }
  }

  /// Mutated partials re-checksummed (so that the header and body readers, not the checksum, meet
  /// them) are refused with an `InputError` naming the file, or read with consistent counts; never a
  /// trap (a zero shard count, a negative or huge array length, a cut varint).
  @Test func mutatedPartialsWithAValidChecksumAreRefusedOrConsistent() throws {
    let model = try Self.model(draws: 3000)
    let p = try #require(ShardedRun.simulate(model, shard: .init(index: 1, count: 2), threads: 1))
    let good = [UInt8](try p.encoded())
    let body = Array(good.dropLast(PartialResult.checksumLineLength))
    let headerEnd = body.firstIndex(of: UInt8(ascii: "}"))!
    let folder = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var random = Xoshiro256StarStar(seed: 14)
    func below(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }
    let words = ["0", "-1", "99999999999999999", "\"count\":0", "[]", "null", "\"", "9"]
    for round in 0..<600 {
      var m = body
      switch round % 4 {
      case 0: m[below(m.count)] ^= UInt8(1 << below(8))
      case 1:
        let at = below(headerEnd)
        m.replaceSubrange(at..<min(at + below(6), m.count), with: Array(words[below(words.count)].utf8))
      case 2: m.removeSubrange(below(m.count)..<m.count)
      default: m.insert(contentsOf: (0..<below(20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: below(m.count))
      }
      let file = folder + "/m.bwp"
      try Data(m + Array((PartialResult.checksumPrefix + SHA256.hex(m) + "\n").utf8)).write(to: URL(fileURLWithPath: file))
      do {
        let back = try PartialResult.read(path: file)
        #expect(back.tallies.seatCounts.reduce(0, +) == back.tallies.draws)
        _ = back.blocks
      } catch let error as InputError {
        #expect(error.file == file)
      }
    }
  }

  /// A partial whose arrays do not have the rebuilt model's shapes is refused, naming them.
  @Test func aPartialThatDoesNotFitTheRebuiltModelIsRefused() throws {
    let model = try Self.model(draws: 1024)
    var p = try #require(ShardedRun.simulate(model, shard: .all, threads: 1))
    p.tallies.wins.removeLast()
    p.tallies.tipping.removeLast()
    let folder = TestSupport.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = try p.write(into: folder)
    #expect { _ = try ShardedRun.merge(partialPaths: [file], configPath: TestSupport.defaultConfig) } throws: {
      "\($0)".hasPrefix("the partials' tallies do not fit the rebuilt model (wins: \(p.tallies.wins.count), the model has \(p.tallies.wins.count + 1); tipping:")
    }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func aMissingShardIsRefused() throws {
    let parts = try Self.partials(try Self.model(), count: 3)
    #expect { try PartialMerger.merge(Array(parts.prefix(2))) } throws: { "\($0)".contains("blocks are missing") }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func aDuplicatedShardIsRefused() throws {
    let parts = try Self.partials(try Self.model(), count: 3)
    #expect { try PartialMerger.merge(parts + [parts[1]]) } throws: { "\($0)".contains("is in both p1 and p1") }
  }

  @Test(.tags(.slow), .skippedInFastRuns) func aForeignShardIsRefused() throws {
    var parts = try Self.partials(try Self.model(), count: 2)
    let other = try Self.partials(try Self.model(seed: 4), count: 2)
    parts[1] = ("other", other[1].partial)
    #expect { try PartialMerger.merge(parts) } throws: { "\($0)".contains("other belongs to another run") && "\($0)".contains("seed 4 vs 3") }
  }

  // `Simulator.Shard(parsing:)` is the distributed layer's (ShardedRun.swift).
  @Test func shardSpecificationsParse() throws {
    #expect(try Simulator.Shard(parsing: "2/8") == Simulator.Shard(index: 2, count: 8))
    for bad in ["8/8", "-1/3", "1", "a/b", "1/0"] {
      #expect(throws: InputError.self) { try Simulator.Shard(parsing: bad) }
    }
  }
}
