/// Simulates one block of draws and adds it to a set of tallies, with no allocation: every buffer
/// is created once per worker, in `init`.
///
/// For block b, the stream `StreamKey(seed, b)` supplies, in this order: the `rank x count` normals
/// `Z` (column after column), then for each draw its national t draw, its multivariate-t scale (if
/// any) and its seats' independent normals (low-rank factor only). `eps = F Z` is one single-precision
/// gemm per block. Each draw then adds base margins and the environment, counts wins, accumulates
/// margins, and finds the tipping-point seat by selection.
struct DrawKernel {
  let plan: SimulationPlan
  private var normals: [Float]
  private var noise: [Float]
  private var margins: [Float]
  private var candidates: [Int32]
  private let base: [Float]
  private let histogramOrigin: [Float]
  private let binsPerSeat: Int
  /// Where each draw is recorded when the run exports its draws (nil otherwise).
  let capture: DrawCapture?

  /// Margins within this many points of zero are the first candidates for the tipping point.
  private static let tippingWindow: Float = 6

  init(plan: SimulationPlan, binsPerSeat: Int, capture: DrawCapture? = nil) {
    self.plan = plan
    let block = SimulationPlan.blockSize
    normals = [Float](repeating: 0, count: plan.factor.rank * block)
    noise = [Float](repeating: 0, count: plan.contested * block)
    margins = [Float](repeating: 0, count: plan.contested)
    candidates = [Int32](repeating: 0, count: plan.contested)
    base = plan.baseMargins.map(Float.init)
    let window = plan.marginWindow
    histogramOrigin = plan.baseMargins.map { Float($0 + plan.environmentMean - window) }
    self.binsPerSeat = binsPerSeat
    self.capture = capture
  }

  /// Simulates block `block` into `tallies`.
  mutating func run(block: Int, into tallies: inout Tallies) {
    let count = plan.drawsInBlock(block)
    let n = plan.contested
    let rank = plan.factor.rank
    var rng = Xoshiro256StarStar(key: StreamKey(seed: plan.seed, block: UInt64(block)))

    normals.withUnsafeMutableBufferPointer { z in
      for i in 0..<(rank * count) { z[i] = Float(Distributions.standardNormal(using: &rng)) }
    }
    if n > 0 {
      plan.factor.loadings.withUnsafeBufferPointer { f in
        normals.withUnsafeBufferPointer { z in
          noise.withUnsafeMutableBufferPointer { e in
            BLAS.multiply(m: n, n: count, k: rank, a: f.baseAddress!, b: z.baseAddress!, c: e.baseAddress!)
          }
        }
      }
    }

    let muE = plan.environmentMean, sigmaE = plan.environmentSD
    let nuE = plan.environmentNu, nuNoise = plan.noiseNu
    let seatsPlusOne = plan.seats + 1
    let needed = plan.majority - plan.fixedDemocratic
    let invWidth = Float(1 / SimulationPlan.marginBinWidth)
    let lastBin = binsPerSeat - 1
    let envBins = SimulationPlan.environmentBins
    let envInvWidth = 1 / SimulationPlan.environmentBinWidth
    let window = DrawKernel.tippingWindow
    let scale = Float(Tallies.fixedPointScale)
    let hasIdiosyncratic = !plan.factor.idiosyncratic.isEmpty
    var environmentSum = 0

    noise.withUnsafeBufferPointer { eps in
    margins.withUnsafeMutableBufferPointer { m in
    candidates.withUnsafeMutableBufferPointer { cand in
    base.withUnsafeBufferPointer { base in
    histogramOrigin.withUnsafeBufferPointer { origin in
    plan.factor.idiosyncratic.withUnsafeBufferPointer { idio in
    tallies.wins.withUnsafeMutableBufferPointer { wins in
    tallies.marginSums.withUnsafeMutableBufferPointer { sums in
    tallies.marginHistogram.withUnsafeMutableBufferPointer { hist in
    tallies.tipping.withUnsafeMutableBufferPointer { tipping in
    tallies.seatCounts.withUnsafeMutableBufferPointer { seatCounts in
    tallies.environmentSeats.withUnsafeMutableBufferPointer { environmentSeats in
      for j in 0..<count {
        let environment = muE + sigmaE * Distributions.unitVarianceStudentT(nu: nuE, using: &rng)
        let noiseScale = Float(Distributions.multivariateTScale(nu: nuNoise, using: &rng))
        let e = Float(environment)
        var seats = plan.fixedDemocratic
        var above = 0
        var near = 0
        let column = j * n
        for d in 0..<n {
          var shock = eps[column + d]
          if hasIdiosyncratic { shock += idio[d] * Float(Distributions.standardNormal(using: &rng)) }
          let margin = base[d] + e + noiseScale * shock
          m[d] = margin
          if margin > 0 {
            seats += 1
            wins[d] &+= 1
          }
          sums[d] &+= Int(margin * scale)
          var bin = Int((margin - origin[d]) * invWidth)
          bin = bin < 0 ? 0 : (bin > lastBin ? lastBin : bin)
          hist[d * binsPerSeat + bin] &+= 1
          if margin > window {
            above += 1
          } else if margin > -window {
            cand[near] = Int32(d)
            near += 1
          }
        }
        seatCounts[seats] &+= 1
        capture?.record(j, environment: environment, seats: seats, margins: m)
        var envBin = Int(((environment + SimulationPlan.environmentRange) * envInvWidth).rounded(.down))
        envBin = envBin < 0 ? 0 : (envBin >= envBins ? envBins - 1 : envBin)
        environmentSeats[envBin * seatsPlusOne + seats] &+= 1
        environmentSum &+= Int((environment * Tallies.fixedPointScale).rounded(.towardZero))
        if needed >= 1 && needed <= n {
          let winner: Int32
          if above < needed && needed <= above + near {
            winner = DrawKernel.select(rank: needed - above, among: cand, count: near, margins: m)
          } else {
            for d in 0..<n { cand[d] = Int32(d) }
            winner = DrawKernel.select(rank: needed, among: cand, count: n, margins: m)
          }
          tipping[Int(winner)] &+= 1
        }
      }
    }}}}}}}}}}}}
    tallies.draws += count
    tallies.environmentSum &+= environmentSum
  }

  /// The index (from `items[0..<count]`) of the seat with the `rank`-th largest margin (1-based),
  /// by Hoare's quickselect (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with a
  /// median-of-three pivot; it reorders `items`. Expected O(count).
  @inline(__always)
  static func select(rank: Int, among items: UnsafeMutableBufferPointer<Int32>, count: Int,
                     margins: UnsafeMutableBufferPointer<Float>) -> Int32 {
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
