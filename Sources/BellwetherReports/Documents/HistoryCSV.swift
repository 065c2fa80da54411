import BellwetherEngine

/// `history-national.csv` and `history-seats.csv`: the two series of `HistoryDocument`, one row per
/// as-of date (and seat), each column the snake_case name of the document's field (`interval80`
/// as `interval80_low`, `interval80_high`), with the engine version and chamber on every row.
/// Only the text fields are guarded against spreadsheet formulas (`DistrictsCSV.text`); numbers
/// are written as numbers, so a negative margin stays `-6.25`, not `'-6.25`.
enum HistoryCSV {
  static let nationalHeader = ["as_of", "chamber", "engine_version", "kind", "draws", "majority_probability",
                               "republican_majority_probability", "mean_seats", "median_seats", "interval80_low",
                               "interval80_high", "environment_mean", "environment_sd"]
  static let seatsHeader = ["as_of", "chamber", "engine_version", "kind", "id", "democratic_win_probability",
                            "mean_margin", "margin10", "margin90", "tipping_probability"]

  /// The national series.
  static func national(_ document: HistoryDocument) -> String {
    var out = nationalHeader.joined(separator: ",") + "\n"
    for d in document.national {
      let fields = [d.asOf.iso, DistrictsCSV.text(document.chamber), DistrictsCSV.text(document.engineVersion), DistrictsCSV.text(d.kind), String(d.draws),
                    CSVNumber.probability(d.majorityProbability), CSVNumber.probability(d.republicanMajorityProbability),
                    CSVNumber.margin(d.meanSeats), String(d.medianSeats), String(d.interval80[0]), String(d.interval80[1]),
                    CSVNumber.margin(d.environmentMean), CSVNumber.margin(d.environmentSD)]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }

  /// The per-seat series.
  static func seats(_ document: HistoryDocument) -> String {
    var out = seatsHeader.joined(separator: ",") + "\n"
    for s in document.seats {
      let fields = [s.asOf.iso, DistrictsCSV.text(document.chamber), DistrictsCSV.text(document.engineVersion), s.kind.rawValue, DistrictsCSV.text(s.id),
                    CSVNumber.probability(s.democraticWinProbability), CSVNumber.margin(s.meanMargin),
                    CSVNumber.margin(s.margin10), CSVNumber.margin(s.margin90), CSVNumber.probability(s.tippingProbability)]
      out += fields.map(CSVWriter.escape).joined(separator: ",") + "\n"
    }
    return out
  }
}
