import Foundation
import Synchronization

/// A progress line on stderr, shown only when stderr is a terminal and redrawn at most ten times a second.
final class TerminalProgress: Sendable {
  private let label: String
  private let state = Mutex<(lastDraw: ContinuousClock.Instant?, done: Int)>((nil, 0))
  private let enabled: Bool

  init?(label: String) {
    guard isatty(2) != 0 else { return nil }
    self.label = label
    enabled = true
  }

  /// Records `done` of `total` units; safe from any thread.
  @Sendable func update(_ done: Int, _ total: Int) {
    let now = ContinuousClock.now
    let line: String? = state.withLock { s in
      s.done = max(s.done, done)
      if let last = s.lastDraw, now - last < .milliseconds(100), s.done < total { return nil }
      s.lastDraw = now
      return "\r\(label): \(Int(100 * Double(s.done) / Double(max(total, 1))))%"
    }
    if let line { FileHandle.standardError.write(Data(line.utf8)) }
  }

  /// Clears the line.
  func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
