import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

/// The SIMD batch generator `Distributions.fillStandardNormals`, checked against values computed
/// without it: moments and tail masses in closed form, the CDF from erfc, and the ziggurat's
/// rectangle and squeeze decisions against the density evaluated in double precision.
///
/// Monte Carlo tolerances are 5 standard errors of each statistic at the stated sample size (a
/// false alarm about once in 3.5 million per check); distribution tests use their 0.1% critical
/// values.
struct BatchNormalTests {
  /// `n` draws from fixed seeds, in calls of `chunk` values (the draw kernel's calls are 2,500 to
  /// 30,000 long).
  static func sample(_ n: Int, chunk: Int = 10_000, seed: UInt64 = 17) -> [Double] {
    var fast = Xoshiro256StarStar(seed: seed), slow = Xoshiro256StarStar(seed: seed &+ 1)
    var values = [Float](repeating: .nan, count: n)
    values.withUnsafeMutableBufferPointer { buffer in
      var start = 0
      while start < n {
        let c = min(chunk, n - start)
        Distributions.fillStandardNormals(UnsafeMutableBufferPointer(rebasing: buffer[start..<start + c]), fast: &fast, slow: &slow)
        start += c
      }
    }
    return values.map(Double.init)
  }

  /// Two million draws shared by the distribution tests (about a second in a debug build).
  static let draws = sample(2_000_000)

  /// The upper tail probability P(Z > x), from erfc.
  static func upperTail(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

  @Test(.tags(.slow), .skippedInFastRuns) func momentsMatchTheStandardNormal() {
    // Standard errors at n: mean 1/sqrt(n), variance sqrt(2/n), skewness sqrt(6/n), excess
    // kurtosis sqrt(24/n) (normal sample moments).
    let x = Self.draws
    let n = Double(x.count)
    #expect(x.allSatisfy { $0.isFinite })
    let mean = x.reduce(0, +) / n
    var m2 = 0.0, m3 = 0.0, m4 = 0.0
    for v in x {
      let d = v - mean, d2 = d * d
      m2 += d2
      m3 += d2 * d
      m4 += d2 * d2
    }
    m2 /= n
    m3 /= n
    m4 /= n
    #expect(abs(mean) < 5 / n.squareRoot())
    #expect(abs(m2 - 1) < 5 * (2 / n).squareRoot())
    #expect(abs(m3 / pow(m2, 1.5)) < 5 * (6 / n).squareRoot())
    #expect(abs(m4 / (m2 * m2) - 3) < 5 * (24 / n).squareRoot())
  }

  @Test(.tags(.slow), .skippedInFastRuns) func passesKolmogorovSmirnovAgainstTheErfcCDF() {
    // 500,000 draws; the 0.1% critical value of sqrt(n) D is 1.9495 (Kolmogorov's distribution).
    let sorted = Self.draws.prefix(500_000).sorted()
    let m = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
      let f = TestSupport.normalCDF(x)
      d = max(d, abs(f - Double(i) / m), abs(f - Double(i + 1) / m))
    }
    #expect(d < 1.9495 / m.squareRoot())
  }

  @Test(.tags(.slow), .skippedInFastRuns) func passesChiSquareOn200EquiprobableBins() {
    // Bin edges are normal quantiles found by bisection on the erfc CDF; with 10,000 expected per
    // bin the statistic is chi-square with 199 degrees of freedom, 0.1% critical value 266.39.
    let bins = 200
    let edges: [Double] = (1..<bins).map { k in
      var lo = -10.0, hi = 10.0
      for _ in 0..<100 {
        let mid = 0.5 * (lo + hi)
        if TestSupport.normalCDF(mid) < Double(k) / Double(bins) { lo = mid } else { hi = mid }
      }
      return 0.5 * (lo + hi)
    }
    var counts = [Int](repeating: 0, count: bins)
    for x in Self.draws {
      var lo = 0, hi = edges.count  // first edge above x
      while lo < hi {
        let mid = (lo + hi) / 2
        if edges[mid] <= x { lo = mid + 1 } else { hi = mid }
      }
      counts[lo] += 1
    }
    let expected = Double(Self.draws.count) / Double(bins)
    let statistic = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    #expect(statistic < 266.39)
  }

  @Test(.tags(.slow), .skippedInFastRuns, arguments: [3.5, 4.5])
  func tailMassMatchesTheClosedForm(beyond sd: Double) {
    // Binomial count of |z| > sd among n draws; p = 2 P(Z > sd) = 4.65e-4 and 6.80e-6.
    let n = Double(Self.draws.count)
    let p = 2 * Self.upperTail(sd)
    let count = Double(Self.draws.filter { abs($0) > sd }.count)
    #expect(abs(count - n * p) < 5 * (n * p * (1 - p)).squareRoot())
  }

