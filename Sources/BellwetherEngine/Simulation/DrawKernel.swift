import Foundation

/// Simulates one block of draws and adds it to a set of tallies, with no allocation: every buffer
/// is created once per worker, in `init`.
///
/// A block is simulated in chunks of `chunkSize` draws, so that a chunk's normals and noise stay in
/// the core's cache. For block b, the bulk stream `StreamKey(seed, b, purpose: 1)` supplies, chunk
/// after chunk, in one call, the normals for the dense loadings (`rank x c`, draw after draw) and for
/// each membership (`c` per group, group after group), then (low-rank factor only) the `seats x c`
/// independent normals; the
/// stream `StreamKey(seed, b)` supplies the ziggurat's rare slow paths and, for each draw in order,
/// its national t draw and its multivariate-t scale (if any). `F Z` is one single-precision gemm
/// per chunk, added onto the membership shocks, written run by run. Each draw then forms its margins
/// `base + environment + scale * (F z + u + D w)` (the environment times each seat's loading with
/// jointly conditioned polls) in one vectorizable pass that also counts wins,
/// adds a few seats' offsets from their expected margins to their class's histogram
/// (`OffsetClasses`), and finds the tipping-point seat by selection.
struct DrawKernel {
  let plan: SimulationPlan
  private let scratch: Scratch
  private let base: [Float]
  /// Each seat's coefficient on the environment draw (jointly conditioned polls, docs/model.md
  /// §2.5), or empty when every seat's is 1 (the margin pass then keeps its original arithmetic).
  private let environmentLoading: [Float]
  /// The conditional estimator's coefficient on E per seat: `environmentLoading`, or 1 for every seat
  /// (`1 * e` is `e` exactly, so the estimator's bits are those of the model without loadings); empty
  /// for the sampled estimator.
  private let conditionalLoading: [Float]
  /// Membership terms: the loading of each, the groups of the memberships before it, and
  /// the runs of consecutive seats that share every group, with each run's group per membership.
  private let membershipLoadings: [Float]
  private let membershipGroupsBefore: [Int]
  private let jointRuns: [(start: Int32, end: Int32)]
  private let jointRunGroups: [Int32]
  /// Expected margin of each seat, `base + muE`.
  private let expected: [Float]
  private let binsPerRow: Int
  /// The seats of every offset class, class after class, and where each class starts (and ends).
  private let classMembers: [Int32]
  private let classStarts: [Int]
  /// Shared normals per draw: dense rank plus one per group of each membership.
  private let sharedNormals: Int
  /// Expected number of contested seats per point of margin near zero (for the tipping search).
  private let densityAtZero: Float
  /// Per-seat win counts in 32 bits (vectorizable), flushed into the tallies before any could
  /// overflow.
  private var winCounts: [UInt32]
  private var drawsSinceFlush = 0
  /// Where each draw is recorded when the run exports its draws (nil otherwise).
  let capture: DrawCapture?

  /// Draws per chunk: the chunk's normals and noise (about 2 x 100 KB for the House) stay in cache.
  static let chunkSize = 64
  /// Seats of each offset class whose offsets each draw adds to the class's histogram (all of a
  /// smaller class), spread evenly over the class and rotated draw by draw.
  static let offsetSamplesPerDraw = 8
  /// A one-seat offset class adds its seat's offset on one draw in this many (a power of two).
  static let singletonSampleEvery = 8
  /// The 32-bit win counters are flushed into the tallies at least this often (in draws).
  private static let flushDraws = Int(UInt32.max)

  /// Per-worker buffers that hold nothing between calls: normals, noise, margins and scratch. A
  /// class so that it is allocated once; a kernel, and so its scratch, is used by one worker at a
  /// time (hence `@unchecked Sendable`).
  private final class Scratch: @unchecked Sendable {
    let shared: UnsafeMutablePointer<Float>
    let independent: UnsafeMutablePointer<Float>
    let correlated: UnsafeMutablePointer<Float>
    let margins: UnsafeMutablePointer<Float>
    let candidateIndices: UnsafeMutablePointer<Int32>
    let candidateValues: UnsafeMutablePointer<Float>
    /// Each joint membership run's shock for each draw of the chunk, run after run.
    let runShocks: UnsafeMutablePointer<Float>
    /// The tipping search's bit set of candidate seats.
    let candidateBits: UnsafeMutablePointer<UInt64>
    /// Conditional estimator only (docs/model.md §4.3): the block's per-seat sums of p and p^2, in
    /// draw order, and its sums of q, q^2, w, w^2.
    let blockWins: UnsafeMutablePointer<Double>
    let blockWinSquares: UnsafeMutablePointer<Double>
    let blockScalars: UnsafeMutablePointer<Double>
    /// Conditional estimator only: `1 / d_i`, each seat's inverse independent SD.
    let inverseIndependentSD: UnsafeMutablePointer<Float>
    /// Conditional estimator only: one draw's p, p(1 - p) and p(1 - p)(1 - 2p) per seat, summed
    /// after the vectorizable per-seat pass.
    let drawTerms: UnsafeMutablePointer<Float>

