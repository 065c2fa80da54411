/// Receives the draws of each block when a run exports them (`bellwether run --export-draws`).
///
/// The simulator calls `consume` once per block, from the worker that simulated it, in no
/// particular order; a sink must therefore place each block by its index (never by arrival), which
/// keeps its output the same for any thread count. Calls for different blocks may be concurrent.
public protocol DrawSink: Sendable {
  /// Whether the sink wants each draw's per-seat outcomes (who won each contested seat).
  var wantsOutcomes: Bool { get }
  /// Takes the draws of block `block`; `capture` holds `count` draws and is reused after the call.
  func consume(block: Int, capture: DrawCapture, count: Int)
}

/// One worker's buffers for the draws of one block: the environment and Democratic seats of each
/// draw and, optionally, a bit per contested seat (1 when the Democrat won). Allocated once per
/// worker and overwritten block after block, so exporting adds no allocation to the kernel.
///
/// A class so that the kernel can write into it from inside its nest of buffer closures; it is
/// used by one worker at a time and handed to the sink between blocks (hence `@unchecked Sendable`).
public final class DrawCapture: @unchecked Sendable {
  /// Environment of each draw of the block (points).
  private let environment: UnsafeMutableBufferPointer<Double>
  /// Democratic seats of each draw (fixed seats included).
  private let seats: UnsafeMutableBufferPointer<UInt32>
  /// Outcome bits, `bytesPerDraw` bytes per draw: bit `d & 7` of byte `d >> 3` is contested seat `d`
  /// (kernel order, `SimulationPlan.contestedIndices`). Empty when outcomes are not captured.
  private let outcomes: UnsafeMutableBufferPointer<UInt8>
  /// Bytes of outcome bits per draw (0 without outcomes).
  package let bytesPerDraw: Int
  private let contested: Int

  /// Allocates buffers for `SimulationPlan.blockSize` draws of `contested` seats.
  init(contested: Int, outcomes: Bool) {
    let block = SimulationPlan.blockSize
    self.contested = contested
    bytesPerDraw = outcomes ? (contested + 7) / 8 : 0
    environment = .allocate(capacity: block)
    seats = .allocate(capacity: block)
    self.outcomes = .allocate(capacity: block * bytesPerDraw)
    environment.initialize(repeating: 0)
    seats.initialize(repeating: 0)
    self.outcomes.initialize(repeating: 0)
  }

  deinit {
    environment.deallocate()
    seats.deallocate()
    outcomes.deallocate()
  }

  /// The environment (points) of draw `j` of the block.
  package func environment(ofDraw j: Int) -> Double { environment[j] }

  /// The Democratic seats of draw `j` (fixed seats included).
  package func seats(ofDraw j: Int) -> UInt32 { seats[j] }

  /// Byte `k` (0 ..< `bytesPerDraw`) of draw `j`'s outcome bits: bit `d & 7` of byte `d >> 3` is
  /// contested seat `d`, 1 when the Democrat won.
  package func outcomeByte(_ k: Int, ofDraw j: Int) -> UInt8 { outcomes[j * bytesPerDraw + k] }

  /// Records draw `j` of the block from its margins (contested seats, kernel order).
  @inline(__always)
  func record(_ j: Int, environment e: Double, seats s: Int, margins: UnsafeMutableBufferPointer<Float>) {
    environment[j] = e
    seats[j] = UInt32(s)
    guard bytesPerDraw > 0 else { return }
    let base = j * bytesPerDraw
    for k in 0..<bytesPerDraw { outcomes[base + k] = 0 }
    for d in 0..<contested where margins[d] > 0 { outcomes[base + d >> 3] |= UInt8(1) << UInt8(d & 7) }
  }
}
