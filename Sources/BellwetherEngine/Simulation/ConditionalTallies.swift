/// The conditional estimator's sums over draws (docs/model.md §4.3), in fixed point: each block's
/// sums are formed in double, in draw order, by the one worker that simulates the block, then
/// rounded to multiples of 2^-32 and added as integers, so they add exactly in any order and a run
/// gives the same bits for any thread count.
///
/// Per draw j: `p_ij` (seat i's conditional chance), `q_j` (the conditional P(majority)) and
/// `w_j = sum_i p_ij` (the contested seats' conditional expected wins); the sums of each and of
/// its square, for the means and their Monte Carlo standard errors.
public struct ConditionalTallies: Sendable, Equatable {
  /// Per contested seat: sum over draws of p and of p^2.
  package var winSums: [Int128]
  package var winSquares: [Int128]
  /// Sum over draws of q and of q^2.
  package var majoritySum: Int128 = 0
  package var majoritySquares: Int128 = 0
  /// Sum over draws of w and of w^2.
  package var seatSum: Int128 = 0
  package var seatSquares: Int128 = 0

  /// Fixed-point scale: one unit is 2^-32. A block of 1,024 draws of 100,000 seats sums w^2 to at
  /// most 2^43.2, so 10^10 draws stay below 2^99, far inside Int128.
  static let scale = 4_294_967_296.0

  /// Zero sums for `seats` contested seats.
  package init(seats: Int) {
    winSums = [Int128](repeating: 0, count: seats)
    winSquares = [Int128](repeating: 0, count: seats)
  }

  /// A double sum in fixed point (nearest multiple of 2^-32).
  @inline(__always)
  static func fixed(_ x: Double) -> Int128 { Int128((x * scale).rounded()) }

  /// A fixed-point sum as a double.
  static func value(_ x: Int128) -> Double { Double(x) / scale }

  /// Adds another set of sums of the same shape.
  package mutating func merge(_ other: ConditionalTallies) {
    precondition(winSums.count == other.winSums.count)
    for i in winSums.indices {
      winSums[i] += other.winSums[i]
      winSquares[i] += other.winSquares[i]
    }
    majoritySum += other.majoritySum
    majoritySquares += other.majoritySquares
    seatSum += other.seatSum
    seatSquares += other.seatSquares
  }

  /// The mean over `draws` draws of a value and the standard error of that mean,
  /// `sqrt(s^2 / N)` with `s^2 = (sum x^2 - (sum x)^2 / N) / (N - 1)` (0 for one draw).
  static func meanAndError(sum: Int128, squares: Int128, draws n: Int) -> (mean: Double, standardError: Double) {
    let total = Double(n)
    let mean = value(sum) / total
    guard n > 1 else { return (mean, 0) }
    let variance = Swift.max(0, (value(squares) - value(sum) * mean) / (total - 1))
    return (mean, (variance / total).squareRoot())
  }
}
