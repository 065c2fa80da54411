import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Reliability table")
struct ReliabilityTableTests {
  @Test("bins by forecast probability with mean forecast, observed share and binomial SE, by hand")
  func bins() throws {
    let table = ReliabilityTable([
      BinaryForecast(id: "a", probability: 0.05, occurred: false),
      BinaryForecast(id: "b", probability: 0.15, occurred: true),
      BinaryForecast(id: "c", probability: 0.12, occurred: false),
      BinaryForecast(id: "d", probability: 0.1, occurred: false),   // lower edge: bin 1
      BinaryForecast(id: "e", probability: 0.95, occurred: true),
      BinaryForecast(id: "f", probability: 1.0, occurred: true),    // 1 goes in the last bin
    ])
    #expect(table.bins.count == 10)
    #expect(table.bins.map(\.count) == [1, 3, 0, 0, 0, 0, 0, 0, 0, 2])
    #expect(table.bins.map(\.events) == [0, 1, 0, 0, 0, 0, 0, 0, 0, 2])
    let b1 = table.bins[1]
    #expect(b1.lower == 0.1)
    #expect(abs(b1.upper - 0.2) < 1e-15)
    // mean (0.15 + 0.12 + 0.1) / 3 = 0.12333...; observed 1/3; SE sqrt(0.12333 * 0.87667 / 3) = 0.189844...
    #expect(abs(try #require(b1.meanProbability) - 0.37 / 3) < 1e-12)
    #expect(abs(try #require(b1.observedFrequency) - 1.0 / 3) < 1e-12)
    #expect(abs(try #require(b1.standardError) - 0.189843990531) < 1e-10)
    #expect(abs(try #require(table.bins[9].meanProbability) - 0.975) < 1e-12)
    #expect(table.bins[9].observedFrequency == 1)
    #expect(table.bins[4].meanProbability == nil)
    #expect(table.bins[4].observedFrequency == nil)
  }

  @Test("every bin edge k/10 falls in bin k")
  func edges() {
    for k in 0..<10 {
      let table = ReliabilityTable([BinaryForecast(id: "x", probability: Double(k) / 10, occurred: true)])
      #expect(table.bins[k].count == 1, "p = \(Double(k) / 10)")
    }
  }
}
