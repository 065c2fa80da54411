import Testing
@testable import BellwetherEngine

struct OffsetClassesTests {
  @Test func offsetClassesGroupEqualVariances() {
    let classes = OffsetClasses(variances: [53.7, 4, 53.7 * (1 + 1e-7), 4, 9, 53.7])
    #expect(classes.count == 3)
    #expect(classes.classOf == [0, 1, 0, 1, 2, 0])
    #expect(classes.members == [[0, 2, 5], [1, 3], [4]])
    #expect(OffsetClasses(variances: []).count == 0)
  }
}
