import ArgumentParser
import Testing
@testable import bellwether

struct FitCommandTests {
  @Test func fitParsesItsOptions() throws {
    let fit = try #require(try Bellwether.parseAsRoot(["fit", "--for-cycle", "2018", "--horizons", "1,30", "--out", "o", "--quiet"]) as? FitCommand)
    #expect(fit.forCycle?.value == 2018 && fit.horizons.values == [1, 30] && fit.out == "o" && fit.quiet)
    let defaults = try #require(try Bellwether.parseAsRoot(["fit"]) as? FitCommand)
    #expect(defaults.forCycle == nil && defaults.horizons.values == [1, 7, 30, 60, 90, 120] && defaults.out == "out/fit")
  }

  @Test(arguments: [["fit", "--for-cycle", "2012"], ["fit", "--for-cycle", "x"], ["fit", "--horizons", "0"],
                    ["fit", "--horizons", "1,1"], ["fit", "--horizons", ""]])
  func badFitOptionsAreRefused(arguments: [String]) {
    #expect(throws: (any Error).self) { try Bellwether.parseAsRoot(arguments) }
  }
}
