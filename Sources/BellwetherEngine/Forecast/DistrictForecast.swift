/// One seat's forecast (docs/model.md §5.2).
package struct DistrictForecast: Sendable, Equatable {
  package var id: String
  package var state: String
  package var region: String
  /// Contested or fixed to a party.
  package var status: District.Status
  /// The incumbent's party, nil for an open seat.
  package var incumbent: Party?
  package var lean: Double
  /// `lean + inc`.
  package var baseMargin: Double
  /// Chance of a Democratic win.
  package var democraticWinProbability: Double
  /// Mean simulated margin (nil for fixed seats).
  package var meanMargin: Double?
  /// 10% and 90% quantiles of the margin (the 80% interval), nil for fixed seats.
  package var margin10: Double?
  package var margin90: Double?
  /// Share of draws in which this seat was the tipping point.
  package var tippingProbability: Double
  package var note: String
  /// Monte Carlo (binomial) standard errors of `democraticWinProbability` and `tippingProbability`,
  /// `sqrt(p (1 - p) / N)` (`MonteCarloErrors`); 0 for a fixed seat's win probability. Set by
  /// `ForecastResult`; optional only so that documents written before them still decode.
  package var democraticWinProbabilityStandardError: Double? = nil
  package var tippingProbabilityStandardError: Double? = nil

  /// Whether the seat is simulated.
  var isContested: Bool { status == .contested }
}

extension DistrictForecast: Codable {
  /// In forecast.json the status is its code (`contested`, `fixed-D`, `fixed-R`) and the incumbent
  /// `D`, `R` or `open` (docs/forecast-schema.md).
  enum CodingKeys: String, CodingKey {
    case id, state, region, status, incumbent, lean, baseMargin, democraticWinProbability, meanMargin, margin10, margin90,
      tippingProbability, note, democraticWinProbabilityStandardError, tippingProbabilityStandardError
  }

  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    state = try c.decode(String.self, forKey: .state)
    region = try c.decode(String.self, forKey: .region)
    status = try c.decode(District.Status.self, forKey: .status)
    let code = try c.decode(String.self, forKey: .incumbent)
    if code == Party.incumbentCode(nil) {
      incumbent = nil
    } else {
      guard let party = Party(code: code) else {
        throw DecodingError.dataCorruptedError(forKey: .incumbent, in: c, debugDescription: "expected D, R or open, found '\(code)'")
      }
      incumbent = party
    }
    lean = try c.decode(Double.self, forKey: .lean)
    baseMargin = try c.decode(Double.self, forKey: .baseMargin)
    democraticWinProbability = try c.decode(Double.self, forKey: .democraticWinProbability)
    meanMargin = try c.decodeIfPresent(Double.self, forKey: .meanMargin)
    margin10 = try c.decodeIfPresent(Double.self, forKey: .margin10)
    margin90 = try c.decodeIfPresent(Double.self, forKey: .margin90)
    tippingProbability = try c.decode(Double.self, forKey: .tippingProbability)
    note = try c.decode(String.self, forKey: .note)
    democraticWinProbabilityStandardError = try c.decodeIfPresent(Double.self, forKey: .democraticWinProbabilityStandardError)
    tippingProbabilityStandardError = try c.decodeIfPresent(Double.self, forKey: .tippingProbabilityStandardError)
  }

  package func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(state, forKey: .state)
    try c.encode(region, forKey: .region)
    try c.encode(status, forKey: .status)
    try c.encode(Party.incumbentCode(incumbent), forKey: .incumbent)
    try c.encode(lean, forKey: .lean)
    try c.encode(baseMargin, forKey: .baseMargin)
    try c.encode(democraticWinProbability, forKey: .democraticWinProbability)
    try c.encodeIfPresent(meanMargin, forKey: .meanMargin)
    try c.encodeIfPresent(margin10, forKey: .margin10)
    try c.encodeIfPresent(margin90, forKey: .margin90)
    try c.encode(tippingProbability, forKey: .tippingProbability)
    try c.encode(note, forKey: .note)
    try c.encodeIfPresent(democraticWinProbabilityStandardError, forKey: .democraticWinProbabilityStandardError)
    try c.encodeIfPresent(tippingProbabilityStandardError, forKey: .tippingProbabilityStandardError)
  }
}
