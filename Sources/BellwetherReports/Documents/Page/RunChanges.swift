import BellwetherEngine
import Foundation

/// "What changed": this run against the previous as-of date in the run history.
///
/// The history keeps one point per as-of date (`HistoryPoint`: the chance of a majority, the seats'
/// mean, median and 80% interval, the environment); the comparison is with the latest point dated
/// before this run's as-of date. The seats that moved most need the previous run's per-seat
/// chances, which `HistoryPoint` does not carry: they are compared when the caller passes them
/// (`previousSeats`), and the page says so when it cannot.
struct RunChanges: Sendable, Equatable {
  /// The previous point.
  var previous: HistoryPoint
  /// Changes in the chance of a Democratic majority (probability), the mean seats and the
  /// environment's posterior mean.
  var majorityProbability: Double
  var meanSeats: Double
  var environmentMean: Double
  /// The seats whose chance of a Democratic win moved most, largest move first (ties by id).
  var movers: [(id: String, before: Double, after: Double)]

  static func == (a: RunChanges, b: RunChanges) -> Bool {
    a.previous == b.previous && a.majorityProbability == b.majorityProbability && a.meanSeats == b.meanSeats
      && a.environmentMean == b.environmentMean && a.movers.map(\.id) == b.movers.map(\.id)
  }

  /// The changes, or nil when the history holds no earlier date.
  /// - Parameters:
  ///   - previousSeats: the previous run's chance of a Democratic win per seat id, when known.
  ///   - limit: how many movers to list.
  init?(result: ForecastResult, history: [HistoryPoint], previousSeats: [String: Double]? = nil, limit: Int = 5) {
    let asOf = result.model.asOf
    guard let previous = history.filter({ $0.asOf < asOf }).max(by: { $0.asOf < $1.asOf }) else { return nil }
    self.previous = previous
    majorityProbability = result.seats.majorityProbability - previous.majorityProbability
    meanSeats = result.seats.mean - previous.meanSeats
    environmentMean = result.model.plan.environmentMean - previous.environmentMean
    guard let previousSeats else {
      movers = []
      return
    }
    var moved: [(id: String, before: Double, after: Double)] = []
    for d in result.districts {
      if let before = previousSeats[d.id], before != d.democraticWinProbability {
        moved.append((id: d.id, before: before, after: d.democraticWinProbability))
      }
    }
    moved.sort { a, b in
      let da = abs(a.after - a.before), db = abs(b.after - b.before)
      return da > db || (da == db && a.id < b.id)
    }
    movers = Array(moved.prefix(limit))
  }

  /// The page's paragraph.
  func html(majority: Int) -> String {
    let e = SVGDocument.escape
    func points(_ v: Double) -> String { String(format: "%+.1f", 100 * v) }
    var h = "<div class=\"changes\" id=\"changes\"><strong>Since \(previous.asOf.iso)</strong> (the previous date in the run history):\n<ul>\n"
    h += "<li>Democratic majority (\(majority)+): \(Formats.percent(previous.majorityProbability)) → "
    h += "\(Formats.percent(previous.majorityProbability + majorityProbability)) (\(points(majorityProbability)) points)</li>\n"
    h += "<li>Mean Democratic seats: \(String(format: "%.1f", previous.meanSeats)) → \(String(format: "%.1f", previous.meanSeats + meanSeats)) "
    h += "(\(String(format: "%+.1f", meanSeats)))</li>\n"
    h += "<li>Environment: \(Formats.margin(previous.environmentMean)) → \(Formats.margin(previous.environmentMean + environmentMean))</li>\n"
    if movers.isEmpty {
      h += "<li>Seats that moved most: not shown: the page is given the national figures of each date in the history, not each seat’s chance</li>\n"
    } else {
      h += "<li>Seats that moved most (chance D): "
      h += movers.map { "<span class=\"seat\">\(e($0.id))</span> \(Formats.percent($0.before)) → \(Formats.percent($0.after))" }
        .joined(separator: ", ")
      h += "</li>\n"
    }
    return h + "</ul></div>\n"
  }
}
