// libFuzzer harness for the shard-partial reader (`PartialResult.read(data:file:)`) and what a merge
// does with an accepted partial. Built by `run-fuzz.sh` against the package's own modules
// (BellwetherEngine, BellwetherReports, BellwetherDistributed, compiled with -sanitize=fuzzer,address),
// because a partial names the engine's plan and tallies.
//
// Any input must end in a partial or an `InputError` naming the file; never a trap, a hang or a
// sanitizer report. An accepted partial must be internally consistent (its counts add up to its
// draws, its blocks are its shard's). When it is a whole run (shard 0/1) it is merged like
// `bellwether merge` does: checked against the plan of the harness's model (the 6-seat chamber of
// Tests/Malformed/valid), and if it fits, summarised into a `ForecastResult` and rendered into every
// report file; each step must end in a value or a documented error.
//
// Mutated bytes almost never keep the SHA-256 trailer valid, so the harness re-checksums every
// input before reading it a second time: the first read tests the checksum, the second the header
// and body readers behind it.
//
// With BELLWETHER_FUZZ_SEEDS=DIR set, the harness writes seed partials of its model into DIR and exits.
import BellwetherDistributed
import BellwetherEngine
import BellwetherReports
import Foundation

private let configPath: String = {
  guard let config = ProcessInfo.processInfo.environment["BELLWETHER_FUZZ_CONFIG"] else {
    fatalError("set BELLWETHER_FUZZ_CONFIG to Tests/Malformed/valid/config.json5 (run-fuzz.sh does)")
  }
  return config
}()

/// The model every accepted whole-run partial is checked against: few draws, so that seeds are small.
private let model: ForecastModel = {
  do {
    return try Forecaster(configPath: configPath).model(ForecastOptions(draws: 1500, seed: 11))
  } catch {
    fatalError("the harness's model: \(error)")
  }
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
  _ = model
  if let folder = ProcessInfo.processInfo.environment["BELLWETHER_FUZZ_SEEDS"] {
    // Seeds: the whole run, and each shard of 2 and 3.
    for shard in [Simulator.Shard(index: 0, count: 1), .init(index: 0, count: 2), .init(index: 1, count: 2), .init(index: 2, count: 3)] {
      guard let partial = ShardedRun.simulate(model, shard: shard, threads: 1),
            (try? partial.encoded().write(to: URL(fileURLWithPath: folder + "/" + PartialResult.fileName(for: shard)))) != nil else {
        fatalError("could not write the seed partial of shard \(shard.index)/\(shard.count) into \(folder)")
      }
    }
    exit(0)
  }
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPartial(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  check(bytes)
  // The same bytes with a fresh, valid checksum line in place of the last 72 bytes (or appended).
  let body = bytes.count >= PartialResult.checksumLineLength ? Array(bytes.dropLast(PartialResult.checksumLineLength)) : bytes
  check(body + Array((PartialResult.checksumPrefix + SHA256.hex(body) + "\n").utf8))
  return 0
}

private func check(_ bytes: [UInt8]) {
  let partial: PartialResult
  do {
    partial = try PartialResult.read(data: Data(bytes), file: "fuzz.bwp")
  } catch let error as InputError {
    precondition(error.file == "fuzz.bwp" && !error.description.isEmpty)
    return
  } catch {
    preconditionFailure("PartialResult.read threw something other than an InputError: \(error)")
  }
  // The contract of an accepted partial.
  let t = partial.tallies
  precondition(t.draws >= 0 && t.seatCounts.reduce(0, +) == t.draws && t.environmentSeats.reduce(0, +) == t.draws)
  precondition(t.wins.count == t.tipping.count && t.wins.allSatisfy { (0...t.draws).contains($0) })
  precondition(t.binsPerRow > 0 && t.offsetHistogram.count % t.binsPerRow == 0)
  precondition(partial.blockCount == (partial.identity.draws + SimulationPlan.blockSize - 1) / SimulationPlan.blockSize)
  precondition(partial.blocks.allSatisfy { $0 % partial.shard.count == partial.shard.index })
  // Encoding it again and reading that gives the same partial.
  do {
    let again = try PartialResult.read(data: try partial.encoded(), file: "again.bwp")
    precondition(again.tallies == t && again.identity == partial.identity && again.shard == partial.shard)
  } catch {
    preconditionFailure("an accepted partial does not read back: \(error)")
  }

  // A whole run goes on as `bellwether merge` would.
  guard partial.shard.count == 1 else { return }
  let merged: (RunIdentity, Tallies)
  do {
    merged = try PartialMerger.merge([("fuzz.bwp", partial)])
    try ShardedRun.check(merged.0, merged.1, fit: model)
  } catch is PartialMerger.MergeError {
    return
  } catch {
    preconditionFailure("the merge threw \(error)")
  }
  let result = ForecastResult(model: model, tallies: merged.1)
  do {
    _ = try ReportBundle.render(result)
  } catch is ReportChecks.Failure {
  } catch {
    preconditionFailure("rendering a merged partial threw \(error)")
  }
}
