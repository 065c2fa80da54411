import Foundation
import TestSupport
@testable import BellwetherSources

/// Whether the public 2018 backtest data is in the shared data folder (`TestSupport.sharedData`):
/// the tests that read it are skipped without it.
enum Backtest2018Data {
  static let available = FileManager.default.fileExists(atPath: TestSupport.sharedData + "/" + Backtest2018Source.districtForecastsFile)
}
