extension ForecastConfig {
  static let horizonKeys = ["days", "mean", "predictiveSD", "se", "sd", "tSD", "n", "cycles"]

  /// Reads `environment.missByHorizon` (docs/model.md §2.1): the generic-ballot miss by days before
  /// the election as `bellwether fit` writes it (`genericBallotMiss`), at least one entry, days
  /// distinct; each entry's `cycles`, when given, must all be before the forecast's. `se`, `sd`,
  /// `tSD` and `n` are provenance and not used.
  static func horizonMisses(_ value: JSONValue?, cycle: Int?, reader r: inout ConfigReader) -> [ModelPriors.HorizonMiss]? {
    let key = "environment.missByHorizon"
    guard case .array(let items)? = value, !items.isEmpty else {
      r.fail(key, expected: "a list of { days, mean, predictiveSD } (bellwether fit's genericBallotMiss)",
             foundDescription: value?.summary ?? ConfigReader.missing)
      return nil
    }
    var table: [ModelPriors.HorizonMiss] = []
    var ok = true
    for (i, item) in items.enumerated() {
      let path = "\(key)[\(i)]"
      let t = r.table(item, key: path, allowed: horizonKeys)
      let days = r.integer(t, "days", in: path, range: 0...3650, rangeText: "whole days before the election in 0...3650")
      let mean = r.number(t, "mean", in: path, range: -100...100, rangeText: "a mean miss in -100...100 (points)")
      let sd = r.number(t, "predictiveSD", in: path, range: 1e-6...100, rangeText: "a positive SD (points)")
      if case .array(let cycles)? = t["cycles"], let cycle {
        for case .number(let c) in cycles where c >= Double(cycle) {
          r.fail("\(path).cycles", expected: "only cycles before the forecast's (\(cycle)): no peeking at its own result",
                 found: NumberText.plain(c))
          ok = false
        }
      }
      guard days.isFinite, mean.isFinite, sd.isFinite else { ok = false; continue }
      if table.contains(where: { $0.days == Int(days) }) {
        r.fail("\(path).days", expected: "days not already in the table", found: NumberText.plain(days))
        ok = false
      }
      table.append(ModelPriors.HorizonMiss(days: Int(days), mean: mean, predictiveSD: sd))
    }
    return ok ? table.sorted { $0.days < $1.days } : nil
  }
}
