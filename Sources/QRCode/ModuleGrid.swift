/// The square of modules while a symbol is being built, with a second layer that marks
/// function modules (finders, separators, timing, alignment, format and version information,
/// the dark module) so data placement and masking leave them alone.
struct ModuleGrid {
    let version: Int
    let size: Int
    /// Row-major, `true` is dark.
    private(set) var dark: [Bool]
    /// Row-major, `true` where a function pattern lives.
    private(set) var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        self.size = 4 * version + 17
        dark = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
    }

    subscript(x: Int, y: Int) -> Bool {
        get { dark[y * size + x] }
        set { dark[y * size + x] = newValue }
    }

    func isFunctionModule(x: Int, y: Int) -> Bool { isFunction[y * size + x] }

    private mutating func setFunction(x: Int, y: Int, dark value: Bool) {
        self[x, y] = value
        isFunction[y * size + x] = true
    }

    // MARK: Function patterns

    /// Draws every function pattern. The format areas are reserved here with a placeholder
    /// mask and drawn for real once the mask is chosen.
    mutating func drawFunctionPatterns(level: QRCode.ErrorCorrection) {
        // Timing first: finders and alignments then overwrite the ends and crossings.
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)

        let positions = SymbolTables.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // The three corners already taken by finder patterns get no alignment pattern.
                let overlapsFinder = (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0)
                if !overlapsFinder { drawAlignment(centerX: x, centerY: y) }
            }
        }
        drawFormatInformation(level: level, mask: 0)
        drawVersionInformation()
    }

    /// A 7×7 finder (dark ring, light ring, 3×3 dark core) and its one-module light separator,
    /// clipped at the symbol edge.
    private mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard x >= 0, y >= 0, x < size, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark ring, light ring, dark centre.
    private mutating func drawAlignment(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15-bit format information, twice (around the top-left finder, and split between the
    /// other two), plus the always-dark module beside the bottom-left finder.
    mutating func drawFormatInformation(level: QRCode.ErrorCorrection, mask: Int) {
        let bits = BCH.formatInformation(level: level, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }

        // First copy: bits 0–7 down column 8 (skipping the timing row), bits 8–14 leftwards along row 8.
        for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }

        // Second copy: bits 0–7 along row 8 from the right edge, bits 8–14 down column 8 to the bottom.
        for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// From version 7, the 18-bit version information in a 6×3 block above the bottom-left
    /// finder and its transpose left of the top-right finder.
    private mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = BCH.versionInformation(version: version)
        for index in 0..<18 {
            let value = (bits >> index) & 1 == 1
            let across = size - 11 + index % 3
            let along = index / 3
            setFunction(x: across, y: along, dark: value)
            setFunction(x: along, y: across, dark: value)
        }
    }

    // MARK: Data

    /// Places codeword bits, most significant first, in two-module-wide columns that zigzag
    /// up and down from the bottom-right corner, skipping function modules and the vertical
    /// timing column. Modules left over (remainder bits) stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }  // column 6 is all timing pattern
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1) where !isFunctionModule(x: x, y: y) && bitIndex < bitCount {
                    self[x, y] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }
}

/// The BCH codes that protect the format and version information.
enum BCH {
    /// 5 data bits (level, mask) and a 10-bit BCH(15,5) remainder with generator
    /// x¹⁰+x⁸+x⁵+x⁴+x²+x+1 (0x537), XORed with 0x5412 so the result is never all light.
    static func formatInformation(level: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// 6 version bits and a 12-bit BCH(18,6) remainder with generator 0x1F25.
    static func versionInformation(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }
}
