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
  private var candidates: [Int32]
  private let base: [Float]
  /// `-origin / width` per seat: a margin's bin is `margin / width + binOffset`.
  private let binOffset: [Float]
  private let binsPerSeat: Int
  /// Shared normals per draw: dense rank plus one per group of each membership.
  private let sharedNormals: Int
  /// The margin histogram in 32-bit counts (half the cache footprint of the tallies' Int counts),
  /// flushed into the tallies before any count could overflow.
  private var histogram: [UInt32]
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
  private static let tippingWindow: Float = 6

  init(plan: SimulationPlan, binsPerSeat: Int, capture: DrawCapture? = nil) {
    self.plan = plan
    let block = SimulationPlan.blockSize
    let shared = plan.factor.rank + plan.factor.memberships.map(\.groups).reduce(0, +)
    sharedNormals = shared
    normals = [Float](repeating: 0, count: max(1, shared * block))
    noise = [Float](repeating: 0, count: plan.contested * block)
    margins = [Float](repeating: 0, count: plan.contested)
    candidates = [Int32](repeating: 0, count: plan.contested)
    base = plan.baseMargins.map(Float.init)
    let window = plan.marginWindow, width = SimulationPlan.marginBinWidth
    binOffset = plan.baseMargins.map { Float(-($0 + plan.environmentMean - window) / width) }
    self.binsPerSeat = binsPerSeat
    self.capture = capture
    histogram = [UInt32](repeating: 0, count: plan.contested * binsPerSeat)
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
        var above = 0
        var near = 0
        let column = eps.baseAddress! + j &* n
        // Pass 1 (vectorizable): margins and the win counts.
        for d in 0..<n {
          let margin = base[d] + e + noiseScale * column[d]
          m[d] = margin
          let win: UInt32 = margin > 0 ? 1 : 0
          wins[d] &+= win
          seats &+= Int(win)
        }
        // Pass 2 (vectorizable): each margin's histogram cell, then the scattered increments. The
        // bin is floor(x) for x = (margin - origin) / width, clamped to the row, computed without a
        // trapping conversion: adding 2^23 to a float in [0, 2^22) leaves round(x - 0.5) = floor(x)
        // in its low mantissa bits (a tie rounds to even: a fixed rule, so still deterministic).
        for d in 0..<n {
          let x = Swift.min(Swift.max(m[d] * invWidth + binOffset[d] - 0.5, 0), lastBin) + 8_388_608
          cell[d] = Int32(bitPattern: x.bitPattern & 0x7F_FFFF) &+ rowStart[d]
        }
        for d in 0..<n { hist[Int(cell[d])] &+= 1 }
        // Pass 3: the tipping candidates near zero (branch-free appends).
        for d in 0..<n {
          let margin = m[d]
          above &+= margin > window ? 1 : 0
          cand[near] = Int32(truncatingIfNeeded: d)
          near &+= abs(margin) <= window ? 1 : 0
        }
        seats &+= plan.fixedDemocratic
        seatCounts[seats] &+= 1
        capture?.record(j, environment: environment, seats: seats, margins: m)
        var envBin = Int(((environment + SimulationPlan.environmentRange) * envInvWidth).rounded(.down))
        envBin = envBin < 0 ? 0 : (envBin >= envBins ? envBins - 1 : envBin)
        environmentSeats[envBin &* seatsPlusOne &+ seats] &+= 1
        environmentSum &+= Int((environment * Tallies.fixedPointScale).rounded(.towardZero))
        if needed >= 1 && needed <= n {
          tipping[Int(DrawKernel.tippingSeat(needed: needed, contestedWins: seats &- plan.fixedDemocratic, above: above,
                                             near: near, candidates: cand, margins: m, count: n))] &+= 1
        }
      }
    }}}}}}}}}}}}
    tallies.draws += count
    drawsSinceFlush += count
    if drawsSinceFlush > Int(UInt32.max) - SimulationPlan.blockSize { flush(into: &tallies) }
    tallies.environmentSum &+= environmentSum
  }

  /// The seat with the `needed`-th largest margin: the one that supplies the majority-making seat.
  ///
  /// If the Democrats won at least `needed` contested seats it is the `(wins - needed + 1)`-th
  /// smallest positive margin, otherwise the `(needed - wins)`-th largest non-positive one, so only
  /// the candidates near zero on the deciding side are searched; when the target lies outside the
  /// window every seat is searched.
  @inline(__always)
  static func tippingSeat(needed: Int, contestedWins: Int, above: Int, near: Int, candidates cand: UnsafeMutableBufferPointer<Int32>,
                          margins m: UnsafeMutableBufferPointer<Float>, count n: Int) -> Int32 {
    if above < needed && needed <= above + near {
      // Split the near candidates: positive margins first.
      var positives = 0
      for i in 0..<near where m[Int(cand[i])] > 0 {
        cand.swapAt(i, positives)
        positives += 1
      }
      if contestedWins >= needed {
        // The target is the rank-th largest among the near positive candidates.
        return select(rank: needed - above, among: cand, count: positives, margins: m)
      }
      let rest = UnsafeMutableBufferPointer(rebasing: cand[positives..<near])
      return select(rank: needed - contestedWins, among: rest, count: near - positives, margins: m)
    }
    for d in 0..<n { cand[d] = Int32(truncatingIfNeeded: d) }
    return select(rank: needed, among: cand, count: n, margins: m)
  }

  /// The index (from `items[0..<count]`) of the seat with the `rank`-th largest margin (1-based).
  /// Small ranks from either end are found by repeated extraction (branch-free scans); otherwise by
  /// Hoare's quickselect (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with a
  /// median-of-three pivot. It reorders `items`. Expected O(count).
  @inline(__always)
  static func select(rank: Int, among items: UnsafeMutableBufferPointer<Int32>, count: Int,
                     margins: UnsafeMutableBufferPointer<Float>) -> Int32 {
    if rank <= 4 || count - rank < 4 {
      let fromTop = rank <= 4
      let steps = fromTop ? rank : count - rank + 1
      for s in 0..<steps {
        var best = s
        var bestValue = margins[Int(items[s])]
        for i in (s + 1)..<max(s + 1, count) {
          let v = margins[Int(items[i])]
          let better = fromTop ? v > bestValue : v < bestValue
          best = better ? i : best
          bestValue = better ? v : bestValue
        }
        items.swapAt(s, best)
      }
      return items[steps - 1]
    }
    var lo = 0, hi = count - 1
    let target = rank - 1  // position in descending order
    while lo < hi {
      let mid = lo + (hi - lo) / 2
      // median of three, as pivot value
      let a = margins[Int(items[lo])], b = margins[Int(items[mid])], c = margins[Int(items[hi])]
      let pivot = max(min(a, b), min(max(a, b), c))
      var i = lo, j = hi
      while i <= j {
        while margins[Int(items[i])] > pivot { i += 1 }
        while margins[Int(items[j])] < pivot { j -= 1 }
        if i <= j {
          items.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if target <= j { hi = j } else if target >= i { lo = i } else { return items[target] }
    }
    return items[lo]
  }
}
