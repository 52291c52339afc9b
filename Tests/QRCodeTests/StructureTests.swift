import Testing
@testable import QRCode

/// Checks the layout of finished symbols against ISO/IEC 18004, reading modules only through
/// the public `isDark` (plus the internal `version` and `mask` to compare against).
@Suite struct StructureTests {
    static let levels: [QRCode.ErrorCorrection] = [.low, .medium, .quartile, .high]
    /// Texts long enough to land on versions 1, 3, 7 (first with version information), 14 and 40 at some level.
    static let texts = ["A", sampleText(byteCount: 50), sampleText(byteCount: 120), sampleText(byteCount: 400), sampleText(byteCount: 1200)]

    static let codes: [QRCode] = texts.flatMap { text in
        levels.map { try! QRCode(encoding: text, errorCorrection: $0) }
    }

    static func expectFinder(_ code: QRCode, left: Int, top: Int) {
        for dy in -1...7 {
            for dx in -1...7 {
                let x = left + dx, y = top + dy
                guard x >= 0, y >= 0, x < code.size, y < code.size else { continue }
                let ring = max(abs(dx - 3), abs(dy - 3))
                // Rings from the centre: 3×3 dark core, light ring, dark ring, light separator.
                let expected = ring <= 1 || ring == 3
                #expect(code.isDark(x: x, y: y) == expected, "finder at (\(left),\(top)) module (\(x),\(y))")
            }
        }
    }

    @Test(arguments: codes)
    func finderPatternsAtThreeCorners(code: QRCode) {
        #expect(code.size == 4 * code.version + 17)
        Self.expectFinder(code, left: 0, top: 0)
        Self.expectFinder(code, left: code.size - 7, top: 0)
        Self.expectFinder(code, left: 0, top: code.size - 7)
        // The bottom-right corner has no finder: at least one of its 7×7 modules is not what a finder has.
        let corner = (0..<49).map { code.isDark(x: code.size - 7 + $0 % 7, y: code.size - 7 + $0 / 7) }
        let finderShape = (0..<49).map { max(abs($0 % 7 - 3), abs($0 / 7 - 3)) != 2 }
        #expect(corner != finderShape)
    }

    @Test(arguments: codes)
    func timingPatternsAlternate(code: QRCode) {
        for index in 8..<(code.size - 8) {
            #expect(code.isDark(x: index, y: 6) == (index % 2 == 0), "row 6, column \(index)")
            #expect(code.isDark(x: 6, y: index) == (index % 2 == 0), "column 6, row \(index)")
        }
    }

    @Test(arguments: codes)
    func darkModuleBesideBottomLeftFinder(code: QRCode) {
        #expect(code.isDark(x: 8, y: 4 * code.version + 9))
        #expect(code.isDark(x: 8, y: code.size - 8))
    }

    /// Both copies of the format information are identical, are valid BCH(15,5) codewords (the
    /// candidates are built here by long division), and name the requested level and the chosen mask.
    @Test(arguments: codes)
    func formatInformationIsDecodable(code: QRCode) throws {
        let size = code.size
        func bit(_ x: Int, _ y: Int) -> Int { code.isDark(x: x, y: y) ? 1 : 0 }
        // Bit 14 (most significant) first, following ISO/IEC 18004 Figure 25.
        let firstPositions = (0...5).map { (x: $0, y: 8) } + [(x: 7, y: 8), (x: 8, y: 8), (x: 8, y: 7)]
            + (0...5).reversed().map { (x: 8, y: $0) }
        let secondPositions = (0...6).map { (x: 8, y: size - 1 - $0) } + (0...7).map { (x: size - 8 + $0, y: 8) }
        let first = firstPositions.reduce(0) { $0 << 1 | bit($1.x, $1.y) }
        let second = secondPositions.reduce(0) { $0 << 1 | bit($1.x, $1.y) }
        #expect(first == second)

        var valid: [Int: (level: Int, mask: Int)] = [:]
        for data in 0..<32 {
            var word = data << 10
            for shift in stride(from: 14, through: 10, by: -1) where (word >> shift) & 1 == 1 {
                word ^= 0b101_0011_0111 << (shift - 10)  // x¹⁰+x⁸+x⁵+x⁴+x²+x+1
            }
            valid[(data << 10 | word) ^ 0b101_0100_0001_0010] = (data >> 3, data & 7)
        }
        let decoded = try #require(valid[first], "format bits \(String(first, radix: 2)) are not a codeword")
        let levelBits: [QRCode.ErrorCorrection: Int] = [.low: 1, .medium: 0, .quartile: 3, .high: 2]
        #expect(decoded.level == levelBits[code.errorCorrection])
        #expect(decoded.mask == code.mask)
    }

    /// From version 7, both 6×3 version blocks carry the version and a valid BCH(18,6) remainder.
    @Test(arguments: codes.filter { $0.version >= 7 })
    func versionInformationIsDecodable(code: QRCode) {
        var topRight = 0, bottomLeft = 0
        for index in stride(from: 17, through: 0, by: -1) {
            let across = code.size - 11 + index % 3, along = index / 3
            topRight = topRight << 1 | (code.isDark(x: across, y: along) ? 1 : 0)
            bottomLeft = bottomLeft << 1 | (code.isDark(x: along, y: across) ? 1 : 0)
        }
        #expect(topRight == bottomLeft)
        #expect(topRight >> 12 == code.version)
        var remainder = topRight
        for shift in stride(from: 17, through: 12, by: -1) where (remainder >> shift) & 1 == 1 {
            remainder ^= 0b1_1111_0010_0101 << (shift - 12)
        }
        #expect(remainder == 0)
    }

