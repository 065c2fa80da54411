import Foundation
import Testing
@testable import BellwetherFit

/// The least-squares solver (Householder QR) against an answer worked by hand and against a second
/// method written here: classical Gram-Schmidt on the columns, sharing no code with the solver.
@Suite struct LeastSquaresTests {
  /// y = b0 + b1 x through (0, 1), (1, 3), (2, 4). By hand: X'X = [[3, 3], [3, 5]], X'y = [8, 11],
  /// det 6, b = [[5, -3], [-3, 3]] [8, 11] / 6 = [7/6, 3/2]; residuals -1/6, 1/3, -1/6; RSS = 1/6 on
  /// 1 df, so s^2 = 1/6; (X'X)^-1 diagonal 5/6 and 3/6: SE(b0) = sqrt(5/36), SE(b1) = sqrt(1/12).
  @Test func aLineThroughThreePointsByHand() throws {
    let fit = try LeastSquares.fit(design: [[1, 0], [1, 1], [1, 2]], response: [1, 3, 4], names: ["b0", "b1"])
    #expect(abs(fit.coefficients[0] - 7.0 / 6) < 1e-12 && abs(fit.coefficients[1] - 1.5) < 1e-12)
    let se = try #require(fit.standardErrors)
    #expect(abs(se[0] - (5.0 / 36).squareRoot()) < 1e-12 && abs(se[1] - (1.0 / 12).squareRoot()) < 1e-12)
    #expect(zip(fit.residuals, [-1.0 / 6, 1.0 / 3, -1.0 / 6]).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(fit.degreesOfFreedom == 1 && abs(fit.residualSD! - (1.0 / 6).squareRoot()) < 1e-12)
    #expect(fit.coefficient("b1") == fit.coefficients[1])
  }

  /// Classical Gram-Schmidt: X = Q R column by column, b = R^-1 Q'y, (X'X)^-1 = R^-1 R^-T.
  static func gramSchmidt(_ x: [[Double]], _ y: [Double]) -> (b: [Double], se: [Double]) {
    let n = x.count, p = x[0].count
    var q: [[Double]] = [], r = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for j in 0..<p {
      var v = (0..<n).map { x[$0][j] }
      for i in 0..<j {
        r[i][j] = (0..<n).reduce(0) { $0 + q[i][$1] * x[$1][j] }
        for k in 0..<n { v[k] -= r[i][j] * q[i][k] }
      }
      r[j][j] = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      q.append(v.map { $0 / r[j][j] })
    }
    let qty = (0..<p).map { i in (0..<n).reduce(0) { $0 + q[i][$1] * y[$1] } }
    var b = [Double](repeating: 0, count: p)
    for i in stride(from: p - 1, through: 0, by: -1) {
      b[i] = (qty[i] - ((i + 1)..<p).reduce(0) { $0 + r[i][$1] * b[$1] }) / r[i][i]
    }
    // R^-1 by solving R z = e_j for each j.
    var inv = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for j in 0..<p {
      for i in stride(from: p - 1, through: 0, by: -1) {
        let e: Double = i == j ? 1 : 0
        inv[i][j] = (e - ((i + 1)..<p).reduce(0) { $0 + r[i][$1] * inv[$1][j] }) / r[i][i]
      }
    }
    let rss = (0..<n).reduce(0.0) { acc, k in
      let f = (0..<p).reduce(0) { $0 + x[k][$1] * b[$1] }
      return acc + (y[k] - f) * (y[k] - f)
    }
    let s2 = rss / Double(n - p)
    return (b, (0..<p).map { i in (s2 * (0..<p).reduce(0) { $0 + inv[i][$1] * inv[i][$1] }).squareRoot() })
  }

