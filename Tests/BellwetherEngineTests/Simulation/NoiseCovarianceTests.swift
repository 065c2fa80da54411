import Foundation
import Testing
@testable import BellwetherEngine

struct NoiseCovarianceTests {
  @Test func covarianceEntriesByHand() {
    // Seats 0 and 1 share state A and region X: 2^2 + 1.5^2 + 3^2 exp(-64 / 128) off the diagonal.
    let sigma = NoiseFactorTests.smallCovariance().matrix()
    #expect(abs(sigma[0, 1] - (4 + 2.25 + 9 * exp(-0.5))) < 1e-12)
    #expect(abs(sigma[0, 0] - (4 + 2.25 + 9 + 16)) < 1e-12)
    // Seats 2 and 3: region differs, state B shared, lean gap 3.
    #expect(abs(sigma[2, 3] - (4 + 9 * exp(-9.0 / 128))) < 1e-12)
    #expect(abs(sigma[0, 4] - 9 * exp(-625.0 / 128)) < 1e-12)
  }
}
