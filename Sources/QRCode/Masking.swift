/// Mask patterns and the penalty rules (ISO/IEC 18004 §7.8) used to pick one.
extension ModuleGrid {
    /// Whether mask `pattern` flips the module at column `x`, row `y` (the standard writes i = row, j = column).
    static func maskFlips(_ pattern: Int, x: Int, y: Int) -> Bool {
        switch pattern {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// XORs mask `pattern` over every data module; function modules are never masked.
    mutating func applyMask(_ pattern: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunctionModule(x: x, y: y) && Self.maskFlips(pattern, x: x, y: y) {
                self[x, y].toggle()
            }
        }
    }

    /// Tries all eight masks, each with its real format information drawn (the penalty is scored
    /// on the whole symbol), and keeps the lowest penalty; ties go to the lower mask number.
    func bestMasked(level: QRCode.ErrorCorrection) -> (grid: ModuleGrid, mask: Int) {
        var best = self
        var bestMask = 0
        var bestPenalty = Int.max
        for pattern in 0..<8 {
            var candidate = self
            candidate.applyMask(pattern)
            candidate.drawFormatInformation(level: level, mask: pattern)
            let score = candidate.penalty()
            if score < bestPenalty {
                best = candidate
                bestMask = pattern
                bestPenalty = score
            }
        }
        return (best, bestMask)
    }

    /// The sum of the four penalty rules; lower is easier to read.
    func penalty() -> Int {
        var total = 0
        for y in 0..<size {
            total += Self.linePenalty(dark, start: y * size, step: 1, count: size)
        }
        for x in 0..<size {
            total += Self.linePenalty(dark, start: x, step: size, count: size)
        }
        // Rule 2: 3 points for every 2×2 block of one colour (overlapping blocks each count).
        for y in 0..<(size - 1) {
            for index in (y * size)..<(y * size + size - 1) {
                let colour = dark[index]
                if dark[index + 1] == colour && dark[index + size] == colour && dark[index + size + 1] == colour {
                    total += 3
                }
            }
        }
        // Rule 4: 10 points for each whole 5% that the share of dark modules strays from 50%.
        var darkCount = 0
        for module in dark where module { darkCount += 1 }
        let moduleCount = size * size
        total += abs(darkCount * 20 - moduleCount * 10) / moduleCount * 10
        return total
    }

    /// Rules 1 and 3 along one row or column of `modules`: `count` modules from `start`, `step` apart.
    ///
    /// One pass that reads each module once (indexing the grid in place rather than copying lines
    /// out), because scoring eight masks of a version 40 symbol should stay cheap in debug builds too.
    static func linePenalty(_ modules: [Bool], start: Int, step: Int, count: Int) -> Int {
        // Rule 3 looks for dark-light-dark-dark-dark-light-dark (1:1:3:1:1, which a reader could
        // take for a finder) with four light modules before or after it: 40 points for each.
        // These are the two 11-module windows, oldest module in the highest bit.
        let lightThenFinderLike = 0b0000_1011101
        let finderLikeThenLight = 0b1011101_0000

        var total = 0
        var runLength = 0
        var previous = false
        // The last 11 modules, newest in bit 0. It starts all light, and four light modules are
        // fed in after the end, because the quiet zone beyond both ends of the line is light.
        var window = 0
        for offset in 0..<(count + 4) {
            let module = offset < count && modules[start + offset * step]
            if offset < count {
                // Rule 1: a run of five or more modules of one colour costs 3, plus 1 per module past five.
                if offset > 0 && module == previous {
                    runLength += 1
                } else {
                    if runLength >= 5 { total += runLength - 2 }
                    runLength = 1
                }
                previous = module
            }
            window = (window << 1 | (module ? 1 : 0)) & 0x7FF
            if window == lightThenFinderLike || window == finderLikeThenLight { total += 40 }
        }
        if runLength >= 5 { total += runLength - 2 }
        return total
    }

    /// Rules 1 and 3 for a standalone line.
    static func linePenalty(_ line: [Bool]) -> Int {
        linePenalty(line, start: 0, step: 1, count: line.count)
    }
}
