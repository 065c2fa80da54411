import Foundation

extension TailFit {
  /// A profile likelihood over `nuGrid`.
  package struct Profile: Sendable, Codable, Equatable {
    /// One degrees of freedom tried.
    package struct Point: Sendable, Codable, Equatable {
      /// `.infinity`: the Gaussian.
      package var nu: Double
      /// The log-likelihood at `nu` (its other parameters at their maximum, where there are any).
      package var logLikelihood: Double
    }

    /// Every `nu` tried, in the grid's order.
    package var points: [Point]
    /// The `nu` of the largest log-likelihood (the first of equal ones).
    package var best: Double
    /// The smallest and largest `nu` of the 95% likelihood-ratio interval (`upper` is `.infinity` when
    /// the Gaussian is inside). Grid points: the interval's true ends lie between a grid point and the next.
    /// For the Gaussian, at the edge of the parameter space, the 1.92 cutoff is conservative (the test's
    /// null distribution is half chi-square 0 and half chi-square 1, cutoff 1.35; Self and Liang 1987).
    package var lower: Double
    package var upper: Double

    /// Whether the interval runs from the grid's first (3) to the Gaussian: `nu` is not identified.
    package var spansGrid: Bool { lower == points.first?.nu && upper == .infinity }

    /// Whether `nu` lies inside the interval (between `lower` and `upper`).
    package func contains(_ nu: Double) -> Bool { nu >= lower && nu <= upper }

    /// The profile of `logLikelihood` over `grid`.
    package init(grid: [Double] = TailFit.nuGrid, _ logLikelihood: (Double) -> Double) {
      let points = grid.map { Point(nu: $0, logLikelihood: logLikelihood($0)) }
      // The first of equal maxima.
      var top = 0
      for k in points.indices where points[k].logLikelihood > points[top].logLikelihood { top = k }
      let maximum = points[top].logLikelihood
      let inside = points.filter { 2 * (maximum - $0.logLikelihood) <= TailFit.chiSquare95 }.map(\.nu)
      self.points = points
      best = points[top].nu
      lower = inside.min()!
      upper = inside.max()!
    }
  }
}
