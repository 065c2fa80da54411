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
  /// While true (a stage that writes nothing and cannot poll, such as building the model), a signal
  /// ends the process at once with its message.
  private let exitsAtOnce = Atomic<Bool>(false)
  private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

  /// Starts catching SIGINT and SIGTERM (their default action, dying mid-write, is turned off).
  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in
        let first = received.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent).exchanged
        if exitsAtOnce.load(ordering: .sequentiallyConsistent) {
          StopSignals.say(number, "nothing was written; the output folder is unchanged")
          _exit(128 + number)
        }
        if !first || source.data > 1 {
          StopSignals.say(number, "a second signal: exiting at once (files already staged stay hidden and the next run removes them)")
          _exit(128 + number)
        }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Whether a stop was requested; safe from any thread.
  @Sendable func isRequested() -> Bool { received.load(ordering: .sequentiallyConsistent) != 0 }

  /// Runs a stage that writes nothing and cannot poll for a stop (reading the inputs, factoring the
  /// covariance): a signal during it exits at once, with the usual message and code.
  func exitingAtOnce<T>(_ body: () throws -> T) rethrows -> T {
    exitsAtOnce.store(true, ordering: .sequentiallyConsistent)
    defer { exitsAtOnce.store(false, ordering: .sequentiallyConsistent) }
    if isRequested() {
      // A signal that arrived before the stage: honour it now.
      _ = stopped()
      _exit(128 + received.load(ordering: .sequentiallyConsistent))
    }
    return try body()
  }

  static func say(_ number: Int32, _ what: String) {
    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    var stderr = StandardError()
    print("stopped by \(name): \(what)", to: &stderr)
  }

  /// Reports the stop on stderr and returns the exit code to end with.
  func stopped() -> ExitCode {
    let number = received.load(ordering: .sequentiallyConsistent)
    let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
    var stderr = StandardError()
    print("stopped by \(name): nothing was written; the output folder is unchanged", to: &stderr)
    return ExitCode(128 + number)
  }
}