    init(seats n: Int, sharedPerDraw: Int, independentPerDraw: Int, runs: Int, conditional: Bool) {
      let chunk = DrawKernel.chunkSize
      func make<T: Numeric>(_ count: Int, _: T.Type) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
        p.initialize(repeating: 0, count: max(1, count))
        return p
      }
      shared = make(sharedPerDraw * chunk, Float.self)
      independent = make(independentPerDraw * chunk, Float.self)
      correlated = make(n * chunk, Float.self)
      margins = make(n, Float.self)
      candidateIndices = make(n, Int32.self)
      candidateValues = make(n, Float.self)
      runShocks = make(runs * chunk, Float.self)
      candidateBits = make((n + 63) / 64, UInt64.self)
      blockWins = make(conditional ? n : 0, Double.self)
      blockWinSquares = make(conditional ? n : 0, Double.self)
      blockScalars = make(4, Double.self)
      inverseIndependentSD = make(conditional ? n : 0, Float.self)
      drawTerms = make(conditional ? 3 * n : 0, Float.self)
    }

    deinit {
      for p in [shared, independent, correlated, margins, candidateValues, runShocks] { p.deallocate() }
      candidateIndices.deallocate()
      candidateBits.deallocate()
      for p in [blockWins, blockWinSquares, blockScalars] { p.deallocate() }
      inverseIndependentSD.deallocate()
      drawTerms.deallocate()
    }
  }

  init(plan: SimulationPlan, binsPerRow: Int, capture: DrawCapture? = nil) {
    self.plan = plan
    let n = plan.contested
    let factor = plan.factor
    sharedNormals = factor.rank + factor.memberships.map(\.groups).reduce(0, +)
    base = plan.baseMargins.map(Float.init)
    environmentLoading = plan.environmentLoadings?.map(Float.init) ?? []
    conditionalLoading = plan.estimator != .conditional ? []
      : (plan.environmentLoadings?.map(Float.init) ?? [Float](repeating: 1, count: plan.contested))
    expected = plan.baseMargins.indices.map { Float(plan.expectedMargin($0)) }
    let memberships = factor.memberships
    membershipLoadings = memberships.map(\.loading)
    membershipGroupsBefore = memberships.indices.map { k in memberships[..<k].map(\.groups).reduce(0, +) }
    (jointRuns, jointRunGroups) = factor.membershipRuns
    scratch = Scratch(seats: n, sharedPerDraw: sharedNormals, independentPerDraw: factor.idiosyncratic.isEmpty ? 0 : n,
                      runs: jointRuns.count, conditional: plan.estimator == .conditional)
    precondition(plan.estimator == .sampled || (!factor.idiosyncratic.isEmpty && factor.idiosyncratic.allSatisfy { $0 > 0 }),
                 "the conditional estimator needs every seat's independent SD above 0 (ForecastModel checks it)")
    if plan.estimator == .conditional {
      for (d, sd) in factor.idiosyncratic.enumerated() { scratch.inverseIndependentSD[d] = 1 / sd }
    }
    self.binsPerRow = binsPerRow
    self.capture = capture
    winCounts = [UInt32](repeating: 0, count: n)
    classMembers = plan.offsetClasses.members.flatMap { $0 }
    classStarts = plan.offsetClasses.members.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    // Seats per point near zero, treating each margin as normal with the widest seat's spread.
    let sd = max(1e-3, plan.widestMarginSD)
    let density = plan.baseMargins.indices.reduce(0.0) { sum, k in
      let z = plan.expectedMargin(k) / sd
      return sum + exp(-0.5 * z * z) / (sd * (2 * Double.pi).squareRoot())
    }
    densityAtZero = Float(max(density, 1e-6))
  }

  /// Adds the 32-bit win counts into the tallies and clears them.
  mutating func flush(into tallies: inout Tallies) {
    winCounts.withUnsafeMutableBufferPointer { w in
      tallies.wins.withUnsafeMutableBufferPointer { t in
        for i in w.indices {
          t[i] &+= Int(w[i])
          w[i] = 0
        }
      }
    }
    drawsSinceFlush = 0
  }

  /// Simulates block `block` into `tallies`.
  mutating func run(block: Int, into tallies: inout Tallies) {
    let count = plan.drawsInBlock(block)
    var rng = Xoshiro256StarStar(key: StreamKey(seed: plan.seed, block: UInt64(block)))
    var bulk = Xoshiro256StarStar(key: StreamKey(seed: plan.seed, block: UInt64(block), purpose: 1))
    var environmentSum = 0
    var start = 0
    let conditional = plan.estimator == .conditional
    if conditional {
      scratch.blockWins.update(repeating: 0, count: plan.contested)
      scratch.blockWinSquares.update(repeating: 0, count: plan.contested)
      scratch.blockScalars.update(repeating: 0, count: 4)
    }
    while start < count {
      let c = Swift.min(DrawKernel.chunkSize, count - start)
      makeNoise(draws: c, bulk: &bulk, rng: &rng)
      environmentSum &+= tally(draws: c, firstDraw: start, block: block, rng: &rng, into: &tallies)
      start += c
    }
    tallies.draws += count
    tallies.environmentSum &+= environmentSum
    if conditional { addConditionalSums(into: &tallies) }
    drawsSinceFlush += count
    if drawsSinceFlush > DrawKernel.flushDraws - SimulationPlan.blockSize { flush(into: &tallies) }
  }

  /// Adds the block's conditional sums, each rounded to fixed point, to the tallies.
  private func addConditionalSums(into tallies: inout Tallies) {
    let n = plan.contested
    let wins = scratch.blockWins, squares = scratch.blockWinSquares, scalars = scratch.blockScalars
    // Moved out and back, so the arrays are modified in place (no copy).
    var sums = tallies.conditional!
    tallies.conditional = nil
    sums.winSums.withUnsafeMutableBufferPointer { winSums in
      sums.winSquares.withUnsafeMutableBufferPointer { winSquares in
        for d in 0..<n {
          winSums[d] += ConditionalTallies.fixed(wins[d])
          winSquares[d] += ConditionalTallies.fixed(squares[d])
        }
      }
    }
    sums.majoritySum += ConditionalTallies.fixed(scalars[0])
    sums.majoritySquares += ConditionalTallies.fixed(scalars[1])
    sums.seatSum += ConditionalTallies.fixed(scalars[2])
    sums.seatSquares += ConditionalTallies.fixed(scalars[3])
    tallies.conditional = sums
  }

  /// The conditional estimator's pass over one draw (docs/model.md §4.3): given the draw's shared
  /// part `mu_i = base_i + e + s c_i` (`c` = `column`, the correlated noise; `lambda_i e` with jointly
  /// conditioned polls, `loading`), seat i is won with
  /// probability `p_i = Phi(mu_i / (s d_i))`; adds p_i and p_i^2 to the block's per-seat sums and,
  /// from `sum p`, `sum p(1-p)` and `sum p(1-p)(1-2p)`, the draw's P(majority) (refined normal
  /// approximation, `PoissonBinomial.atLeast`) and expected wins to the block's scalar sums.
  @inline(__always)
  private static func conditionalPass(scratch: Scratch, seats n: Int, column: UnsafePointer<Float>,
                                      base: UnsafePointer<Float>, loading: UnsafePointer<Float>, environment e: Float,
                                      scale s: Float, needed: Int) {
    let wins = scratch.blockWins, squares = scratch.blockWinSquares, scalars = scratch.blockScalars
    let inv = scratch.inverseIndependentSD
    let invS = 1 / s
    let terms = scratch.drawTerms
    // Per seat, no reduction: vectorizable.
    for d in 0..<n {
      let x = (base[d] + loading[d] * e + s * column[d]) * (inv[d] * invS)
      let (p, q) = NormalCDF.lowerAndUpper(x)
      let pq = p * q
      terms[d] = p
      terms[n &+ d] = pq
      terms[2 &* n &+ d] = pq * (q - p)
      let pd = Double(p)
      wins[d] += pd
      squares[d] += pd * pd
    }
    // The three sums in double, four lanes each (a fixed order, so the same bits every time).
    var sums = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
    var d = 0
    while d &+ 4 <= n {
      sums.0 += SIMD4(Double(terms[d]), Double(terms[d &+ 1]), Double(terms[d &+ 2]), Double(terms[d &+ 3]))
      let v = terms + (n &+ d), t = terms + (2 &* n &+ d)
      sums.1 += SIMD4(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]))
      sums.2 += SIMD4(Double(t[0]), Double(t[1]), Double(t[2]), Double(t[3]))
      d &+= 4
    }
    var mean = sums.0.sum(), variance = sums.1.sum(), third = sums.2.sum()
    while d < n {
      mean += Double(terms[d])
      variance += Double(terms[n &+ d])
      third += Double(terms[2 &* n &+ d])
      d &+= 1
    }
    let majority: Double = needed <= 0 ? 1 : (needed > n ? 0
      : PoissonBinomial.atLeast(needed, mean: mean, variance: variance, thirdCumulant: third))
    scalars[0] += majority
    scalars[1] += majority * majority
    scalars[2] += mean
    scalars[3] += mean * mean
  }

  /// Draws a chunk's normals and forms its correlated noise `F z + u` (seat after seat, draw after
  /// draw); the independent normals `w` stay in their own buffer, scaled later in the margin pass.
  private func makeNoise(draws c: Int, bulk: inout Xoshiro256StarStar, rng: inout Xoshiro256StarStar) {
    let n = plan.contested
    let factor = plan.factor
    let rank = factor.rank
    let z = scratch.shared, w = scratch.independent, noise = scratch.correlated
    Distributions.fillStandardNormals(UnsafeMutableBufferPointer(start: z, count: sharedNormals * c), fast: &bulk, slow: &rng)
    if !factor.idiosyncratic.isEmpty {
      Distributions.fillStandardNormals(UnsafeMutableBufferPointer(start: w, count: n * c), fast: &bulk, slow: &rng)
    }
    // Membership shocks first, then the gemm adds F z on top (beta = 1). Seat d gets the sum over
    // memberships of loading * u[group of d] of its draw. A membership's normals are group-major
    // (`u[g * c + j]`), so each run of seats that share every group (a state's seats, inside its
    // region) gets its shock for all the chunk's draws in one vectorizable pass; the runs are then
    // written into each draw's column.
    let memberships = membershipLoadings.count
    if memberships > 0 {
      let shocks = scratch.runShocks
      membershipLoadings.withUnsafeBufferPointer { loading in
      membershipGroupsBefore.withUnsafeBufferPointer { groupsBefore in
      jointRuns.withUnsafeBufferPointer { runs in
      jointRunGroups.withUnsafeBufferPointer { runGroup in
        for r in 0..<runs.count {
          let shock = shocks + r &* c
          for k in 0..<memberships {
            let group = Int(runGroup[r &* memberships &+ k])
            let u = z + (rank &+ groupsBefore[k] &+ group) &* c
            let l = loading[k]
            if k == 0 {
              for j in 0..<c { shock[j] = l * u[j] }
            } else {
              for j in 0..<c { shock[j] += l * u[j] }
            }
          }
        }
        for j in 0..<c {
          let column = noise + j &* n
          for r in 0..<runs.count {
            let value = shocks[r &* c &+ j]
            for d in Int(runs[r].start)..<Int(runs[r].end) { column[d] = value }
          }
        }
      }}}}
    }
    let hasMemberships = !factor.memberships.isEmpty
    if rank > 0 && n > 0 {
      factor.loadings.withUnsafeBufferPointer { f in
        BLAS.multiply(m: n, n: c, k: rank, a: f.baseAddress!, b: z, beta: hasMemberships ? 1 : 0, c: noise)
      }
    } else if !hasMemberships {
      noise.update(repeating: 0, count: n * c)
    }
  }

  /// Turns a chunk's noise into margins and adds its draws to the tallies; returns the sum of the
  /// chunk's environments in fixed point.
  private mutating func tally(draws c: Int, firstDraw: Int, block: Int, rng: inout Xoshiro256StarStar,
                              into tallies: inout Tallies) -> Int {
    let n = plan.contested
    let muE = plan.environmentMean, sigmaE = plan.environmentSD
    let nuE = plan.environmentNu, nuNoise = plan.noiseNu, tScale = plan.noiseTScale
    let seatsPlusOne = plan.seats + 1
    let fixed = plan.fixedDemocratic
    let needed = plan.majority - fixed
    let invWidth = Float(1 / SimulationPlan.marginBinWidth)
    let offsetWindow = Float(plan.marginWindow)
    let lastBin = Float(binsPerRow - 1)
    let bins = binsPerRow
    let classes = classStarts.count - 1
    let samplesPerDraw = DrawKernel.offsetSamplesPerDraw
    let envBins = SimulationPlan.environmentBins
    let envInvWidth = 1 / SimulationPlan.environmentBinWidth
    let density = densityAtZero
    let hasIndependent = !plan.factor.idiosyncratic.isEmpty
    let hasLoadings = !environmentLoading.isEmpty
    let conditional = plan.estimator == .conditional
    let scratch = self.scratch
    let m = scratch.margins
    let candidateIndices = scratch.candidateIndices, candidateValues = scratch.candidateValues
    var environmentSum = 0

    base.withUnsafeBufferPointer { base in
    environmentLoading.withUnsafeBufferPointer { loading in
    conditionalLoading.withUnsafeBufferPointer { conditionalLoading in
    expected.withUnsafeBufferPointer { expected in
    plan.factor.idiosyncratic.withUnsafeBufferPointer { idio in
    classMembers.withUnsafeBufferPointer { classMembers in
    classStarts.withUnsafeBufferPointer { classStarts in
    winCounts.withUnsafeMutableBufferPointer { wins in
    tallies.offsetHistogram.withUnsafeMutableBufferPointer { hist in
    tallies.tipping.withUnsafeMutableBufferPointer { tipping in
    tallies.seatCounts.withUnsafeMutableBufferPointer { seatCounts in
    tallies.environmentSeats.withUnsafeMutableBufferPointer { environmentSeats in
      let base = base.baseAddress!, wins = wins.baseAddress!
      for j in 0..<c {
        let environment = muE + sigmaE * Distributions.unitVarianceStudentT(nu: nuE, using: &rng)
        let noiseScale = Float(Distributions.multivariateTScale(nu: nuNoise, convention: tScale, using: &rng))
        let e = Float(environment)
        let column = scratch.correlated + j &* n
        // One vectorizable pass: margins and win counts.
        var won: UInt32 = 0
        if hasLoadings, hasIndependent, let loading = loading.baseAddress {
          // Jointly conditioned polls (docs/model.md §2.5): each seat has its own coefficient on E.
          let independent = scratch.independent + j &* n, sd = idio.baseAddress!
          for d in 0..<n {
            let margin = base[d] + loading[d] * e + noiseScale * (column[d] + sd[d] * independent[d])
            m[d] = margin
            let win: UInt32 = margin > 0 ? 1 : 0
            wins[d] &+= win
            won &+= win
          }
        } else if hasLoadings, let loading = loading.baseAddress {
          for d in 0..<n {
            let margin = base[d] + loading[d] * e + noiseScale * column[d]
            m[d] = margin
            let win: UInt32 = margin > 0 ? 1 : 0
            wins[d] &+= win
            won &+= win
          }
        } else if hasIndependent {
          let independent = scratch.independent + j &* n, sd = idio.baseAddress!
          for d in 0..<n {
            let margin = base[d] + e + noiseScale * (column[d] + sd[d] * independent[d])
            m[d] = margin
            let win: UInt32 = margin > 0 ? 1 : 0
            wins[d] &+= win
            won &+= win
          }
        } else {
          for d in 0..<n {
            let margin = base[d] + e + noiseScale * column[d]
            m[d] = margin
            let win: UInt32 = margin > 0 ? 1 : 0
            wins[d] &+= win
            won &+= win
          }
        }
        // Offsets from the expected margin of a few seats of each class, chosen by the draw's
        // number (so the same for any thread count). The bin is floor((offset + window) / width)
        // clamped to the row; the clamp comes first, so the conversion never traps.
        let drawNumber = block &* SimulationPlan.blockSize &+ firstDraw &+ j
        for k in 0..<classes {
          let first = classStarts[k], size = classStarts[k + 1] &- first
          if size == 1 {
            // A class of one seat (nearly every seat with jointly conditioned polls, each with its
            // own loading on E and variance) adds its offset on one draw in `singletonSampleEvery`,
            // chosen by the draw's number: one histogram increment per seat per draw stalls on memory.
            if (drawNumber &+ k) & (DrawKernel.singletonSampleEvery &- 1) == 0 {
              let seat = Int(classMembers[first])
              let x = Swift.min(Swift.max(((m[seat] - expected[seat]) + offsetWindow) * invWidth, 0), lastBin)
              hist[k &* bins &+ Int(x)] &+= 1
            }
            continue
          }
          if size <= samplesPerDraw {
            // Every seat of a small class, every draw (the rotation below would only reorder them):
            // no division.
            for position in 0..<size {
              let seat = Int(classMembers[first &+ position])
              let x = Swift.min(Swift.max(((m[seat] - expected[seat]) + offsetWindow) * invWidth, 0), lastBin)
              hist[k &* bins &+ Int(x)] &+= 1
            }
            continue
          }
          let samples = samplesPerDraw, stride = size / samples
          let rotation = drawNumber % size  // t * stride < size, so one subtraction wraps
          for t in 0..<samples {
            var position = rotation &+ t &* stride
            position = position >= size ? position &- size : position
            let seat = Int(classMembers[first &+ position])
            let x = Swift.min(Swift.max(((m[seat] - expected[seat]) + offsetWindow) * invWidth, 0), lastBin)
            hist[k &* bins &+ Int(x)] &+= 1
          }
        }
        if conditional {
          DrawKernel.conditionalPass(scratch: scratch, seats: n, column: column, base: base,
                                     loading: conditionalLoading.baseAddress ?? base, environment: e,
                                     scale: noiseScale, needed: needed)
        }
        let contestedWins = Int(won)
        let seats = contestedWins &+ fixed
        seatCounts[seats] &+= 1
        capture?.record(firstDraw + j, environment: environment, seats: seats,
                        margins: UnsafeMutableBufferPointer(start: m, count: n))
        var envBin = Int(((environment + SimulationPlan.environmentRange) * envInvWidth).rounded(.down))
        envBin = envBin < 0 ? 0 : (envBin >= envBins ? envBins - 1 : envBin)
        environmentSeats[envBin &* seatsPlusOne &+ seats] &+= 1
        environmentSum &+= Int((environment * Tallies.fixedPointScale).rounded())  // nearest: no bias
        if needed >= 1 && needed <= n {
          // Search first within the distance where about rank + 1 + 2 sqrt(rank) seats lie.
          let rank = Float(contestedWins >= needed ? contestedWins - needed + 1 : needed - contestedWins)
          let tippingWindow = (rank + 1 + 2 * rank.squareRoot()) / density
          tipping[Int(DrawKernel.tippingSeat(
            needed: needed, contestedWins: contestedWins, margins: UnsafeMutableBufferPointer(start: m, count: n),
            count: n, window: tippingWindow,
            indices: UnsafeMutableBufferPointer(start: candidateIndices, count: n),
            values: UnsafeMutableBufferPointer(start: candidateValues, count: n),
            bits: UnsafeMutableBufferPointer(start: scratch.candidateBits, count: (n + 63) / 64)))] &+= 1
        }
      }
    }}}}}}}}}}}}
    return environmentSum
  }

  /// The seat with the `needed`-th largest margin: the one that supplies the majority-making seat.
  ///
  /// If the Democrats won at least `needed` contested seats it is the `(wins - needed + 1)`-th
  /// smallest positive margin, otherwise the `(needed - wins)`-th largest non-positive one. So only
  /// the deciding side is searched, as `x = margin` (positive side) or `x = -margin` (the other),
  /// for the `rank`-th smallest `x`: among the seats with `x` within `window` of zero, marked in a
  /// bit set by a branch-free scan and then gathered with their values beside them; when fewer
  /// than `rank` lie there, the window is widened threefold (up to three times, then to the whole
  /// side). `indices`, `values` (at least `count` entries) and `bits` (`(count + 63) / 64`) are scratch.
  @inline(__always)
  static func tippingSeat(needed: Int, contestedWins: Int, margins m: UnsafeMutableBufferPointer<Float>, count n: Int,
                          window: Float, indices: UnsafeMutableBufferPointer<Int32>,
                          values: UnsafeMutableBufferPointer<Float>, bits: UnsafeMutableBufferPointer<UInt64>) -> Int32 {
    let positive = contestedWins >= needed
    let rank = positive ? contestedWins - needed + 1 : needed - contestedWins
    let sign: Float = positive ? 1 : -1
    // x > lower selects margin > 0 on the positive side and -margin >= 0 (margin <= 0) on the other.
    let lower: Float = positive ? 0 : -Float.leastNonzeroMagnitude
    let index = indices.baseAddress!, value = values.baseAddress!, margin = m.baseAddress!
    // Marks the side's seats with x <= limit in a bit set, eight seats per test and without a
    // branch, and returns how many there are. Each 32-seat block's four tests give their lanes
    // disjoint bits and are merged lane-wise, so one horizontal sum per 32 seats (not per 8)
    // yields the block's bits, and each 64-bit word is written once (no clearing pass).
    let words = (n &+ 63) >> 6
    let bit = bits.baseAddress!
    @inline(__always) func mark(upTo limit: Float) -> Int {
      let signs = SIMD8<Float>(repeating: sign), lowers = SIMD8<Float>(repeating: lower)
      let limits = SIMD8<Float>(repeating: limit)
      let weights = SIMD8<UInt32>(1, 2, 4, 8, 16, 32, 64, 128)
      @inline(__always) func octet(_ d: Int, _ shift: UInt32) -> SIMD8<UInt32> {
        let x = UnsafeRawPointer(margin + d).loadUnaligned(as: SIMD8<Float>.self) * signs
        return unsafeBitCast((x .> lowers) .& (x .<= limits), to: SIMD8<UInt32>.self) & (weights &<< shift)
      }
      @inline(__always) func block(_ d: Int) -> UInt64 {
        UInt64((octet(d, 0) | octet(d &+ 8, 8) | octet(d &+ 16, 16) | octet(d &+ 24, 24)).wrappedSum())
      }
      var k = 0
      var d = 0
      while d &+ 64 <= n {
        let word = block(d) | block(d &+ 32) << 32
        bit[d >> 6] = word
        k &+= word.nonzeroBitCount
        d &+= 64
      }
      if d < n {
        // The last, partial word: whole octets, then one seat at a time.
        var word: UInt64 = 0
        var e = d
        while e &+ 8 <= n {
          word |= UInt64(octet(e, 0).wrappedSum()) << UInt64(e &- d)
          e &+= 8
        }
        while e < n {
          let x = sign * margin[e]
          let inside = UInt64(unsafeBitCast(x > lower, to: UInt8.self) & unsafeBitCast(x <= limit, to: UInt8.self))
          word |= inside << UInt64(e &- d)
          e &+= 1
        }
        bit[d >> 6] = word
        k &+= word.nonzeroBitCount
      }
      return k
    }
    // Widen the window threefold until it holds `rank` seats; after three tries, take the whole side
    // (an infinite limit), which always does.
    var limit = window
    var k = mark(upTo: limit)
    var tries = 1
    while k < rank {
      limit = tries >= 3 ? .infinity : limit * 3
      k = mark(upTo: limit)
      tries += 1
    }
    // The marked seats and their values, in seat order.
    var found = 0
    for w in 0..<words {
      var m = bit[w]
      while m != 0 {
        let d = w &<< 6 &+ m.trailingZeroBitCount
        index[found] = Int32(truncatingIfNeeded: d)
        value[found] = sign * margin[d]
        found &+= 1
        m &= m &- 1
      }
    }
    return selectSmallest(rank: rank, values: value, indices: index, count: k)
  }

  /// The index beside the `rank`-th smallest (1-based) of `values[0..<count]`, which must hold at
  /// least `rank` entries. Up to 32 entries, by counting each one's rank; beyond, small ranks are
  /// found by repeated extraction (branch-free scans) and others by Hoare's quickselect (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) with
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
    if count <= 32 {
      // Few candidates (the usual case): each one's rank is counted directly, with ties broken by
      // position, in branch-free vectorizable loops; exactly one candidate has `rank - 1` below it.
      for i in 0..<count {
        let v = values[i]
        var below: UInt32 = 0
        for j in 0..<count { below &+= UInt32(unsafeBitCast(values[j] < v, to: UInt8.self)) }
        for j in 0..<i { below &+= UInt32(unsafeBitCast(values[j] == v, to: UInt8.self)) }
        if Int(below) == rank - 1 { return indices[i] }
      }
      preconditionFailure("rank \(rank) outside 1...\(count)")
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
