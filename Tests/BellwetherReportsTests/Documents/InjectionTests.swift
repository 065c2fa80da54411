import Foundation
import Testing
import TestSupport
@testable import BellwetherEngine
@testable import BellwetherReports

/// Text from the inputs cannot inject markup into summary.md or a formula into districts.csv.
struct InjectionTests {
  @Test func markdownShowsInputTextLiterally() {
    #expect(MarkdownText.escape("<script>alert(1)</script> & [x](http://e) | *b* _i_ `c` #h !")
      == ##"&lt;script&gt;alert(1)&lt;/script&gt; &amp; \[x\](http://e) \| \*b\* \_i\_ \`c\` \#h \!"##)
    #expect(MarkdownText.escape("U.S. House 2018") == "U.S. House 2018")
  }

  @Test func summaryEscapesTheChamberNameAndIds() throws {
    var result = try SyntheticChamber.smallResult(draws: 2_000)
    result.model.inputs.config.chamber.name = "<img src=x onerror=alert(1)>"
    let markdown = SummaryMarkdown.render(result)
    #expect(markdown.hasPrefix("# &lt;img src=x onerror=alert(1)&gt;: forecast as of"))
    #expect(!markdown.contains("<img"))
  }

  @Test func spreadsheetFormulasAreDefused() {
    #expect(DistrictsCSV.text("=HYPERLINK(\"http://e\",\"x\")") == "'=HYPERLINK(\"http://e\",\"x\")")
    for start in ["+", "-", "@", "\t", "\r"] { #expect(DistrictsCSV.text(start + "1") == "'" + start + "1") }
    #expect(DistrictsCSV.text("OH-01") == "OH-01")
    #expect(DistrictsCSV.text("") == "")
  }
}
