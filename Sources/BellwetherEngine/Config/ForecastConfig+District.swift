extension ForecastConfig {
  static let districtKeys = ["withPrevious", "withoutPrevious", "sharedErrors"]
  static let termKeys = ["estimate", "se", "cycleSD", "cycles"]

  /// Reads the optional `district` table (docs/model.md §1.5, §3.4, §3.5): the linear baseline's two
  /// equations in the shape `bellwether fit` writes (`fit-config.json5`). A coefficient is a number or
  /// a table `{ estimate, se, cycleSD, cycles }` (`se` and `cycles` are provenance, not used).
  static func districtBaseline(_ value: JSONValue?, reader r: inout ConfigReader) -> DistrictBaseline? {
    guard let value else { return nil }
    let table = r.table(value, key: "district", allowed: districtKeys)
    var shared = false
    switch table["sharedErrors"] {
    case nil: break
    case .bool(let b)?: shared = b
    case let other?: r.fail("district.sharedErrors", expected: "true or false", foundDescription: other.summary)
    }
    // Either equation may be absent (a fit without such seats); at least one is needed.
    if table["withPrevious"] == nil && table["withoutPrevious"] == nil {
      r.fail("district", expected: "a table with withPrevious, withoutPrevious or both", foundDescription: "neither")
      return nil
    }
    let with = table["withPrevious"] == nil ? nil : equation(table["withPrevious"], key: "district.withPrevious", previous: true, reader: &r)
    let without = table["withoutPrevious"] == nil ? nil : equation(table["withoutPrevious"], key: "district.withoutPrevious", previous: false, reader: &r)
    guard with != nil || without != nil else { return nil }
    if shared {
      for (key, eq) in [("withPrevious", with), ("withoutPrevious", without)] {
        guard let eq else { continue }
        // absLean and the elasticity are fitted on the pooled cycles only (docs/fit.md): no cycle SD.
        for (name, term) in eq.terms where term.cycleSD == nil && name != "absLean" {
          r.fail("district.\(key).\(name).cycleSD", expected: "a cycle-to-cycle SD for every coefficient when district.sharedErrors is true",
                 foundDescription: ConfigReader.missing)
        }
      }
    }
    return DistrictBaseline(withPrevious: with, withoutPrevious: without, sharedErrors: shared)
  }

  private static func equation(_ value: JSONValue?, key: String, previous: Bool,
                               reader r: inout ConfigReader) -> DistrictBaseline.Coefficients? {
    let classKeys = SeatClass.allCases.map(\.configKey)
    let allowed = ["lean"] + (previous ? ["previous"] : []) + ["absLean", "elasticity"] + classKeys + ["residualSD"]
    let table = r.table(value, key: key, allowed: allowed)
    guard !table.isEmpty else { return nil }
    func term(_ name: String, range: ClosedRange<Double>, rangeText: String) -> DistrictBaseline.Term? {
      let path = "\(key).\(name)"
      switch table[name] {
      case .number?:
        let x = r.number(table, name, in: key, range: range, rangeText: rangeText)
        return x.isFinite ? DistrictBaseline.Term(estimate: x) : nil
      case .object?:
        let t = r.table(table[name], key: path, allowed: termKeys)
        let x = r.number(t, "estimate", in: path, range: range, rangeText: rangeText)
        var sd: Double?
        if let v = t["cycleSD"], v != .null {
          sd = r.number(t, "cycleSD", in: path, range: 0...100, rangeText: "a non-negative SD (or null)")
        }
        guard x.isFinite, sd?.isFinite ?? true else { return nil }
        return DistrictBaseline.Term(estimate: x, cycleSD: sd)
      case let other:
        r.fail(path, expected: "\(rangeText), or a table { estimate, cycleSD } as `bellwether fit` writes it",
               foundDescription: other?.summary ?? ConfigReader.missing)
        return nil
      }
    }
    let lean = term("lean", range: -5...5, rangeText: "a lean slope in -5...5")
    let prev = previous ? term("previous", range: -5...5, rangeText: "a slope in -5...5") : nil
    let absLean = table["absLean"] == nil ? nil : term("absLean", range: -5...5, rangeText: "a slope on |lean| in -5...5")
    // The loading is max(0, 1 + elasticity x |lean|) (SeatBaselines): floored at 0, never negative.
    let elasticity = table["elasticity"] == nil ? nil
      : term("elasticity", range: -0.05...0.05, rangeText: "an elasticity in -0.05...0.05 (per point of |lean|; the loading on E is 1 + elasticity x |lean|)")
    var intercepts: [SeatClass: DistrictBaseline.Term] = [:]
    for c in SeatClass.allCases {
      if let t = term(c.configKey, range: -100...100, rangeText: "an intercept in -100...100 (margin points)") { intercepts[c] = t }
    }
    var residual: [SeatClass: Double]?
    if table["residualSD"] != nil {
      let rt = r.table(table["residualSD"], key: "\(key).residualSD", allowed: classKeys)
      var sds: [SeatClass: Double] = [:]
      for c in SeatClass.allCases {
        let v = r.number(rt, c.configKey, in: "\(key).residualSD", range: 0.01...100, rangeText: "a positive SD (points)")
        if v.isFinite { sds[c] = v }
      }
      residual = sds.count == SeatClass.allCases.count ? sds : nil
    }
    guard let lean, !previous || prev != nil, intercepts.count == SeatClass.allCases.count,
          table["absLean"] == nil || absLean != nil, table["elasticity"] == nil || elasticity != nil else { return nil }
    return DistrictBaseline.Coefficients(lean: lean, previous: prev, absLean: absLean, elasticity: elasticity,
                                         intercepts: intercepts, residualSD: residual)
  }
}
