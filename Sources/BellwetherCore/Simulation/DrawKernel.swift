/// Simulates one block of draws and adds it to a set of tallies, with no allocation: every buffer
/// is created once per worker, in `init`.
///
/// For block b, the bulk stream `StreamKey(seed, b, purpose: 1)` supplies, in this order, the normals
/// for the dense loadings (`rank x count`, column after column) and for each membership
/// (`groups x count`), then the `seats x count` independent normals (low-rank factor only); the
/// stream `StreamKey(seed, b)` supplies the ziggurat's rare slow paths and, for each draw, its
/// national t draw and its multivariate-t scale (if any). `eps = F Z (+ D W)` is one single-precision gemm
/// per block; membership shocks are gathered per draw. Each draw then adds base margins and the
/// environment, counts wins, bins margins, and finds the tipping-point seat by selection.
struct DrawKernel {
  let plan: SimulationPlan
  private var normals: [Float]
  private var noise: [Float]
  private var margins: [Float]
  /// Scratch for the tipping-point search: seat indices and their signed margins.
  private var candidates: [Int32]
  private var candidateValues: [Float]
  private let base: [Float]
  /// `-origin / width` per seat: a margin's bin is `margin / width + binOffset`.
  private let binOffset: [Float]
  private let binsPerSeat: Int
  /// Shared normals per draw: dense rank plus one per group of each membership.
  private let sharedNormals: Int
  /// The margin histogram in 16-bit counts (a quarter of the cache footprint of the tallies' Int
  /// counts, so that its scattered increments stay in cache), flushed into the tallies before any
  /// count could overflow.
  private var histogram: [UInt16]
  /// Per-seat win counts in 32 bits, flushed with the histogram.
  private var winCounts: [UInt32]
  /// Scratch: each seat's histogram cell in the current draw.
  private var cells: [Int32]
  /// First histogram cell of each seat.
  private let rowStarts: [Int32]
  private var drawsSinceFlush = 0
  /// Where each draw is recorded when the run exports its draws (nil otherwise).
  let capture: DrawCapture?

  /// Margins within this many points of zero are the first candidates for the tipping point.
  static let tippingWindow: Float = 6
  /// The kernel's narrow counters are flushed into the tallies at least this often (in draws), so
  /// that no 16-bit histogram count can overflow.
  private static let histogramFlushDraws = Int(UInt16.max)

  init(plan: SimulationPlan, binsPerSeat: Int, capture: DrawCapture? = nil) {
    self.plan = plan
    let block = SimulationPlan.blockSize
    let shared = plan.factor.rank + plan.factor.memberships.map(\.groups).reduce(0, +)
    sharedNormals = shared
    normals = [Float](repeating: 0, count: max(1, shared * block))
    noise = [Float](repeating: 0, count: plan.contested * block)
    margins = [Float](repeating: 0, count: plan.contested)
    candidates = [Int32](repeating: 0, count: plan.contested)
    candidateValues = [Float](repeating: 0, count: plan.contested)
    base = plan.baseMargins.map(Float.init)
    let window = plan.marginWindow, width = SimulationPlan.marginBinWidth
    binOffset = plan.baseMargins.map { Float(-($0 + plan.environmentMean - window) / width) }
    self.binsPerSeat = binsPerSeat
    self.capture = capture
    histogram = [UInt16](repeating: 0, count: plan.contested * binsPerSeat)
    precondition(plan.contested * binsPerSeat < Int(Int32.max), "histogram too large for 32-bit cells")
    winCounts = [UInt32](repeating: 0, count: plan.contested)
    cells = [Int32](repeating: 0, count: plan.contested)
    rowStarts = (0..<plan.contested).map { Int32($0 * binsPerSeat) }
  }

  /// Adds the 32-bit counts into the tallies and clears them.
  mutating func flush(into tallies: inout Tallies) {
    winCounts.withUnsafeMutableBufferPointer { w in
      tallies.wins.withUnsafeMutableBufferPointer { t in
        for i in w.indices {
          t[i] &+= Int(w[i])
          w[i] = 0
        }
      }
    }
    histogram.withUnsafeMutableBufferPointer { h in
      tallies.marginHistogram.withUnsafeMutableBufferPointer { t in
        for i in h.indices {
          t[i] &+= Int(h[i])
          h[i] = 0
        }
      }
    }
    drawsSinceFlush = 0
  }

