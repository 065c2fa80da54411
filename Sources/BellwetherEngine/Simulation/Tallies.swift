/// Integer counts from a set of draws. Integers add exactly in any order, so tallies from any
/// number of threads, blocks or shards merge to the same bits.
public struct Tallies: Sendable, Equatable, Codable {
  /// Draws counted.
  package var draws: Int
  /// `seatCounts[s]`: draws with s Democratic seats (0...seats).
  package var seatCounts: [Int]
  /// Per contested seat: draws the Democrat won.
  package var wins: [Int]
  /// Per offset class (`SimulationPlan.offsetClasses`): histogram of margins minus their expected
  /// margins over `-marginWindow...marginWindow`, `binsPerRow` bins each, row after row.
  package var offsetHistogram: [Int]
  /// Bins per row of `offsetHistogram`.
  package var binsPerRow: Int
  /// Per contested seat: draws in which it was the tipping-point seat.
  package var tipping: [Int]
  /// Joint histogram of (environment bin, seats), `environmentBins x (seats + 1)`, row-major by bin.
  package var environmentSeats: [Int]
  /// Sum of the environment draws in fixed point (1/1024 point).
  package var environmentSum: Int
  /// The conditional estimator's sums (docs/model.md §4.3), nil for a sampled run. Not part of the
  /// Codable form (nor of a shard's partial: `--shard` refuses the conditional estimator).
  package var conditional: ConditionalTallies? = nil

  enum CodingKeys: String, CodingKey {
    case draws, seatCounts, wins, offsetHistogram, binsPerRow, tipping, environmentSeats, environmentSum
  }

  /// Fixed-point scale of the environment sum.
  static let fixedPointScale = 1024.0

  /// Tallies from their parts (reading a partial result).
  package init(draws: Int, seatCounts: [Int], wins: [Int], offsetHistogram: [Int], binsPerRow: Int, tipping: [Int],
              environmentSeats: [Int], environmentSum: Int) {
    self.draws = draws
    self.seatCounts = seatCounts
    self.wins = wins
    self.offsetHistogram = offsetHistogram
    self.binsPerRow = binsPerRow
    self.tipping = tipping
    self.environmentSeats = environmentSeats
    self.environmentSum = environmentSum
  }

  /// Zero tallies shaped for a plan.
  package init(plan: SimulationPlan) {
    let n = plan.contested
    draws = 0
    seatCounts = [Int](repeating: 0, count: plan.seats + 1)
    wins = [Int](repeating: 0, count: n)
    binsPerRow = Int((2 * plan.marginWindow / SimulationPlan.marginBinWidth).rounded()) + 1
    offsetHistogram = [Int](repeating: 0, count: plan.offsetClasses.count * binsPerRow)
    tipping = [Int](repeating: 0, count: n)
    environmentSeats = [Int](repeating: 0, count: SimulationPlan.environmentBins * (plan.seats + 1))
    environmentSum = 0
    if plan.estimator == .conditional { conditional = ConditionalTallies(seats: n) }
  }

  /// The margin-offset histogram of one offset class (`SimulationPlan.offsetClasses`): `binsPerRow`
  /// counts over `-marginWindow...marginWindow` around the class's seats' expected margins.
  func offsetCounts(ofClass c: Int) -> ArraySlice<Int> {
    offsetHistogram[(c * binsPerRow)..<((c + 1) * binsPerRow)]
  }

  /// Seats in the chamber plus one: the length of a seat histogram.
  var seatOutcomes: Int { seatCounts.count }

  /// The seat histogram of the draws whose environment fell in bin `b` (bin b covers
  /// `-environmentRange + b * environmentBinWidth` onwards, `SimulationPlan.environmentBins` bins).
  package func seatCounts(inEnvironmentBin b: Int) -> ArraySlice<Int> {
    environmentSeats[(b * seatOutcomes)..<((b + 1) * seatOutcomes)]
  }

  /// Draws whose environment fell in bin `b`.
  package func draws(inEnvironmentBin b: Int) -> Int { seatCounts(inEnvironmentBin: b).reduce(0, +) }

  /// Adds another set of tallies of the same shape.
  package mutating func merge(_ other: Tallies) {
    precondition(seatCounts.count == other.seatCounts.count && offsetHistogram.count == other.offsetHistogram.count)
    draws += other.draws
    environmentSum += other.environmentSum
    Tallies.add(&seatCounts, other.seatCounts)
    Tallies.add(&wins, other.wins)
    Tallies.add(&offsetHistogram, other.offsetHistogram)
    Tallies.add(&tipping, other.tipping)
    Tallies.add(&environmentSeats, other.environmentSeats)
    precondition((conditional == nil) == (other.conditional == nil), "tallies of one estimator")
    if let sums = other.conditional { conditional!.merge(sums) }
  }

  private static func add(_ a: inout [Int], _ b: [Int]) {
    a.withUnsafeMutableBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        for i in pa.indices { pa[i] &+= pb[i] }
      }
    }
  }
}
