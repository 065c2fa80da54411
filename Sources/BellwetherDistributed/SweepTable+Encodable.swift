import BellwetherEngine
import Foundation

/// `sweep.json` (what `bellwether sweep --format json` prints), schema `bellwether.sweep/1`: the
/// table of sweep.md and sweep.csv with every parameter value as the JSON value the grid gave and
/// the figures under forecast.json's names (docs/cluster.md, "sweep.json"):
///
///     { "schema": "bellwether.sweep/1", "parameters": ["incumbency.advantage", …],
///       "points": [ { "point": 0, "parameters": { "incumbency.advantage": 2, … },
///                     "forecast": "point-0/forecast.json", "majorityProbability": 0.61,
///                     "meanSeats": 221.4, "interval80": [207, 237],
///                     "environmentMean": 6.8, "environmentSD": 1.7 }, … ] }
extension SweepTable: Encodable {
  package static let schemaName = "bellwether.sweep/1"

  private enum Key: String, CodingKey {
    case schema, parameters, points
  }

  private enum PointKey: String, CodingKey {
    case point, parameters, forecast, majorityProbability, meanSeats, interval80, environmentMean, environmentSD
  }

  package func encode(to encoder: any Encoder) throws {
    var top = encoder.container(keyedBy: Key.self)
    try top.encode(Self.schemaName, forKey: .schema)
    try top.encode(parameters, forKey: .parameters)
    var points = top.nestedUnkeyedContainer(forKey: .points)
    for row in rows {
      var p = points.nestedContainer(keyedBy: PointKey.self)
      try p.encode(row.point, forKey: .point)
      try p.encode(Dictionary(uniqueKeysWithValues: zip(parameters, row.values)), forKey: .parameters)
      try p.encode(SweepTable.pointFolder(row.point) + "/forecast.json", forKey: .forecast)
      try p.encode(row.majorityProbability, forKey: .majorityProbability)
      try p.encode(row.meanSeats, forKey: .meanSeats)
      try p.encode(row.interval80, forKey: .interval80)
      try p.encode(row.environmentMean, forKey: .environmentMean)
      try p.encode(row.environmentSD, forKey: .environmentSD)
    }
  }

  /// The document as pretty-printed JSON with sorted keys (stable bytes).
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
