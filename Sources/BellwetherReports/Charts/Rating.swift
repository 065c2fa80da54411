import Foundation

/// A seat's rating from its chance of a Democratic win, in the buckets the forecasters use
/// (Solid, Likely, Lean, Toss-up; FiveThirtyEight's 2018 House forecast used the same cut points):
/// with `q` the chance of the seat's favourite, a Toss-up below 60%, Lean below 75%, Likely below
/// 95%, Solid from 95%. The thresholds are descriptive labels of a chance, not a model input; they
/// are documented in docs/reports.md ("Ratings").
enum Rating: Int, CaseIterable, Sendable, Comparable {
  case solidDemocratic, likelyDemocratic, leanDemocratic, tossUp, leanRepublican, likelyRepublican, solidRepublican

  /// The favourite's chance below which a seat is a Toss-up, Lean and Likely.
  static let tossUpBelow = 0.60
  static let leanBelow = 0.75
  static let likelyBelow = 0.95

  /// The rating of a chance of a Democratic win.
  init(democraticWinProbability p: Double) {
    let q = max(p, 1 - p)
    let democratic = p > 0.5
    switch q {
    case ..<Rating.tossUpBelow: self = .tossUp
    case ..<Rating.leanBelow: self = democratic ? .leanDemocratic : .leanRepublican
    case ..<Rating.likelyBelow: self = democratic ? .likelyDemocratic : .likelyRepublican
    default: self = democratic ? .solidDemocratic : .solidRepublican
    }
  }

  /// "Solid D", "Likely R", "Toss-up" ...
  var label: String {
    switch self {
    case .solidDemocratic: "Solid D"
    case .likelyDemocratic: "Likely D"
    case .leanDemocratic: "Lean D"
    case .tossUp: "Toss-up"
    case .leanRepublican: "Lean R"
    case .likelyRepublican: "Likely R"
    case .solidRepublican: "Solid R"
    }
  }

  /// The range of the chance of a Democratic win the class covers, as text ("75–95%").
  var range: String {
    func pc(_ v: Double) -> String { String(format: "%.0f%%", 100 * v) }
    switch self {
    case .solidDemocratic: return "\(pc(Rating.likelyBelow)) or more"
    case .likelyDemocratic: return "\(pc(Rating.leanBelow))–\(pc(Rating.likelyBelow))"
    case .leanDemocratic: return "\(pc(Rating.tossUpBelow))–\(pc(Rating.leanBelow))"
    case .tossUp: return "\(pc(1 - Rating.tossUpBelow))–\(pc(Rating.tossUpBelow))"
    case .leanRepublican: return "\(pc(1 - Rating.leanBelow))–\(pc(1 - Rating.tossUpBelow))"
    case .likelyRepublican: return "\(pc(1 - Rating.likelyBelow))–\(pc(1 - Rating.leanBelow))"
    case .solidRepublican: return "under \(pc(1 - Rating.likelyBelow))"
    }
  }

  /// A short token for the page's filter (`solid-d`, `toss-up` ...).
  var token: String { label.lowercased().replacingOccurrences(of: " ", with: "-") }

  static func < (a: Rating, b: Rating) -> Bool { a.rawValue < b.rawValue }
}
