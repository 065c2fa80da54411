import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine

@Suite struct EnvironmentCalibrationTests {
  @Test("an as-of date outside the cycle is refused, naming --as-of and the cycle")
  func asOfOutsideTheCycle() throws {
    let forecaster = Forecaster(inputs: SyntheticChamber.smallInputs())
    let chamber = forecaster.config.chamber
    let after = CalendarDate(dayNumber: chamber.electionDate.dayNumber + 1)
    let error = try #require(throws: InputError.self) { try forecaster.calibration(ForecastOptions(asOf: after)) }
    #expect(error.file == "--as-of" && error.found == after.iso)
    let before = CalendarDate(dayNumber: chamber.cycleStart.dayNumber - 1)
    #expect(throws: InputError.self) { try forecaster.model(ForecastOptions(asOf: before, draws: 1)) }
    // Election day itself is inside, as in the config.
    #expect(try forecaster.calibration(ForecastOptions(asOf: chamber.electionDate)).asOf == chamber.electionDate)
  }
}
