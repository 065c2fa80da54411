import Testing
@testable import BellwetherReports

struct ChartScaleTests {
  @Test func niceTicksAreMultiplesOfOneTwoOrFive() {
    #expect(LinearScale(domain: 0...1, range: (0, 100)).ticks(count: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(LinearScale(domain: -40...40, range: (0, 100)).ticks(count: 8) == [-40, -30, -20, -10, 0, 10, 20, 30, 40])
    // The raw step is rounded up to the next nice one: 435 / 8 = 54 -> 100, 435 / 10 = 43.5 -> 50.
    #expect(LinearScale.niceStep(span: 435, count: 8) == 100)
    #expect(LinearScale.niceStep(span: 435, count: 10) == 50)
    #expect(LinearScale.niceCeiling(0.043, count: 4) == 0.06)
    #expect(LinearScale.niceCeiling(0.039, count: 4) == 0.04)
    let y = LinearScale(domain: 0...10, range: (300, 100))
    #expect(y(0) == 300 && y(10) == 100 && y(5) == 200 && y.clamped(20) == 100)
  }
}
