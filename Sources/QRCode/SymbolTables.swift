/// Per-version constants of ISO/IEC 18004: error-correction block structure, alignment pattern
/// positions and capacities. Arrays are indexed by version (index 0 unused).
enum SymbolTables {
    /// Error-correction codewords in each block (ISO/IEC 18004 Table 9), per level.
    private static let eccCodewordsPerBlock: [[Int]] = [
        // low
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // medium
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        // quartile
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // high
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Number of error-correction blocks (ISO/IEC 18004 Table 9), per level.
    private static let blockCounts: [[Int]] = [
        // low
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        // medium
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        // quartile
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        // high
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    static func eccCodewordsPerBlock(version: Int, level: QRCode.ErrorCorrection) -> Int {
        eccCodewordsPerBlock[level.tableIndex][version]
    }

    static func blockCount(version: Int, level: QRCode.ErrorCorrection) -> Int {
        blockCounts[level.tableIndex][version]
    }

    /// Modules left for codewords once every function pattern, format and version area is
    /// taken out; may not be a multiple of 8 (the leftover remainder bits stay light).
    /// Counting them instead of tabulating them keeps one fewer table to get wrong.
    static func rawDataModules(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64  // size² minus finders, separators, timing, format
        if version >= 2 {
            let alignmentsPerSide = version / 7 + 2
            // Alignment patterns (25 modules each), less their overlap with the timing patterns.
            modules -= (25 * alignmentsPerSide - 10) * alignmentsPerSide - 55
            if version >= 7 { modules -= 36 }  // two 6×3 version information blocks
        }
        return modules
    }

    static func totalCodewords(version: Int) -> Int { rawDataModules(version: version) / 8 }

    static func dataCodewords(version: Int, level: QRCode.ErrorCorrection) -> Int {
        totalCodewords(version: version)
            - eccCodewordsPerBlock(version: version, level: level) * blockCount(version: version, level: level)
    }

    /// Bits of the byte-mode character count field: 8 up to version 9, 16 from version 10.
    static func characterCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The most bytes a byte-mode segment can carry in this version and level.
    static func byteCapacity(version: Int, level: QRCode.ErrorCorrection) -> Int {
        (dataCodewords(version: version, level: level) * 8 - 4 - characterCountBits(version: version)) / 8
    }

    /// Centre coordinates of alignment patterns on each axis (ISO/IEC 18004 Annex E): the first
    /// is always 6, the last `size − 7`, and the ones between are evenly spaced by an even step.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let size = 4 * version + 17
        // This rounding reproduces every row of Annex E, including version 32's step of 26.
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var positions = [6]
        for index in 0..<(count - 1) {
            positions.insert(size - 7 - index * step, at: 1)
        }
        return positions
    }
}

extension QRCode.ErrorCorrection {
    /// Row in the per-level tables above.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two bits the format information uses for the level; not in the order of strength.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}
