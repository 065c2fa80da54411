import Foundation
import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Log loss")
struct LogLossTests {
  @Test("mean of -ln p for events and -ln(1 - p) for non-events, by hand")
  func handComputed() throws {
    let forecasts = [
      BinaryForecast(id: "a", probability: 0.9, occurred: true),   // -ln 0.9 = 0.105360516
      BinaryForecast(id: "b", probability: 0.2, occurred: false),  // -ln 0.8 = 0.223143551
    ]
    let score = try #require(LogLoss.mean(forecasts))
    #expect(abs(score - 0.164252033486018) < 1e-12)
  }

  @Test("certain forecasts are clipped to 0.0001: a confident miss costs -ln(0.0001) = 9.2103 nats")
  func clipping() throws {
    #expect(LogLoss.clip == 0.0001)
    let miss = try #require(LogLoss.mean([BinaryForecast(id: "a", probability: 1, occurred: false)]))
    #expect(abs(miss - 9.210340371976182) < 1e-12)
    let missLow = try #require(LogLoss.mean([BinaryForecast(id: "a", probability: 0, occurred: true)]))
    #expect(abs(missLow - 9.210340371976182) < 1e-12)
    let hit = try #require(LogLoss.mean([BinaryForecast(id: "a", probability: 1, occurred: true)]))
    #expect(abs(hit - 0.00010000500033334732) < 1e-15)
  }

  @Test("a coin flip scores ln 2")
  func coinFlip() throws {
    let score = try #require(LogLoss.mean([BinaryForecast(id: "a", probability: 0.5, occurred: true),
                                           BinaryForecast(id: "b", probability: 0.5, occurred: false)]))
    #expect(abs(score - log(2)) < 1e-12)
  }

  @Test("no forecasts, no score")
  func empty() {
    #expect(LogLoss.mean([]) == nil)
  }
}
