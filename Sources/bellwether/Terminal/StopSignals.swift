import ArgumentParser
import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM as a request to stop cleanly: the first one is recorded (the simulation
/// polls `isRequested` between blocks, the writer checks it before putting any report in place)
/// and the run exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM), having
/// written nothing. A second signal exits at once with the same code; staged temporary files it
/// leaves are hidden and removed by the next run.
final class StopSignals: Sendable {
  private let received = Atomic<Int32>(0)
  private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

  /// Starts catching SIGINT and SIGTERM (their default action, dying mid-write, is turned off).
  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in
        let first = received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent).exchanged
        if !first || source.data > 1 { _exit(128 + number) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Whether a stop was requested; safe from any thread.
  @Sendable func isRequested() -> Bool { received.load(ordering: .sequentiallyConsistent) != 0 }

  /// Reports the stop on stderr and returns the exit code to end with.
  func stopped() -> ExitCode {
    let number = received.load(ordering: .sequentiallyConsistent)
    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    var stderr = StandardError()
    print("stopped by \(name): nothing was written; the output folder is unchanged", to: &stderr)
    return ExitCode(128 + number)
  }
}
