import BellwetherEngine
import Foundation

/// The page's table of every seat: one row per seat in the district chart's order (most Democratic
/// first), with its rating, incumbent, lean, chance, margin, 80% interval and tipping-point share.
///
/// It is the data table behind the district chart and the way to reach any seat's figures by
/// keyboard or touch. Each row carries its sort keys as `data-*` attributes (`data-rank` the chart
/// order, `data-p`, `data-margin`, `data-lean`, `data-tip`, `data-rating`, `data-text` for the
/// search), which the inline script (`ReportScript`) sorts and filters by; without the script the
/// table is complete and in chart order. The district table has no candidate-name columns
/// (docs/data-schema.md), so the table names seats, not candidates.
enum SeatTable {
  /// The margin written as the sort key of a seat without a two-party contest: beyond every real
  /// margin (at most 200 points), on its party's side, so margin order is the chart's order.
  static let uncontestedSortMargin = 1000.0

  /// The columns hidden in the narrow layout; each row repeats their figures under its seat id
  /// (`span.more`, shown only there), so the seat, rating, chance, margin and tipping-point share
  /// fit 400 px and nothing is lost (docs/reports.md, "The page at any width").
  static let secondaryColumns: Set<String> = ["Incumbent", "Lean", "80% interval", "Note"]

  /// Renders the controls (hidden until the script runs) and the table.
  static func render(_ result: ForecastResult, majority: Int) -> String {
    let e = SVGDocument.escape
    let seats = DistrictOddsChart(districts: result.districts, majority: majority, title: "").ordered
    var h = "<div id=\"seat-controls\" class=\"controls\" hidden>\n"
    h += "<label>Search <input type=\"search\" id=\"seat-search\" placeholder=\"seat, state, incumbent or note\" "
    h += "autocomplete=\"off\"></label>\n<label>Rating <select id=\"seat-rating\"><option value=\"\">All ratings</option>"
    for r in Rating.allCases {
      let n = seats.filter { Rating(democraticWinProbability: $0.democraticWinProbability) == r }.count
      h += "<option value=\"\(r.token)\">\(e(r.label)) (\(n))</option>"
    }
    h += "</select></label>\n<span id=\"seat-count\" class=\"note\" role=\"status\" aria-live=\"polite\"></span>\n</div>\n"
    h += "<div class=\"table-frame tall\" tabindex=\"0\" role=\"region\" aria-labelledby=\"seat-table-caption\">\n"
    h += "<table id=\"seat-table\" class=\"small\">\n<caption id=\"seat-table-caption\">All \(seats.count) seats, most Democratic first "
    h += "(the district chart's order)<span class=\"if-script\">; choose a column heading to sort</span></caption>\n<thead><tr>"
    let columns: [(String, String?, String)] = [
      ("Seat", "id", "ascending"), ("Rating", "p", "descending"), ("Incumbent", "inc", "ascending"), ("Lean", "lean", "descending"),
      ("Chance D", "p", "descending"), ("Mean margin", "margin", "descending"), ("80% interval", nil, ""),
      ("Tipping point", "tip", "descending"), ("Note", nil, ""),
    ]
    for (label, key, first) in columns {
      let sec = secondaryColumns.contains(label) ? " class=\"sec\"" : ""
      if let key {
        h += "<th scope=\"col\"\(sec) aria-sort=\"none\"><button type=\"button\" data-key=\"\(key)\" data-first=\"\(first)\">\(e(label))</button>"
        h += "<span class=\"no-script\">\(e(label))</span></th>"
      } else {
        h += "<th scope=\"col\"\(sec)>\(e(label))</th>"
      }
    }
    h += "</tr></thead>\n<tbody>\n"
    for (rank, d) in seats.enumerated() {
      let rating = Rating(democraticWinProbability: d.democraticWinProbability)
      let incumbent = Party.incumbentCode(d.incumbent)
      let sortMargin = d.meanMargin ?? (d.status == .fixed(.democratic) ? uncontestedSortMargin : -uncontestedSortMargin)
      let text = [d.id, d.state, incumbent == "open" ? "open" : "incumbent " + incumbent, rating.label, d.note]
        .joined(separator: " ").lowercased()
      h += "<tr data-id=\"\(e(d.id))\" data-rank=\"\(rank)\" data-rating=\"\(rating.token)\" data-inc=\"\(e(incumbent))\" "
      h += "data-p=\"\(String(format: "%.4f", d.democraticWinProbability))\" data-margin=\"\(String(format: "%.2f", sortMargin))\" "
      h += "data-lean=\"\(String(format: "%.2f", d.lean))\" data-tip=\"\(String(format: "%.5f", d.tippingProbability))\" data-text=\"\(e(text))\">"
      let contested = d.meanMargin != nil && d.margin10 != nil && d.margin90 != nil
      let interval = contested ? "\(Formats.margin(d.margin10!)) to \(Formats.margin(d.margin90!))"
        : d.status == .fixed(.democratic) ? "no Republican on the ballot" : "no Democrat on the ballot"
      h += "<th scope=\"row\" class=\"seat\">\(e(d.id))<span class=\"more\">\(e(incumbent == "open" ? "open seat" : "inc. " + incumbent))"
      h += " · lean \(Formats.margin(d.lean)) · \(contested ? "80% " : "")\(interval)\(d.note.isEmpty ? "" : " · " + e(d.note))</span></th>"
      h += "<td class=\"nowrap\"><span class=\"swatch\" style=\"background:\(ChartStyle.color(of: rating))\"></span>"
      h += "\(e(rating.label))</td><td class=\"sec\">\(e(incumbent))</td><td class=\"num sec\">\(Formats.margin(d.lean))</td>"
      h += "<td class=\"num\">\(Formats.percent(d.democraticWinProbability))</td>"
      h += "<td class=\"num\">\(contested ? Formats.margin(d.meanMargin!) : "uncontested")</td><td class=\"\(contested ? "nowrap " : "")sec\">\(interval)</td>"
      h += "<td class=\"num\">\(d.tippingProbability > 0 ? Formats.percent(d.tippingProbability, digits: 2) : "")</td><td class=\"sec\">\(e(d.note))</td></tr>\n"
    }
    return h + "</tbody>\n</table>\n</div>\n"
  }
}