  /// 60 seats of a district-like design (a lean, a previous margin, three class dummies) with noise
  /// from a fixed linear congruential sequence: the solver agrees with Gram-Schmidt to 1e-9.
  @Test func agreesWithGramSchmidtOnADistrictLikeDesign() throws {
    var state: UInt64 = 12345
    func uniform() -> Double {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Double(state >> 11) / Double(1 << 53)
    }
    var x: [[Double]] = [], y: [Double] = []
    for i in 0..<60 {
      let lean = 60 * uniform() - 30, previous = lean + 20 * uniform() - 10
      let c = i % 3
      x.append([lean, previous, c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0])
      y.append(0.4 * lean + 0.5 * previous + [6.0, -5.0, 2.0][c] + 16 * uniform() - 8)
    }
    let fit = try LeastSquares.fit(design: x, response: y, names: ["lean", "previous", "D", "R", "open"])
    let check = Self.gramSchmidt(x, y)
    #expect(zip(fit.coefficients, check.b).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(zip(fit.standardErrors!, check.se).allSatisfy { abs($0 - $1) < 1e-9 })
    // Residuals are orthogonal to every column.
    for j in 0..<5 { #expect(abs(zip(x.map { $0[j] }, fit.residuals).map(*).reduce(0, +)) < 1e-8) }
  }

  @Test func aCollinearColumnIsRefusedByName() {
    #expect(throws: LeastSquares.Failure.rankDeficient(column: "twice")) {
      try LeastSquares.fit(design: [[1, 2], [2, 4], [3, 6]], response: [1, 2, 3], names: ["x", "twice"])
    }
    #expect(throws: LeastSquares.Failure.tooFewObservations(observations: 1, columns: 2)) {
      try LeastSquares.fit(design: [[1, 2]], response: [1], names: ["a", "b"])
    }
  }

  @Test func anExactFitHasNoStandardErrors() throws {
    let fit = try LeastSquares.fit(design: [[1, 0], [1, 1]], response: [2, 5], names: ["a", "b"])
    #expect(abs(fit.coefficients[0] - 2) < 1e-12 && abs(fit.coefficients[1] - 3) < 1e-12)
    #expect(fit.standardErrors == nil && fit.residualSD == nil && fit.degreesOfFreedom == 0)
  }

  /// Weighted least squares (docs/fit.md, "Recency"), intercept only: y = 1, 2, 4 with weights 1, 1, 2.
  /// By hand: b = (1 + 2 + 8) / 4 = 2.75; weights relative to their mean 4/3 are 3/4, 3/4, 3/2;
  /// residuals -1.75, -0.75, 1.25; s^2 = (0.75 x 3.0625 + 0.75 x 0.5625 + 1.5 x 1.5625) / 2 = 2.53125;
  /// SE = sqrt(s^2 / 3) = 0.918559 (X'WX / mean(w) = 3). Residuals are y - b, unweighted.
  @Test func aWeightedMeanByHand() throws {
    let fit = try LeastSquares.fit(design: [[1], [1], [1]], response: [1, 2, 4], names: ["b"], weights: [1, 1, 2])
    #expect(abs(fit.coefficients[0] - 2.75) < 1e-12)
    #expect(abs(fit.residualSD! - 2.53125.squareRoot()) < 1e-12)
    #expect(abs(fit.standardErrors![0] - 0.918_558_653_543_691_8) < 1e-12)
    #expect(zip(fit.residuals, [-1.75, -0.75, 1.25]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  /// Integer weights are repeated rows: the weighted fit's coefficients equal Gram-Schmidt's (no
  /// shared code) on the design with each row repeated its weight's number of times.
  @Test func integerWeightsAreRepeatedRows() throws {
    let x: [[Double]] = [[1, 0, 2], [1, 1, -1], [1, 2, 0.5], [1, 3, 4], [1, 4, -2], [1, 5, 1], [1, 6, 3]]
    let y: [Double] = [1, 3, 4, 2, 7, 5, 9]
    let w: [Double] = [1, 3, 2, 1, 4, 1, 2]
    let fit = try LeastSquares.fit(design: x, response: y, names: ["a", "b", "c"], weights: w)
    var xr: [[Double]] = [], yr: [Double] = []
    for i in x.indices { for _ in 0..<Int(w[i]) { xr.append(x[i]); yr.append(y[i]) } }
    let reference = Self.gramSchmidt(xr, yr)
    #expect(zip(fit.coefficients, reference.b).allSatisfy { abs($0 - $1) < 1e-10 })
  }

  /// Equal weights are no weights, to the bit; a weight that is not positive is refused.
  @Test func equalWeightsAreOrdinaryLeastSquaresAndBadWeightsAreRefused() throws {
    let x: [[Double]] = [[1, 0], [1, 1], [1, 2], [1, 5]], y: [Double] = [1, 3, 4, 6]
    let plain = try LeastSquares.fit(design: x, response: y, names: ["a", "b"])
    #expect(try LeastSquares.fit(design: x, response: y, names: ["a", "b"], weights: [0.3, 0.3, 0.3, 0.3]) == plain)
    #expect(throws: LeastSquares.Failure.malformed("a weight that is not positive and finite")) {
      try LeastSquares.fit(design: x, response: y, names: ["a", "b"], weights: [1, 0, 1, 1])
    }
    #expect(throws: LeastSquares.Failure.malformed("3 weights for 4 observations")) {
      try LeastSquares.fit(design: x, response: y, names: ["a", "b"], weights: [1, 1, 1])
    }
  }
}
