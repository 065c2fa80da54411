import Foundation

/// Wall-clock timing helpers for `bellwether bench` (never used in tests: speed goals live in
/// benchmarks, not unit tests).
package enum StageTimer {
  /// Runs `body` and returns its result and the seconds it took.
  package static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, (clock.now - start).seconds)
  }

  /// The median of some samples.
  package static func median(_ samples: [Double]) -> Double {
    let s = samples.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

  /// The process's peak resident memory so far, in bytes (getrusage `ru_maxrss`).
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
  }

  /// The current resident memory in bytes (from /proc/self/statm), or nil where unavailable.
  static func currentResidentBytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}
