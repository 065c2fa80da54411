import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

struct SVGDocumentTests {
  @Test(arguments: [(12.0, "12"), (12.5, "12.5"), (-0.25, "-0.25"), (1.005, "1"), (-0.001, "0"), (3.14159, "3.14"),
                    (Double.nan, "0"), (100.10, "100.1")])
  func numbersHaveAtMostTwoDecimals(value: Double, text: String) {
    #expect(SVGDocument.number(value) == text)
  }

  @Test func integerFormattingAgreesWithPrintf() {
    // The fast path against printf's %.2f (the second method), over magnitudes from 1e-4 to 1e7,
    // both signs, exact hundredths and values a hair from a rounding tie.
    var rng = Xoshiro256StarStar(seed: 11)
    for i in 0..<200_000 {
      let magnitude = pow(10, Double(rng.next() % 12) - 4)
      var value = (Double(rng.next() >> 11) * 0x1p-53 - 0.5) * 2 * magnitude
      if i % 4 == 1 { value = (value * 100).rounded() / 100 }
      if i % 4 == 2 { value = ((value * 100).rounded(.down) + 0.5) / 100 }
      if i % 4 == 3 { value = (((value * 100).rounded(.down) + 0.5) / 100).nextUp }
      #expect(SVGDocument.number(value) == SVGDocument.formatted(value), "\(value)")
    }
  }

  @Test func escapesTheFiveXMLCharacters() {
    #expect(SVGDocument.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
  }

  @Test func documentIsWellFormedAndCarriesTitleAndTooltips() throws {
    var svg = SVGDocument(width: 200, height: 100, title: "A <chart> & more", summary: "it's \"quoted\"")
    svg.rect(x: 1, y: 2, width: 3, height: 4, fill: "#000", attributes: [("class", "bar"), ("data-n", "a&b")], tooltip: "x < y")
    svg.text("R&D <5>", x: 10, y: 20, rotate: -90)
    svg.polyline([(0, 0), (1, 1)], stroke: "red")
    svg.beginGroup(attributes: [("class", "g")])
    svg.circle(cx: 1, cy: 1, r: 1, fill: "blue")
    svg.endGroup()
    for standalone in [true, false] {
      let xml = try #require(XMLElements.parse(svg.render(standalone: standalone)))
      #expect(xml.elements.first?.name == "svg")
      #expect(xml.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
      #expect(xml.elements.first?.attributes["viewBox"] == "0 0 200 100")
      #expect(xml.all("rect", class: "bar").first?.attributes["data-n"] == "a&b")
      #expect(xml.texts.joined().contains("A <chart> & more"))
      #expect(xml.texts.joined().contains("x < y"))
      #expect(xml.texts.joined().contains("R&D <5>"))
    }
  }

  @Test func malformedXMLIsRejectedByTheChecker() {
    // The well-formedness check itself must be able to fail.
    #expect(XMLElements.parse("<svg><rect></svg>") == nil)
    #expect(XMLElements.parse("<svg a=\"1\" a=\"2\"/>") == nil)
  }
}
