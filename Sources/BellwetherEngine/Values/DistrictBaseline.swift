/// The linear district baseline (docs/model.md §1.5): a seat's expected margin relative to the
/// national environment, `lean x b_lean (+ previous x b_previous) + the seat class's intercept`,
/// with one equation for seats whose previous House race was a D-vs-R contest on the same lines and
/// one for the others. Optionally the district noise by seat class (§3.4) and class-level shared
/// errors (§3.5). Without it the model uses the uniform rule `lean + inc` (§1.3, §4.1).
package struct DistrictBaseline: Sendable, Codable, Equatable {
  /// One coefficient: its value and, when known, its cycle-to-cycle SD (the spread of the per-cycle
  /// estimates, docs/fit.md), which the shared errors of §3.5 draw from.
  package struct Term: Sendable, Codable, Equatable {
    package var estimate: Double
    package var cycleSD: Double?

    package init(estimate: Double, cycleSD: Double? = nil) {
      self.estimate = estimate
      self.cycleSD = cycleSD
    }
  }

  /// The two equations.
  package enum Equation: String, Sendable, Codable, CaseIterable {
    /// Seats with a previous D-vs-R race on the same lines.
    case withPrevious
    /// The other seats (redrawn, or no two-party race last time).
    case withoutPrevious
  }

  /// One equation's coefficients.
  package struct Coefficients: Sendable, Codable, Equatable {
    /// Slope on the seat's lean.
    package var lean: Term
    /// Slope on the previous House margin relative to the nation (withPrevious only).
    package var previous: Term?
    /// Intercept of each seat class.
    package var intercepts: [SeatClass: Term]
    /// Total district-noise SD of each seat class (§3.4), or nil for the common SD of §3.1.
    package var residualSD: [SeatClass: Double]?

    package init(lean: Term, previous: Term?, intercepts: [SeatClass: Term], residualSD: [SeatClass: Double]?) {
      self.lean = lean
      self.previous = previous
      self.intercepts = intercepts
      self.residualSD = residualSD
    }

    /// The named terms of this equation, in a fixed order (lean, previous, then the classes).
    package var terms: [(name: String, term: Term)] {
      var out: [(String, Term)] = [("lean", lean)]
      if let previous { out.append(("previous", previous)) }
      for c in SeatClass.allCases { if let t = intercepts[c] { out.append((c.configKey, t)) } }
      return out
    }
  }

  /// The equations given (at least one; a seat whose equation is absent is refused when the model is built).
  package var withPrevious: Coefficients?
  package var withoutPrevious: Coefficients?
  /// Whether each draw samples every coefficient from its cycle-to-cycle SD (§3.5).
  package var sharedErrors: Bool

  package init(withPrevious: Coefficients?, withoutPrevious: Coefficients?, sharedErrors: Bool) {
    self.withPrevious = withPrevious
    self.withoutPrevious = withoutPrevious
    self.sharedErrors = sharedErrors
  }

  /// The coefficients of an equation.
  package func coefficients(_ equation: Equation) -> Coefficients? {
    equation == .withPrevious ? withPrevious : withoutPrevious
  }
}
