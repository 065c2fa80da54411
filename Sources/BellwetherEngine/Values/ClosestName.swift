/// Suggests the valid name a person most likely meant when they wrote an unknown one (a misspelt
/// config key or CSV column).
enum ClosestName {
  /// The candidate with the smallest edit distance (ignoring case), if it is close enough to be a
  /// plausible typo: at most 2 edits, or a third of the name's length for long names.
  static func find(_ name: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, name.count / 3) ? best.0 : nil
  }

  /// Levenshtein distance (Wagner and Fischer, "The String-to-String Correction Problem", JACM 1974).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      if !b.isEmpty {
        for j in 1...b.count {
          current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
