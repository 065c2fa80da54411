import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// Every palette colour against the white background, by the WCAG 2.1 definitions computed here
/// from scratch (not by the chart code): relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B of
/// the linearised sRGB channels (c / 12.92 at or below 0.04045, ((c + 0.055) / 1.055)^2.4 above),
/// contrast (L1 + 0.05) / (L2 + 0.05). Text needs 4.5:1 (SC 1.4.3), marks 3:1 (SC 1.4.11).
struct ContrastTests {
  static func luminance(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    precondition(hex.hasPrefix("#") && digits.count == 6, "a #rrggbb colour, got \(hex)")
    func channel(_ i: Int) -> Double {
      let c = Double(Int(String(digits[i..<i + 2]), radix: 16)!) / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    let la = luminance(a), lb = luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }

  @Test func formulaMatchesKnownRatios() {
    // Black on white is 21:1 by definition; WCAG's own examples: #777777 4.48:1, #767676 4.54:1.
    #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 1e-9)
    #expect(abs(Self.contrast("#777777", "#ffffff") - 4.48) < 0.005)
    #expect(abs(Self.contrast("#767676", "#ffffff") - 4.54) < 0.005)
    // The pale colours the issue measured: #92c5de 1.86:1, #e08214 2.85:1.
    #expect(abs(Self.contrast("#92c5de", "#ffffff") - 1.86) < 0.005)
    #expect(abs(Self.contrast("#e08214", "#ffffff") - 2.85) < 0.005)
  }

  @Test func textColoursReachFourAndAHalf() {
    for c in ChartStyle.textColors {
      #expect(Self.contrast(c, ChartStyle.background) >= 4.5, "\(c): \(Self.contrast(c, ChartStyle.background))")
    }
  }

  @Test func markColoursReachThree() {
    #expect(ChartStyle.markColors.count >= 10)
    for c in ChartStyle.markColors {
      #expect(Self.contrast(c, ChartStyle.background) >= 3, "\(c): \(Self.contrast(c, ChartStyle.background))")
    }
  }

  @Test func everyColourInTheChartsIsListed() throws {
    // Any fill or stroke a rendered chart or the page uses is one of the listed text, mark or
    // area colours (so no colour escapes the checks above).
    let result = try SyntheticChamber.smallResult(draws: 4_000)
    let listed = Set(ChartStyle.textColors + ChartStyle.markColors + [ChartStyle.band, ChartStyle.grid, ChartStyle.shade,
                                                                    ChartStyle.background, "#ffffff", "none"])
    let html = ReportHTML.render(result, history: ChartGeometryTests.historyPoints())
    let used = Set(html.matches(of: /(?:fill|stroke)="(#[0-9a-f]{6}|none)"/).map { String($0.1) })
    #expect(!used.isEmpty)
    #expect(used.subtracting(listed).isEmpty, "\(used.subtracting(listed).sorted())")
  }
}
