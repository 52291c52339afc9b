/// Arithmetic in GF(2⁸) as QR Code uses it: elements are bytes, addition is XOR, and
/// multiplication is modulo the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), whose
/// root α = 2 generates every non-zero element.
enum GF256 {
    /// `exp[i] = αⁱ`; stored twice over so `multiply` can add two logarithms without a modulo.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// `log[x]` is the `i` with `αⁱ = x`; `log[0]` is meaningless and never read.
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exp[power])] = power }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[log[Int(a)] + log[Int(b)]]
    }
}

/// Reed-Solomon error-correction codewords, computed as the remainder of the data polynomial
/// (times x^degree) divided by the generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)).
struct ReedSolomon {
    /// Generator coefficients, highest power first; the leading coefficient is always 1.
    let generator: [UInt8]

    init(degree: Int) {
        var polynomial: [UInt8] = [1]
        for root in 0..<degree {
            // Multiply by (x + αʳᵒᵒᵗ); minus is plus in characteristic 2.
            var next = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= GF256.multiply(coefficient, GF256.exp[root])
            }
            polynomial = next
        }
        generator = polynomial
    }

    var degree: Int { generator.count - 1 }

    /// The `degree` error-correction codewords to append to `data`.
    func remainder(of data: [UInt8]) -> [UInt8] {
        var work = data + [UInt8](repeating: 0, count: degree)
        for index in data.indices {
            let factor = work[index]
            if factor == 0 { continue }
            for offset in 1...degree {
                work[index + offset] ^= GF256.multiply(generator[offset], factor)
            }
        }
        return Array(work[data.count...])
    }
}

/// Turns bytes into the final codeword sequence: segment bits, padding, error correction, interleaving.
enum DataEncoder {
    /// One byte-mode segment, the terminator, zero bits to a byte boundary, then the alternating
    /// pad codewords 0xEC 0x11 until the data capacity of the version and level is filled.
    static func dataCodewords(bytes: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let capacity = SymbolTables.dataCodewords(version: version, level: level)
        var bits = BitWriter()
        bits.append(0b0100, count: 4)  // byte mode indicator
        bits.append(bytes.count, count: SymbolTables.characterCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity * 8 - bits.count))  // terminator, shortened when full
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits the data into blocks (the short ones first, long ones one data codeword longer),
    /// computes each block's error correction, then interleaves: the i-th data codeword of every
    /// block in turn, then the i-th error-correction codeword of every block. Interleaving spreads
    /// a burst of damage over many blocks so each stays within what it can correct.
    static func interleavedWithErrorCorrection(_ data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let blockCount = SymbolTables.blockCount(version: version, level: level)
        let eccLength = SymbolTables.eccCodewordsPerBlock(version: version, level: level)
        let total = SymbolTables.totalCodewords(version: version)
        let shortBlockCount = blockCount - total % blockCount
        let shortDataLength = total / blockCount - eccLength
        let code = ReedSolomon(degree: eccLength)

        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlockCount ? 0 : 1)
            let blockData = Array(data[start..<(start + length)])
            start += length
            dataBlocks.append(blockData)
            eccBlocks.append(code.remainder(of: blockData))
        }

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for index in 0...shortDataLength {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<eccLength {
            for block in eccBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Appends bit fields most significant bit first and packs them into bytes.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count bitCount: Int) {
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[count / 8] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}