  /// Simulates block `block` into `tallies`.
  mutating func run(block: Int, into tallies: inout Tallies) {
    let count = plan.drawsInBlock(block)
    let n = plan.contested
    let factor = plan.factor
    let rank = factor.rank
    var rng = Xoshiro256StarStar(key: StreamKey(seed: plan.seed, block: UInt64(block)))
    var bulk = Xoshiro256StarStar(key: StreamKey(seed: plan.seed, block: UInt64(block), purpose: 1))
    let shared = sharedNormals  // computed once in init: no allocation per block

    // Shared normals (dense part, then memberships), then the independent term written straight
    // into the noise buffer (SD times a normal) so that the gemm adds F Z onto it.
    normals.withUnsafeMutableBufferPointer { z in
      Distributions.fillStandardNormals(UnsafeMutableBufferPointer(rebasing: z[0..<(shared * count)]), fast: &bulk, slow: &rng)
    }
    let hasIdiosyncratic = !factor.idiosyncratic.isEmpty
    noise.withUnsafeMutableBufferPointer { e in
      if hasIdiosyncratic {
        factor.idiosyncratic.withUnsafeBufferPointer { idio in
          Distributions.fillStandardNormals(UnsafeMutableBufferPointer(rebasing: e[0..<(n * count)]), fast: &bulk, slow: &rng)
          for j in 0..<count {
            for d in 0..<n { e[j &* n &+ d] *= idio[d] }
          }
        }
      } else if rank == 0 {
        for i in 0..<(n * count) { e[i] = 0 }
      }
      if rank > 0 && n > 0 {
        factor.loadings.withUnsafeBufferPointer { f in
          normals.withUnsafeBufferPointer { z in
            BLAS.multiply(m: n, n: count, k: rank, a: f.baseAddress!, b: z.baseAddress!, beta: hasIdiosyncratic ? 1 : 0,
                          c: e.baseAddress!)
          }
        }
      }
      // Membership shocks: seat d of group g gets loading * u[g] of this draw, added run by run.
      var offset = rank * count
      normals.withUnsafeBufferPointer { z in
        for membership in factor.memberships {
          let loading = membership.loading, groups = membership.groups
          for j in 0..<count {
            let u = z.baseAddress! + offset + j &* groups
            let column = e.baseAddress! + j &* n
            for run in membership.runs {
              let shock = loading * u[run.group]
              for d in run.start..<run.end { column[d] += shock }
            }
          }
          offset += groups * count
        }
      }
    }

    let muE = plan.environmentMean, sigmaE = plan.environmentSD
    let nuE = plan.environmentNu, nuNoise = plan.noiseNu
    let seatsPlusOne = plan.seats + 1
    let needed = plan.majority - plan.fixedDemocratic
    let invWidth = Float(1 / SimulationPlan.marginBinWidth)
    let lastBin = Float(binsPerSeat - 1)
    let binsPerSeat = self.binsPerSeat
    let envBins = SimulationPlan.environmentBins
    let envInvWidth = 1 / SimulationPlan.environmentBinWidth
    let window = DrawKernel.tippingWindow
    var environmentSum = 0

    noise.withUnsafeBufferPointer { eps in
    margins.withUnsafeMutableBufferPointer { m in
    candidates.withUnsafeMutableBufferPointer { cand in
    candidateValues.withUnsafeMutableBufferPointer { candValues in
    base.withUnsafeBufferPointer { base in
    binOffset.withUnsafeBufferPointer { binOffset in
    winCounts.withUnsafeMutableBufferPointer { wins in
    cells.withUnsafeMutableBufferPointer { cell in
    rowStarts.withUnsafeBufferPointer { rowStart in
    histogram.withUnsafeMutableBufferPointer { hist in
    tallies.tipping.withUnsafeMutableBufferPointer { tipping in
    tallies.seatCounts.withUnsafeMutableBufferPointer { seatCounts in
    tallies.environmentSeats.withUnsafeMutableBufferPointer { environmentSeats in
      for j in 0..<count {
        let environment = muE + sigmaE * Distributions.unitVarianceStudentT(nu: nuE, using: &rng)
        let noiseScale = Float(Distributions.multivariateTScale(nu: nuNoise, using: &rng))
        let e = Float(environment)
        var seats = 0
        let column = eps.baseAddress! + j &* n
        // One vectorizable pass: margins, win counts and each margin's histogram cell. The bin is
        // floor(x) for x = (margin - origin) / width, clamped to the row, computed without a
        // trapping conversion: adding 2^23 to a float in [0, 2^22) leaves round(x - 0.5) = floor(x)
        // in its low mantissa bits (a tie rounds to even: a fixed rule, so still deterministic).
        for d in 0..<n {
          let margin = base[d] + e + noiseScale * column[d]
          m[d] = margin
          let win: UInt32 = margin > 0 ? 1 : 0
          wins[d] &+= win
          seats &+= Int(win)
          let x = Swift.min(Swift.max(margin * invWidth + binOffset[d] - 0.5, 0), lastBin) + 8_388_608
          cell[d] = Int32(bitPattern: x.bitPattern & 0x7F_FFFF) &+ rowStart[d]
        }
        // The scattered increments (a 16-bit row per seat, so the table stays in cache).
        for d in 0..<n { hist[Int(cell[d])] &+= 1 }
        seats &+= plan.fixedDemocratic
        seatCounts[seats] &+= 1
        capture?.record(j, environment: environment, seats: seats, margins: m)
        var envBin = Int(((environment + SimulationPlan.environmentRange) * envInvWidth).rounded(.down))
        envBin = envBin < 0 ? 0 : (envBin >= envBins ? envBins - 1 : envBin)
        environmentSeats[envBin &* seatsPlusOne &+ seats] &+= 1
        environmentSum &+= Int((environment * Tallies.fixedPointScale).rounded(.towardZero))
        if needed >= 1 && needed <= n {
          tipping[Int(DrawKernel.tippingSeat(needed: needed, contestedWins: seats &- plan.fixedDemocratic, margins: m,
                                             count: n, window: window, indices: cand, values: candValues))] &+= 1
        }
      }
    }}}}}}}}}}}}}
    tallies.draws += count
    drawsSinceFlush += count
    if drawsSinceFlush > DrawKernel.histogramFlushDraws - SimulationPlan.blockSize { flush(into: &tallies) }
    tallies.environmentSum &+= environmentSum
  }

