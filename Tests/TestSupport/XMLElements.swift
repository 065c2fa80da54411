import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the elements of an XML document (names and attributes, in document order), and fails
/// on malformed XML: the charts' well-formedness check, with Foundation's XMLParser (libxml2).
package final class XMLElements: NSObject, XMLParserDelegate {
  package struct Element {
    package var name: String
    package var attributes: [String: String]
  }
  package var elements: [Element] = []
  package var error: Error?
  package var texts: [String] = []

  /// Parses `text`; nil when it is not well-formed XML.
  package static func parse(_ text: String) -> XMLElements? {
    let collector = XMLElements()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    guard parser.parse(), collector.error == nil else { return nil }
    return collector
  }

  package func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) {
    elements.append(Element(name: elementName, attributes: attributes))
  }

  package func parser(_ parser: XMLParser, foundCharacters string: String) { texts.append(string) }

  package func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

  /// Elements with this name whose `class` attribute contains `cls` (as a whole word).
  package func all(_ name: String, class cls: String? = nil) -> [Element] {
    elements.filter { e in
      e.name == name && (cls == nil || (e.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls!)))
    }
  }
}

extension XMLElements.Element {
  /// A numeric attribute.
  package func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
}
