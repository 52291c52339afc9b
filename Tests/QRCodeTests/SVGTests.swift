import Foundation
import Testing
@testable import QRCode
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SVGTests {
    /// Collects element names and the title text while checking the document is well-formed XML.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var title = ""
        private var inTitle = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
            inTitle = name == "title"
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            inTitle = false
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { title += string }
        }
    }

    static func parse(_ svg: String) -> (ok: Bool, collector: Collector) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return (ok, collector)
    }

    @Test func titleIsEscapedAndDocumentIsWellFormed() throws {
        let title = #"Join "Tom & Jerry's" <room> ☕ مرحبا"# + "\u{1}"
        let svg = try QRCode(encoding: "http://192.168.1.20:8080/c/KQ7M-2DXP").svg(title: title)
        #expect(svg.contains(#"<title>Join &quot;Tom &amp; Jerry&#39;s&quot; &lt;room&gt; ☕ مرحبا</title>"#))
        let (ok, collector) = Self.parse(svg)
        #expect(ok)
        #expect(collector.elements == ["svg", "title", "rect", "path"])
        #expect(collector.title == #"Join "Tom & Jerry's" <room> ☕ مرحبا"#)  // control character dropped
    }

    @Test func defaultTitleAndAttributes() throws {
        let code = try QRCode(encoding: "hello")
        let svg = code.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("<title>QR code</title>"))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.components(separatedBy: "<path").count == 2)  // exactly one path
        let side = code.size + 8
        #expect(svg.contains("width=\"\(side * 8)\" height=\"\(side * 8)\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(code.svg(moduleSize: 3).contains("width=\"\(side * 3)\""))
    }

    /// The path covers exactly the dark modules, shifted by the 4-module quiet zone.
    @Test(arguments: [QRCode.ErrorCorrection.low, .high])
    func pathMatchesModules(level: QRCode.ErrorCorrection) throws {
        let code = try QRCode(encoding: sampleText(byteCount: 300), errorCorrection: level)
        let parsed = try ParsedSVG(code.svg())
        #expect(parsed.side == code.size + 8)
        var expected = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert([x + 4, y + 4]) }
        }
        #expect(parsed.dark == expected)
    }
}
