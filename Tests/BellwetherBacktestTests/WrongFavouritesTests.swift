import Testing
@testable import BellwetherBacktest
@testable import BellwetherEngine

@Suite("Wrong favourites")
struct WrongFavouritesTests {
  @Test("favourites that lost are misses; exact 50% counts half")
  func counts() {
    let w = WrongFavourites([
      BinaryForecast(id: "a", probability: 0.7, occurred: false),  // favourite lost
      BinaryForecast(id: "b", probability: 0.3, occurred: true),   // underdog won
      BinaryForecast(id: "c", probability: 0.5, occurred: true),   // toss-up
      BinaryForecast(id: "d", probability: 0.8, occurred: true),
      BinaryForecast(id: "e", probability: 0.1, occurred: false),
      BinaryForecast(id: "f", probability: 0.51, occurred: true),
    ])
    #expect(w.misses == ["a", "b"])
    #expect(w.tossUps == ["c"])
    #expect(w.count == 2.5)
  }

  @Test("none wrong")
  func none() {
    let w = WrongFavourites([BinaryForecast(id: "a", probability: 0.99, occurred: true)])
    #expect(w.count == 0)
    #expect(w.misses.isEmpty)
  }
}
