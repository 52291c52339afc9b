import Foundation
import Testing
@testable import QRCode

/// Round trips through a real, independent decoder: each symbol's SVG is rasterised here to a
/// PGM image (as a browser would draw it with crisp edges) and read back by ZBar's `zbarimg`.
///
/// zbarimg comes from Debian's `zbar-tools` package. Where it is missing these tests are
/// reported as skipped, never silently passed: install it with `apt-get install -y zbar-tools`.
/// One test also needs `rsvg-convert` (Debian's `librsvg2-bin`) and is skipped the same way without it.
@Suite(.enabled(if: ZBar.isAvailable, "zbarimg not found on PATH: install Debian's zbar-tools to run the decode round trips"))
struct DecodeRoundTripTests {
    static let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]

    /// Byte-mode capacities per version from ISO/IEC 18004 Table 7, typed in from the standard.
    static let byteCapacity: [QRCode.ErrorCorrection: [Int: Int]] = [
        .low: [1: 17, 2: 32, 5: 106, 7: 154, 10: 271, 15: 520, 25: 1273, 40: 2953],
        .medium: [1: 14, 2: 26, 5: 84, 7: 122, 10: 213, 15: 412, 25: 997, 40: 2331],
        .quartile: [1: 11, 2: 20, 5: 60, 7: 86, 10: 151, 15: 292, 25: 715, 40: 1663],
        .high: [1: 7, 2: 14, 5: 44, 7: 64, 10: 119, 15: 220, 25: 535, 40: 1273],
    ]

    static let samples = [
        "Hi",
        "http://192.168.1.20:8080/c/KQ7M-2DXP",
        "Café crème, naïve résumé — مرحبا بالعالم",
        "Ünïcödé ✓ 日本語 🎉",
    ]

    static func roundTrip(_ text: String, level: QRCode.ErrorCorrection) throws -> (QRCode, String) {
        let code = try QRCode(encoding: text, errorCorrection: level)
        // Larger symbols get fewer pixels per module to keep the images small; 3 is still plenty.
        let scale = code.size > 100 ? 3 : 4
        let image = try ParsedSVG(code.svg()).image(pixelsPerModule: scale)
        return (code, try ZBar.decode(image))
    }

    @Test(arguments: samples, levels)
    func decodesSampleTexts(text: String, level: QRCode.ErrorCorrection) throws {
        let (_, decoded) = try Self.roundTrip(text, level: level)
        #expect(decoded == text)
    }

    /// The longest text each listed version holds, so the symbol is exactly that version.
    @Test(arguments: [1, 2, 5, 7, 10, 15, 25, 40], levels)
    func decodesFullSymbolsOfVersion(version: Int, level: QRCode.ErrorCorrection) throws {
        let capacity = try #require(Self.byteCapacity[level]?[version])
        let text = sampleText(byteCount: capacity, seed: UInt64(version * 4 + level.tableIndex))
        let (code, decoded) = try Self.roundTrip(text, level: level)
        #expect(code.version == version)
        #expect(decoded == text)
    }

    /// Whether to sweep all 160 version and level pairs rather than 40; set QRCODE_EXHAUSTIVE=1.
    /// Encoding is what costs here (debug builds score eight masks per symbol), about 3 seconds
    /// per level on a small machine, so by default each level gets every fourth version.
    static let exhaustive = ProcessInfo.processInfo.environment["QRCODE_EXHAUSTIVE"] == "1"

    /// Every version, each at its full capacity: a wrong entry in a block table or alignment
    /// position would make that symbol unreadable. By default version v is tried at level
    /// v mod 4 (so each level gets ten versions spread from 1 to 40); with QRCODE_EXHAUSTIVE=1,
    /// at every level. Drawn straight from `isDark` at two pixels per module and decoded in one
    /// zbarimg run per level.
    @Test(arguments: levels)
    func decodesEveryVersion(level: QRCode.ErrorCorrection) throws {
        let versions = (1...40).filter { Self.exhaustive || $0 % 4 == level.tableIndex }
        var texts: [String] = []
        var images: [GreyImage] = []
        for version in versions {
            let text = sampleText(byteCount: SymbolTables.byteCapacity(version: version, level: level), seed: UInt64(1000 + version))
            let code = try QRCode(encoding: text, errorCorrection: level)
            #expect(code.version == version)
            texts.append(text)
            images.append(GreyImage.render(code, pixelsPerModule: 2))
        }
        let decoded = ZBar.decodeLines(images)
        for (index, version) in versions.enumerated() {
            #expect(decoded[index] == texts[index], "version \(version)-\(level) did not decode")
        }
    }

    /// Also straight from `isDark`, without the SVG, at two pixels per module.
    @Test func decodesFromModulesDirectly() throws {
        let text = "http://192.168.1.20:8080/c/KQ7M-2DXP"
        let code = try QRCode(encoding: text)
        #expect(try ZBar.decode(GreyImage.render(code, pixelsPerModule: 2)) == text)
    }

    /// The SVG markup drawn by a real SVG renderer (librsvg), then decoded, at each level.
    @Test(.enabled(if: RSVG.executable != nil, "rsvg-convert not found on PATH: install Debian's librsvg2-bin to decode the SVG as drawn by librsvg"),
          arguments: levels)
    func decodesSVGRenderedByLibrsvg(level: QRCode.ErrorCorrection) throws {
        let text = "http://192.168.1.20:8080/c/KQ7M-2DXP?name=Zoë&lang=ar-مرحبا"
        let code = try QRCode(encoding: text, errorCorrection: level)
        let png = try RSVG.renderPNG(code.svg(moduleSize: 4, title: "Join <here> & \"now\""))
        defer { try? FileManager.default.removeItem(at: png) }
        #expect(try ZBar.decodeFiles([png]) == text + "\n")
    }
}