  /// The seat with the `needed`-th largest margin: the one that supplies the majority-making seat.
  ///
  /// If the Democrats won at least `needed` contested seats it is the `(wins - needed + 1)`-th
  /// smallest positive margin, otherwise the `(needed - wins)`-th largest non-positive one. So only
  /// the deciding side is searched, as `x = margin` (positive side) or `x = -margin` (the other),
  /// for the `rank`-th smallest `x`: first among the seats with `x` within `window` of zero,
  /// collected branch-free with their values beside them, and, when fewer than `rank` lie there,
  /// among the whole side. `indices` and `values` are scratch of at least `count` entries.
  @inline(__always)
  static func tippingSeat(needed: Int, contestedWins: Int, margins m: UnsafeMutableBufferPointer<Float>, count n: Int,
                          window: Float, indices: UnsafeMutableBufferPointer<Int32>,
                          values: UnsafeMutableBufferPointer<Float>) -> Int32 {
    let positive = contestedWins >= needed
    let rank = positive ? contestedWins - needed + 1 : needed - contestedWins
    let sign: Float = positive ? 1 : -1
    // x > lower selects margin > 0 on the positive side and -margin >= 0 (margin <= 0) on the other.
    let lower: Float = positive ? 0 : -Float.leastNonzeroMagnitude
    let index = indices.baseAddress!, value = values.baseAddress!, margin = m.baseAddress!
    var k = 0
    for d in 0..<n {
      let x = sign * margin[d]
      index[k] = Int32(truncatingIfNeeded: d)
      value[k] = x
      k &+= Int(unsafeBitCast(x > lower, to: UInt8.self) & unsafeBitCast(x <= window, to: UInt8.self))
    }
    if rank > k {
      k = 0
      for d in 0..<n {
        let x = sign * margin[d]
        index[k] = Int32(truncatingIfNeeded: d)
        value[k] = x
        k &+= Int(unsafeBitCast(x > lower, to: UInt8.self))
      }
    }
    return selectSmallest(rank: rank, values: value, indices: index, count: k)
  }

  /// The index beside the `rank`-th smallest (1-based) of `values[0..<count]`, which must hold at
  /// least `rank` entries. Small ranks are found by repeated extraction (branch-free scans);
  /// otherwise by Hoare's quickselect (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with
  /// a median-of-three pivot. Both arrays are reordered together. Expected O(count).
  @inline(__always)
  static func selectSmallest(rank: Int, values: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>,
                             count: Int) -> Int32 {
    @inline(__always) func swap(_ a: Int, _ b: Int) {
      let v = values[a], i = indices[a]
      values[a] = values[b]
      indices[a] = indices[b]
      values[b] = v
      indices[b] = i
    }
    if rank <= 4 || count - rank < 4 {
      // Extract from the nearer end: the smallest `rank` or the largest `count - rank + 1`.
      let fromBottom = rank <= 4
      let steps = fromBottom ? rank : count - rank + 1
      for s in 0..<steps {
        var best = s
        var bestValue = values[s]
        var i = s + 1
        while i < count {
          let v = values[i]
          let better = fromBottom ? v < bestValue : v > bestValue
          best = better ? i : best
          bestValue = better ? v : bestValue
          i += 1
        }
        swap(s, best)
      }
      return indices[steps - 1]
    }
    var lo = 0, hi = count - 1
    let target = rank - 1
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      let a = values[lo], b = values[mid], c = values[hi]
      let pivot = max(min(a, b), min(max(a, b), c))
      var i = lo, j = hi
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          swap(i, j)
          i += 1
          j -= 1
        }
      }
      if target <= j { hi = j } else if target >= i { lo = i } else { return indices[target] }
    }
    return indices[lo]
  }
}
