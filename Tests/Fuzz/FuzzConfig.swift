// libFuzzer harness for the config readers: `JSON5Parser` and `ForecastConfig.parse`. Built by
// `run-fuzz.sh` together with the engine's Values/, Config/ and Inputs/ sources (no package import),
// with -sanitize=fuzzer,address.
//
// Any input must end in a config or `InputErrors`; never a trap, a hang or a sanitizer report. An
// accepted config must satisfy every documented bound.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  do {
    _ = try JSON5Parser.parse(data, file: "fuzz.json5")
  } catch let error as InputError {
    precondition(error.line != nil && error.column != nil, "a syntax error without a position: \(error)")
  } catch {
    preconditionFailure("JSON5Parser threw \(error)")
  }
  do {
    let config = try ForecastConfig.parse(data: data, path: "/fuzz/config.json5")
    let p = config.priors
    precondition((1...ForecastConfig.maximumDraws).contains(config.draws))
    precondition(Double(config.seed) <= ForecastConfig.maximumSeed)
    precondition(config.chamber.majority <= config.chamber.seats && config.chamber.cycleStart < config.chamber.electionDate)
    precondition(config.asOf >= config.chamber.cycleStart && config.asOf <= config.chamber.electionDate)
    let s = p.noiseShares
    precondition(abs(s.state + s.region + s.lean + s.idiosyncratic - 1) <= 1e-6 && s.idiosyncratic > 0)
    precondition(p.environmentNu > 2 && p.noiseNu > 2 && p.kernelLength > 0 && p.specialSamplingSD > 0)
    precondition([p.translationAlpha, p.translationBeta, p.translationSD, p.recencyHalfLifeDays, p.incumbencyAdvantage,
                  p.noiseScaleFromTau, p.noiseMinimumSD].allSatisfy(\.isFinite))
  } catch let errors as InputErrors {
    precondition(!errors.errors.isEmpty && !errors.description.isEmpty)
  } catch {
    preconditionFailure("ForecastConfig.parse threw \(error)")
  }
  return 0
}
