/// The linear district baseline (docs/model.md §1.5): a seat's expected margin relative to the
/// national environment, `lean x b_lean (+ previous x b_previous) + the seat class's intercept`,
/// with one equation for seats whose previous House race was a D-vs-R contest on the same lines and
/// one for the others. Optionally the district noise by seat class (§3.4) and class-level shared
/// errors (§3.5), and elastic swing (§1.6): an `absLean` term in the baseline and a loading on the
/// environment of `1 + elasticity x |lean|` instead of 1. Without it the model uses the uniform rule
/// `lean + inc` (§1.3, §4.1).
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
    /// Slope on the seat's |lean| (elastic swing, §1.6), or nil.
    package var absLean: Term? = nil
    /// Elastic swing (§1.6): the seat's loading on the environment is `1 + elasticity x |lean|`; nil: 1.
    package var elasticity: Term? = nil
    /// Intercept of each seat class.
    package var intercepts: [SeatClass: Term]
    /// Total district-noise SD of each seat class (§3.4), or nil for the common SD of §3.1.
    package var residualSD: [SeatClass: Double]?

    package init(lean: Term, previous: Term?, absLean: Term? = nil, elasticity: Term? = nil, intercepts: [SeatClass: Term],
                 residualSD: [SeatClass: Double]?) {
      self.lean = lean
      self.previous = previous
      self.absLean = absLean
      self.elasticity = elasticity
      self.intercepts = intercepts
      self.residualSD = residualSD
    }

    /// The named terms of the baseline, in a fixed order (lean, previous, absLean, then the classes);
    /// the elasticity is a loading on E, not a term of the baseline.
    package var terms: [(name: String, term: Term)] {
      var out: [(String, Term)] = [("lean", lean)]
      if let previous { out.append(("previous", previous)) }
      if let absLean { out.append(("absLean", absLean)) }
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

  /// Whether either equation has elastic swing (§1.6).
  package var isElastic: Bool { withPrevious?.elasticity != nil || withoutPrevious?.elasticity != nil }
}
