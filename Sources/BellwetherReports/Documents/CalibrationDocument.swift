import BellwetherEngine
import Foundation

/// What `bellwether calibrate --format json` prints, schema `bellwether.calibration/1`: the
/// environment prior, the specials' random-effects fit (docs/model.md §2.2) and the posterior
/// (§2.3), and the district-noise scales (§3.1), before anything is simulated.
///
/// Its fields carry forecast.json's names and meanings (docs/forecast-schema.md): `environment` is
/// forecast.json's `environment` without the fields only a simulation has (`nu`, `drawMean`),
/// `calibration` its specials table, `noiseScales` and `noiseTotalSD` those of its
/// `resolvedInputs`. Documented in docs/forecast-schema.md, "calibrate --format json".
package struct CalibrationDocument: Codable, Sendable {
  package static let schemaName = "bellwether.calibration/1"

  /// The environment before simulation: forecast.json's `environment` fields of the same names.
  package struct Environment: Codable, Sendable, Equatable {
    package var prior: ResolvedEnvironmentPrior
    package var specialsEstimate: Double?
    package var specialsStandardError: Double?
    package var tau: Double
    package var q: Double
    /// forecast.json's `environment.specialsClusters`: absent without `specials.clusters`.
    package var specialsClusters: Int? = nil
    /// forecast.json's `environment.specialsLevelTaus`: absent without `specials.levelVariances: "per-level"`.
    package var specialsLevelTaus: [String: Double]? = nil
    package var translatedMean: Double?
    package var translatedSD: Double?
    package var posteriorMean: Double
    package var posteriorSD: Double
  }

  package var schema: String
  /// `EngineVersion.text`.
  package var engineVersion: String
  /// The config file's name, as forecast.json's `run.config`.
  package var config: String
  /// The date the specials were cut at and the generic ballot read on.
  package var asOf: CalendarDate
  package var environment: Environment
  /// One row per special held before `asOf`, in the table's order (forecast.json's `calibration`).
  package var calibration: [ForecastDocument.CalibrationRow]
  package var noiseScales: NoiseScales
  package var noiseTotalSD: Double

  /// Builds the document of a calibration read from the config at `configPath`.
  package init(calibration c: EnvironmentCalibration, configPath: String) {
    schema = Self.schemaName
    engineVersion = EngineVersion.text
    config = (configPath as NSString).lastPathComponent
    asOf = c.asOf
    environment = Environment(
      prior: c.prior, specialsEstimate: c.specials.estimate, specialsStandardError: c.specials.standardError,
      tau: c.specials.tau, q: c.specials.q, specialsClusters: c.specials.clusters, specialsLevelTaus: c.specials.levelTaus, translatedMean: c.posterior.specialsMean, translatedSD: c.posterior.specialsSD,
      posteriorMean: c.posterior.mean, posteriorSD: c.posterior.sd)
    calibration = c.specials.rows.map(ForecastDocument.CalibrationRow.init)
    noiseScales = c.scales
    noiseTotalSD = c.scales.total
  }

  /// The document as pretty-printed JSON with sorted keys (stable bytes), as forecast.json is written.
  package func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }
}
