/// The contested seats' baseline margins (relative to the national environment) and what the
/// district baseline adds to the noise: per-seat idiosyncratic variances (noise by seat class) and
/// the loadings of the class-level shared errors (docs/model.md §1.5, §3.4, §3.5).
package struct SeatBaselines: Sendable {
  /// `base[d]` of each seat, in the order given.
  package var margins: [Double]
  /// The equation each seat uses (nil under the uniform rule).
  package var equations: [DistrictBaseline.Equation]?
  /// Each seat's total district-noise SD target of its class (§3.4), or nil for the common SD.
  package var classSD: [Double]?
  /// Loadings of the shared errors (§3.5): one column per coefficient with a positive cycle SD, each
  /// `cycleSD x the seat's value of its regressor` (0 for seats of the other equation); empty without.
  package var sharedColumns: [(name: String, loadings: [Double])]
  /// Each seat's loading on the environment under elastic swing (§1.6), `max(0, 1 + elasticity x |lean|)`
  /// with its equation's elasticity (1 for an equation without one); nil without elastic swing.
  package var environmentLoadings: [Double]? = nil

  /// Resolves the baselines of `districts` (contested seats, kernel order).
  /// - Throws: `InputError` when a seat has a previous race and the national series has no House
  ///   vote for the previous cycle.
  package static func resolve(districts: [District], priors: ModelPriors, cycle: Int, national: NationalSeries?,
                              configFile: String) throws -> SeatBaselines {
    guard let baseline = priors.districtBaseline else {
      return SeatBaselines(margins: districts.map { $0.lean + ($0.incumbent?.sign ?? 0) * priors.incumbencyAdvantage },
                           equations: nil, classSD: nil, sharedColumns: [])
    }
    let previousVote = national?.houseVote[cycle - 2]
    var margins: [Double] = [], equations: [DistrictBaseline.Equation] = [], classSD: [Double] = []
    var values: [[String: Double]] = []  // each seat's regressor values by term name
    var loadings: [Double] = []
    for d in districts {
      // The previous margin relative to the nation: `prev_margin` minus the previous cycle's House vote.
      var previous: Double?
      if let margin = d.previousTwoPartyMargin {
        guard let vote = previousVote else {
          throw InputError(file: configFile, field: "data.houseVote",
                           expected: "a two-party House vote for \(cycle - 2) (seat \(d.id) has a previous race, and the district table's previous margins are relative to it)",
                           foundDescription: "no row for \(cycle - 2)")
        }
        previous = margin - vote
      }
      let equation: DistrictBaseline.Equation = previous == nil ? .withoutPrevious : .withPrevious
      guard let c = baseline.coefficients(equation) else {
        throw InputError(file: configFile, field: "district.\(equation.rawValue)",
                         expected: "the coefficients of seats \(equation == .withPrevious ? "with" : "without") a previous D-vs-R race on the same lines (seat \(d.id) is one)",
                         foundDescription: "no such table")
      }
      let seatClass = SeatClass(incumbent: d.incumbent)
      var x: [String: Double] = ["lean": d.lean, "absLean": abs(d.lean)]
      if let previous { x["previous"] = previous }
      x[seatClass.configKey] = 1
      margins.append(c.terms.reduce(0) { $0 + $1.term.estimate * (x[$1.name] ?? 0) })
      equations.append(equation)
      if let sd = c.residualSD?[seatClass] { classSD.append(sd) }
      values.append(x)
      loadings.append(max(0, 1 + (c.elasticity?.estimate ?? 0) * abs(d.lean)))
    }
    var columns: [(name: String, loadings: [Double])] = []
    if baseline.sharedErrors {
      for equation in DistrictBaseline.Equation.allCases {
        for (name, term) in baseline.coefficients(equation)?.terms ?? [] {
          guard let sd = term.cycleSD, sd > 0 else { continue }
          let column = districts.indices.map { equations[$0] == equation ? sd * (values[$0][name] ?? 0) : 0 }
          if column.contains(where: { $0 != 0 }) { columns.append(("\(equation.rawValue).\(name)", column)) }
        }
      }
    }
    return SeatBaselines(margins: margins, equations: equations,
                         classSD: classSD.count == districts.count ? classSD : nil, sharedColumns: columns,
                         environmentLoadings: baseline.isElastic ? loadings : nil)
  }

  /// The per-seat idiosyncratic variances that give each seat its class's total variance (§3.4):
  /// `classSD^2` minus the seat's shared variance (state, region, lean kernel, shared errors), but at
  /// least the idiosyncratic share of `classSD^2`; with `varianceInflation` k (`noise.varianceInflation`,
  /// already in `scales`) the class total is `k classSD^2`. Nil without class SDs.
  package func idiosyncraticVariances(scales: NoiseScales, idiosyncraticShare: Double, varianceInflation: Double = 1) -> [Double]? {
    guard let classSD else { return nil }
    let common = scales.state * scales.state + scales.region * scales.region + scales.lean * scales.lean
    return classSD.indices.map { i in
      let shared = common + sharedColumns.reduce(0) { $0 + $1.loadings[i] * $1.loadings[i] }
      return Self.idiosyncraticVariance(classVariance: varianceInflation * classSD[i] * classSD[i], shared: shared,
                                        floorShare: idiosyncraticShare)
    }
  }

  /// A seat's idiosyncratic variance given its class's total and its shared variance (§3.4): what the
  /// shared terms leave of the total, but at least `floorShare` of it.
  package static func idiosyncraticVariance(classVariance: Double, shared: Double, floorShare: Double) -> Double {
    max(classVariance - shared, floorShare * classVariance)
  }
}
