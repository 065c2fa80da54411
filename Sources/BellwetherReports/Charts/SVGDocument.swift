import Foundation

/// A small builder of SVG 1.1 documents (W3C, "Scalable Vector Graphics (SVG) 1.1 (Second
/// Edition)", 2011) for the report's charts.
///
/// Every coordinate is written with at most two decimals through `SVGDocument.number`, so the same
/// chart data always gives the same bytes. Text is escaped for XML. Styling is set with attributes
/// on each element (not CSS classes) so that a standalone `.svg` file renders the same as the copy
/// inlined in `report.html`. Elements may carry a `<title>` child, which browsers show as a tooltip,
/// and `class`/`data-*` attributes, which the tests read back to check the geometry.
struct SVGDocument: Sendable {
  /// Width and height in CSS pixels (also the `viewBox`).
  var width: Double
  var height: Double
  /// The accessible title and description of the whole chart.
  var title: String
  var summary: String
  /// Where the chart comes from and when ("Source: Bellwether forecast, house-2018.json5, as of
  /// 2018-11-05 ..."): written as a line of text under a standalone file's chart (a chart copied
  /// into slides or an article keeps its date and source), not on the page, which says it once.
  var source: String?
  private var body: [String] = []

  /// The font stack: system fonts, with DejaVu Sans as the fallback on Linux.
  static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"

  /// Creates an empty document.
  init(width: Double, height: Double, title: String, summary: String) {
    self.width = width
    self.height = height
    self.title = title
    self.summary = summary
  }

  /// A rectangle.
  mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                            opacity: Double? = nil, attributes: [(String, String)] = [], tooltip: String? = nil) {
    var a: [(String, String)] = [("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                                 ("height", Self.number(max(0, height))), ("fill", fill)]
    if let opacity { a.append(("fill-opacity", Self.number(opacity))) }
    element("rect", a + attributes, tooltip: tooltip)
  }

  /// A straight line.
  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                            dash: String? = nil, attributes: [(String, String)] = []) {
    var a: [(String, String)] = [("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)),
                                 ("y2", Self.number(y2)), ("stroke", stroke), ("stroke-width", Self.number(width))]
    if let dash { a.append(("stroke-dasharray", dash)) }
    element("line", a + attributes)
  }

  /// An open polyline through the points.
  mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5,
                                dash: String? = nil, attributes: [(String, String)] = []) {
    guard !points.isEmpty else { return }
    var a: [(String, String)] = [("points", points.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")),
                                 ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width)),
                                 ("stroke-linejoin", "round")]
    if let dash { a.append(("stroke-dasharray", dash)) }
    element("polyline", a + attributes)
  }

  /// A closed, filled polygon through the points.
  mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double? = nil,
                               attributes: [(String, String)] = []) {
    guard !points.isEmpty else { return }
    var a: [(String, String)] = [("points", points.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")),
                                 ("fill", fill)]
    if let opacity { a.append(("fill-opacity", Self.number(opacity))) }
    element("polygon", a + attributes)
  }

  /// A circle.
  mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, opacity: Double? = nil,
                              attributes: [(String, String)] = [], tooltip: String? = nil) {
    var a: [(String, String)] = [("cx", Self.number(cx)), ("cy", Self.number(cy)), ("r", Self.number(r)), ("fill", fill)]
    if let stroke { a += [("stroke", stroke), ("stroke-width", "1")] }
    if let opacity { a.append(("fill-opacity", Self.number(opacity))) }
    element("circle", a + attributes, tooltip: tooltip)
  }

  /// How text is anchored at its point.
  enum Anchor: String, Sendable {
    case start, middle, end
  }

  /// A line of text with its baseline at `y`.
  mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                            fill: String = "#222", weight: String? = nil, rotate: Double? = nil,
                            attributes: [(String, String)] = []) {
    var a: [(String, String)] = [("x", Self.number(x)), ("y", Self.number(y)), ("font-size", Self.number(size)),
                                 ("fill", fill)]
    if anchor != .start { a.append(("text-anchor", anchor.rawValue)) }
    if let weight { a.append(("font-weight", weight)) }
    if let rotate { a.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))")) }
    body.append("<text" + Self.attributes(a + attributes) + ">" + Self.escape(string) + "</text>")
  }

  /// Opens a group (`<g>`); close it with `endGroup()`.
  mutating func beginGroup(attributes: [(String, String)] = []) {
    body.append("<g" + Self.attributes(attributes) + ">")
  }

  /// Closes the innermost group.
  mutating func endGroup() { body.append("</g>") }

  private mutating func element(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil) {
    if let tooltip {
      body.append("<\(name)" + Self.attributes(attributes) + "><title>" + Self.escape(tooltip) + "</title></\(name)>")
    } else {
      body.append("<\(name)" + Self.attributes(attributes) + "/>")
    }
  }

  /// The document. A standalone file starts with the XML declaration; the inline form (for HTML)
  /// does not. Both declare the SVG namespace.
  func render(standalone: Bool = true) -> String {
    let footer = standalone && source != nil ? Self.footerHeight : 0
    let fullHeight = height + footer
    var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.number(width))\" "
    out += "height=\"\(Self.number(fullHeight))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(fullHeight))\" "
    out += "role=\"img\"" + (standalone ? " aria-labelledby=\"t d\"" : "") + " font-family=\"\(Self.escape(Self.fontFamily))\">\n"
    // The ids are only referenced when the file stands alone: inline copies on one page drop them
    // (ids must be unique in a document) and the page gives each figure a caption instead.
    if standalone {
      out += "<title id=\"t\">" + Self.escape(title) + "</title>\n<desc id=\"d\">" + Self.escape(summary) + "</desc>\n"
    } else {
      out += "<title>" + Self.escape(title) + "</title>\n<desc>" + Self.escape(summary) + "</desc>\n"
    }
    out += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(fullHeight))\" fill=\"#ffffff\"/>\n"
    for line in body { out += line + "\n" }
    if footer > 0, let source {
      out += "<text x=\"12\" y=\"\(Self.number(height + footer - 8))\" font-size=\"12\" fill=\"\(ChartStyle.muted)\" "
      out += "class=\"source\">" + Self.escape(source) + "</text>\n"
    }
    out += "</svg>\n"
    return out
  }

  /// The band under a standalone chart that holds its source line.
  static let footerHeight = 22.0

  /// A coordinate or size with at most two decimals and no trailing zeros (`12`, `12.5`, `-0.25`).
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    // Charts print thousands of coordinates, and Foundation's formatter dominated a report's cost:
    // the usual case is done in integers. Near a tie (x.xx5) or for huge values, where scaling by
    // 100 could round differently from printf's exact decimal rounding, printf decides.
    let scaled = value * 100
    let fraction = scaled - scaled.rounded(.down)
    guard abs(scaled) < 1e15, abs(fraction - 0.5) > 1e-6 else { return formatted(value) }
    let cents = Int(scaled.rounded(.toNearestOrEven))
    let magnitude = cents.magnitude
    var text = cents < 0 ? "-" : ""
    text += String(magnitude / 100)
    let hundredths = magnitude % 100
    if hundredths != 0 {
      text += hundredths < 10 ? ".0" : "."
      text += String(hundredths % 10 == 0 ? hundredths / 10 : hundredths)
    }
    return text
  }

  /// `number` through printf: `%.2f` without trailing zeros, and never "-0".
  static func formatted(_ value: Double) -> String {
    var text = String(format: "%.2f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// Escapes `&`, `<`, `>`, `"` and `'` for XML text and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }

  private static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }
}