  @Test func tailAlgorithmMatchesTheConditionalTail() {
    // Beyond the base layer's edge R the draws come from Marsaglia's tail algorithm
    // (`Ziggurat.tail`, shared by both generators); 200,000 of
    // them against P(Z > x | Z > R): KS at the 0.1% critical value, and the mass beyond 4.5 SD
    // (p = 0.0263) within 5 binomial standard errors.
    let r = Ziggurat.table.x[1]
    var slow = Xoshiro256StarStar(seed: 31)
    let m = 200_000
    let tail = (0..<m).map { _ in Ziggurat.tail(negative: false, using: &slow) }.sorted()
    let tailR = Self.upperTail(r)
    var d = 0.0
    for (i, x) in tail.enumerated() {
      let f = 1 - Self.upperTail(x) / tailR
      d = max(d, abs(f - Double(i) / Double(m)), abs(f - Double(i + 1) / Double(m)))
    }
    #expect(tail.first! > r)
    #expect(d < 1.9495 / Double(m).squareRoot())
    let p = Self.upperTail(4.5) / tailR
    let beyond = Double(tail.filter { $0 > 4.5 }.count)
    #expect(abs(beyond - Double(m) * p) < 5 * (Double(m) * p * (1 - p)).squareRoot())
  }

  @Test func rectangleTestNeverAcceptsAPointOutsideTheRectangle() {
    // For every layer, the largest accepted |u| on the 24-bit lattice lies inside the rectangle
    // [0, x[i+1]) (checked in double precision) and is within 2^-22 of the edge (no waste).
    let table = BatchZigguratTable.shared
    let x = Ziggurat.table.x
    for layer in 0..<256 {
      func accepted(_ s: Int) -> Bool { table.fastDraw(UInt32(s) << 8 | UInt32(layer)).1 }
      var lo = -1, hi = 1 << 23  // largest accepted s in [lo, hi)
      while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if accepted(mid) { lo = mid } else { hi = mid }
      }
      let edge = x[layer + 1] / x[layer]
      if lo >= 0 {
        #expect(Double(2 * lo + 1) * 0x1p-24 * x[layer] < x[layer + 1], "layer \(layer)")
        #expect(Double(2 * hi + 1) * 0x1p-24 > edge - 0x1p-22, "layer \(layer)")
      } else {
        #expect(edge < 0x1p-23, "layer \(layer) accepts nothing")  // the top layer: x[256] = 0
      }
    }
  }

  @Test func squeezeNeverContradictsTheDensity() {
    // Wedge points of every layer, with v on the 2^-24 lattice at and around the exact boundary
    // v* where the point meets the density (and at random): an "under" verdict must lie under
    // f(x) = exp(-x^2/2) and an "over" verdict above it, both computed here in double precision.
    let table = BatchZigguratTable.shared
    let x = Ziggurat.table.x
    var rng = Xoshiro256StarStar(seed: 41)
    var contradictions: [String] = []
    var open = 0, randomPoints = 0
    for layer in 1..<256 {
      let f0 = exp(-0.5 * x[layer] * x[layer]), f1 = exp(-0.5 * x[layer + 1] * x[layer + 1])
      let first = max(0, Int((x[layer + 1] / x[layer] * 0x1p23).rounded(.down)) - 2)  // lattice index near the edge
      for trial in 0..<200 {
        let s = trial < 4 ? first + trial : first + Int(rng.next() % UInt64((1 << 23) - first))
        let negative = rng.next() & 1 == 1
        let field = negative ? -s - 1 : s  // u = (2 field + 1) 2^-24, |u| = (2s + 1) 2^-24
        let word = UInt32(bitPattern: Int32(truncatingIfNeeded: field)) << 8 | UInt32(layer)
        let px = Double(2 * s + 1) * 0x1p-24 * x[layer]
        let density = exp(-0.5 * px * px)
        let boundary = ((density - f0) / (f1 - f0) * 0x1p24).rounded(.down)
        var steps: [Double] = [-64, -9, -2, -1, 0, 1, 2, 9, 64].map { boundary + $0 }
        steps.append(Double(rng.next() >> 40))
        for (k, step) in steps.enumerated() where step >= 0 && step < 0x1p24 {
          let v = Float(step * 0x1p-24)
          let verdict = table.classify(SIMD4(repeating: word), v: SIMD4(repeating: v))
          if verdict.inside[0] { break }
          let under = f0 + Double(v) * (f1 - f0) < density
          if verdict.under[0] && !under || verdict.over[0] && under {
            contradictions.append("layer \(layer) s \(s) v \(v)")
          }
          if k == steps.count - 1 {
            randomPoints += 1
            if !verdict.under[0] && !verdict.over[0] { open += 1 }
          }
        }
      }
    }
    #expect(contradictions.count == 0, "first contradictions: \(contradictions.prefix(5))")
    // And the squeeze does its job: random wedge points are mostly decided without exp.
    #expect(Double(open) < 0.2 * Double(randomPoints))
  }

  @Test func sameStatesGiveTheSameNumbersAndAdvanceFastBy16() {
    var fast = Xoshiro256StarStar(seed: 5), slow = Xoshiro256StarStar(seed: 6)
    var fast2 = fast, slow2 = slow, advanced = fast
    var a = [Float](repeating: 0, count: 30_001), b = a
    a.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
    b.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast2, slow: &slow2) }
    #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    for _ in 0..<16 { _ = advanced.next() }
    let next = advanced.next()
    #expect(fast.next() == next)
    #expect(fast2.next() == next)
    #expect(slow.next() == slow2.next())
  }

  @Test func anEmptyBufferLeavesBothStreamsAlone() {
    var fast = Xoshiro256StarStar(seed: 7), slow = Xoshiro256StarStar(seed: 8)
    let fast0 = fast, slow0 = slow
    var none: [Float] = []
    none.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
    var f = fast0, s = slow0
    #expect(fast.next() == f.next())
    #expect(slow.next() == s.next())
  }

  @Test func consecutiveCallsContinueWithoutOverlap() {
    // Two consecutive calls of 50,000 from the same streams: no run of four values of the second
    // call appears in the first (a repeat would be a shared stretch of stream), and the two halves
    // are uncorrelated (|r| within 5 / sqrt(n)).
    var fast = Xoshiro256StarStar(seed: 9), slow = Xoshiro256StarStar(seed: 10)
    let n = 50_000
    var first = [Float](repeating: 0, count: n), second = first
    first.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
    second.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
    func runs(_ v: [Float]) -> Set<[UInt32]> { Set((0..<(v.count - 3)).map { i in v[i..<(i + 4)].map(\.bitPattern) }) }
    #expect(runs(first).isDisjoint(with: runs(second)))
    let a = first.map(Double.init), b = second.map(Double.init)
    let ma = a.reduce(0, +) / Double(n), mb = b.reduce(0, +) / Double(n)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in 0..<n {
      sab += (a[i] - ma) * (b[i] - mb)
      saa += (a[i] - ma) * (a[i] - ma)
      sbb += (b[i] - mb) * (b[i] - mb)
    }
    #expect(abs(sab / (saa * sbb).squareRoot()) < 5 / Double(n).squareRoot())
  }

  @Test(.tags(.slow), .skippedInFastRuns, arguments: [1, 2, 3, 7, 8, 9, 15, 17, 511, 512, 513, 1023, 4097])
  func oddLengthsFillEveryValue(length: Int) {
    // Every length fills every slot with a finite value (the buffer starts as NaN), and many short
    // calls pooled together have the normal mean and variance (5 standard errors at >= 200,000
    // values): the partial-octet path is as exact as the SIMD one.
    var fast = Xoshiro256StarStar(seed: UInt64(length)), slow = Xoshiro256StarStar(seed: 99)
    let calls = max(1, 200_000 / length)
    var buffer = [Float](repeating: .nan, count: length)
    var sum = 0.0, sumSq = 0.0
    for _ in 0..<calls {
      for i in buffer.indices { buffer[i] = .nan }
      buffer.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
      #expect(buffer.allSatisfy { $0.isFinite })
      for v in buffer {
        sum += Double(v)
        sumSq += Double(v) * Double(v)
      }
    }
    let n = Double(calls * length)
    #expect(abs(sum / n) < 5 / n.squareRoot())
    #expect(abs(sumSq / n - 1) < 5 * (2 / n).squareRoot())
  }

  @Test func theSlowStreamIsUsedRarely() {
    // The slow stream serves only the exact wedge tests, the tail and their retries: well under 1%
    // of a draw each (about 0.002 measured), so callers may keep using it for other purposes.
    struct Counting: RandomNumberGenerator {
      var base = Xoshiro256StarStar(seed: 12)
      var calls = 0
      mutating func next() -> UInt64 {
        calls += 1
        return base.next()
      }
    }
    var fast = Xoshiro256StarStar(seed: 11), slow = Counting()
    var buffer = [Float](repeating: 0, count: 200_000)
    buffer.withUnsafeMutableBufferPointer { Distributions.fillStandardNormals($0, fast: &fast, slow: &slow) }
    #expect(slow.calls > 0)
    #expect(Double(slow.calls) < 0.01 * Double(buffer.count))
  }
}
