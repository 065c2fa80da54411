/// Seats whose margins share one distribution around their expected margins.
///
/// A seat's margin is `base[d] + E + s * eps[d]` (docs/model.md §4.1): its offset from the expected
/// margin `base[d] + muE` is `(E - muE) + s * eps[d]`, whose distribution depends on the seat only
/// through the variance of `eps[d]` (a normal, or a multivariate-t marginal, with that variance;
/// `E` and `s` are shared by every seat). Under the covariance of docs/model.md §3.1 every seat has the same
/// variance, so the whole chamber is one class and the kernel pools its offsets into one histogram
/// instead of one per seat: the same margin intervals, far fewer increments, and a histogram that
/// stays in the first-level cache.
///
/// Seats are grouped when their variances agree within `relativeTolerance` (the float factor
/// rounds the same variance slightly differently from seat to seat).
struct OffsetClasses: Sendable, Equatable {
  /// The class of each contested seat (kernel order).
  let classOf: [Int32]
  /// The seats of each class, in kernel order.
  let members: [[Int32]]

  /// Relative difference of variances below which two seats share a class.
  static let relativeTolerance = 1e-5

  /// Groups seats by their noise variance and their environment loading (1 for every seat when
  /// `environmentLoadings` is nil; with jointly conditioned polls, docs/model.md §2.5, the offset is
  /// `loading (E - muE) + s * eps[d]`), in order of first appearance.
  init(variances: [Double], environmentLoadings: [Double]? = nil) {
    var representatives: [(Double, Double)] = []
    var classOf: [Int32] = []
    var members: [[Int32]] = []
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= OffsetClasses.relativeTolerance * max(abs(a), abs(b)) }
    for (seat, v) in variances.enumerated() {
      let l = environmentLoadings?[seat] ?? 1
      let found = representatives.firstIndex { close($0.0, v) && close($0.1, l) }
      let c = found ?? representatives.count
      if found == nil {
        representatives.append((v, l))
        members.append([])
      }
      classOf.append(Int32(c))
      members[c].append(Int32(seat))
    }
    self.classOf = classOf
    self.members = members
  }

  /// Number of classes.
  var count: Int { members.count }
}
