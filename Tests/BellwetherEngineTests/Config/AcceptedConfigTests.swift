import Testing
import TestSupport
@testable import BellwetherEngine

/// A config written with a byte-order mark and CRLF line ends reads to the same config as
/// `Tests/Malformed/valid/config.json5` (the tables' variants: `AcceptedInputTests`).
@Suite struct AcceptedConfigTests {
  let root = MalformedCorpus.root

  @Test func configWithBOMAndCRLFReadsTheSame() throws {
    var reference = try ForecastConfig.load(path: root + "/valid/config.json5")
    var variant = try ForecastConfig.load(path: root + "/accepted/config-bom-crlf.json5")
    // The data paths differ only in the folder they are resolved from.
    #expect(variant.data.districts == root + "/accepted/../valid/districts.csv")
    reference.path = ""
    variant.path = ""
    reference.data = variant.data
    #expect(variant == reference)
  }
}