    /// Alignment centres from ISO/IEC 18004 Annex E, Table E.1.
    @Test(arguments: [
        (1, []), (2, [6, 18]), (6, [6, 34]), (7, [6, 22, 38]), (14, [6, 26, 46, 66]), (15, [6, 26, 48, 70]),
        (25, [6, 32, 58, 84, 110]), (32, [6, 34, 60, 86, 112, 138]), (36, [6, 24, 50, 76, 102, 128, 154]),
        (39, [6, 26, 54, 82, 110, 138, 166]), (40, [6, 30, 58, 86, 114, 142, 170]),
    ] as [(Int, [Int])])
    func alignmentPositions(version: Int, expected: [Int]) {
        #expect(SymbolTables.alignmentPositions(version: version) == expected)
    }

    @Test(arguments: codes.filter { $0.version >= 2 })
    func alignmentPatternsAreDrawn(code: QRCode) {
        let positions = SymbolTables.alignmentPositions(version: code.version)
        for cx in positions {
            for cy in positions where !(cx == 6 && cy == 6) && !(cx == 6 && cy == positions.last) && !(cy == 6 && cx == positions.last) {
                for dy in -2...2 {
                    for dx in -2...2 {
                        #expect(code.isDark(x: cx + dx, y: cy + dy) == (max(abs(dx), abs(dy)) != 1))
                    }
                }
            }
        }
    }

    /// Codeword count per version: the standard's Table 1 gives 26, 44, 134, 196, 346, 655, 1588 and 3706.
    @Test func totalCodewordsMatchTableOne() {
        let expected = [1: 26, 2: 44, 5: 134, 7: 196, 10: 346, 15: 655, 25: 1588, 40: 3706]
        for (version, total) in expected {
            #expect(SymbolTables.totalCodewords(version: version) == total, "version \(version)")
        }
        for version in 1...40 {
            for level in Self.levels {
                let blocks = SymbolTables.blockCount(version: version, level: level)
                #expect(SymbolTables.dataCodewords(version: version, level: level) >= blocks)
            }
        }
    }

    /// The chosen mask scores no worse than any other under the penalty rules.
    @Test(arguments: codes.prefix(8))
    func chosenMaskHasLowestPenalty(code: QRCode) {
        var grid = ModuleGrid(version: code.version)
        grid.drawFunctionPatterns(level: code.errorCorrection)
        // Undo the chosen mask to recover the unmasked data, then score every mask.
        for y in 0..<code.size {
            for x in 0..<code.size where !grid.isFunctionModule(x: x, y: y) {
                grid[x, y] = code.isDark(x: x, y: y) != ModuleGrid.maskFlips(code.mask, x: x, y: y)
            }
        }
        let scores = (0..<8).map { pattern -> Int in
            var candidate = grid
            candidate.applyMask(pattern)
            candidate.drawFormatInformation(level: code.errorCorrection, mask: pattern)
            return candidate.penalty()
        }
        #expect(scores[code.mask] == scores.min())
    }

    @Test func penaltyRulesOnHandMadeLines() {
        let t = true, f = false
        #expect(ModuleGrid.linePenalty([t, t, t, t, f, t]) == 0)
        #expect(ModuleGrid.linePenalty([t, t, t, t, t, f]) == 3)
        #expect(ModuleGrid.linePenalty([f, f, f, f, f, f, f, t]) == 5)
        // Finder-like 1:1:3:1:1 with four light modules on both sides: 40 per side.
        #expect(ModuleGrid.linePenalty([f, f, f, f, t, f, t, t, t, f, t, f, f, f, f]) == 80)
        // With only three light modules before it, only the side after counts.
        #expect(ModuleGrid.linePenalty([t, f, f, f, t, f, t, t, t, f, t, f, f, f, f, t]) == 40)
    }

    @Test func outsideTheSymbolIsLight() throws {
        let code = try QRCode(encoding: "x")
        #expect(!code.isDark(x: -1, y: 0))
        #expect(!code.isDark(x: 0, y: code.size))
        #expect(code.isDark(x: 0, y: 0))
        #expect(code.version == 1 && code.errorCorrection == .medium)
    }

    /// Byte-mode capacities from ISO/IEC 18004 Table 7: the longest text that fits a version
    /// gets exactly that version, and one byte more needs the next (or is too long at 40).
    @Test(arguments: levels)
    func capacitiesMatchTableSeven(level: QRCode.ErrorCorrection) throws {
        for (version, capacity) in DecodeRoundTripTests.byteCapacity[level]! {
            let fits = try QRCode(encoding: sampleText(byteCount: capacity), errorCorrection: level)
            #expect(fits.version == version)
            if version < 40 {
                let spills = try QRCode(encoding: sampleText(byteCount: capacity + 1), errorCorrection: level)
                #expect(spills.version == version + 1)
            } else {
                #expect(throws: QRCodeError.tooLong(bytes: capacity + 1, maximum: capacity)) {
                    try QRCode(encoding: sampleText(byteCount: capacity + 1), errorCorrection: level)
                }
            }
        }
    }

    @Test func tooLongCountsUTF8Bytes() {
        let text = String(repeating: "é", count: 1200)  // 2400 bytes, over 2331
        #expect(throws: QRCodeError.tooLong(bytes: 2400, maximum: 2331)) { try QRCode(encoding: text) }
    }
}

extension QRCode: CustomTestStringConvertible {
    public var testDescription: String { "version \(version)-\(errorCorrection) mask \(mask)" }
}
