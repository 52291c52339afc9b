import Testing
@testable import QRCode

/// Reed-Solomon and BCH checked against values printed in ISO/IEC 18004 and against
/// arithmetic written out here from first principles, not against the encoder's own tables.
@Suite struct ReedSolomonTests {
    /// Carry-less multiplication reduced by x⁸+x⁴+x³+x²+1, bit by bit: no tables.
    static func slowMultiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var product = 0
        for bit in 0..<8 where (Int(b) >> bit) & 1 == 1 { product ^= Int(a) << bit }
        for bit in stride(from: 14, through: 8, by: -1) where (product >> bit) & 1 == 1 {
            product ^= 0x11D << (bit - 8)
        }
        return UInt8(product)
    }

    static func slowPower(_ exponent: Int) -> UInt8 {
        var value: UInt8 = 1
        for _ in 0..<exponent { value = slowMultiply(value, 2) }
        return value
    }

    @Test func fieldMultiplicationMatchesBitwiseArithmetic() {
        for a in 0...255 {
            for b in 0...255 where GF256.multiply(UInt8(a), UInt8(b)) != Self.slowMultiply(UInt8(a), UInt8(b)) {
                Issue.record("\(a) × \(b)")
            }
        }
        #expect(GF256.exp[8] == 0x1D)  // α⁸ = α⁴+α³+α²+1
        #expect(GF256.exp[255] == 1)
        #expect(Set(GF256.exp[0..<255]).count == 255)  // α is primitive: every non-zero byte once
    }

    /// ISO/IEC 18004 Annex A lists generator polynomials as exponents of α; degree 7 is
    /// x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹.
    @Test func generatorPolynomialOfDegreeSeven() {
        let expected = [0, 87, 229, 146, 149, 238, 102, 21].map { Self.slowPower($0) }
        #expect(ReedSolomon(degree: 7).generator == expected)
    }

    /// The worked example in ISO/IEC 18004 (version 1-M, numeric "01234567").
    @Test func standardWorkedExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                             0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let expected: [UInt8] = [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55]
        #expect(ReedSolomon(degree: 10).remainder(of: data) == expected)
    }

    /// The widely reproduced "HELLO WORLD" version 1-M example (alphanumeric mode).
    @Test func helloWorldExample() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let expected: [UInt8] = [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]
        #expect(ReedSolomon(degree: 10).remainder(of: data) == expected)
    }

    /// A valid codeword, read as a polynomial, vanishes at α⁰…α^(degree−1): evaluated here
    /// by Horner's rule with the table-free multiplication, for every degree QR Code uses.
    @Test(arguments: [7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30])
    func codewordsHaveTheGeneratorRoots(degree: Int) {
        var seed: UInt32 = 12345 &+ UInt32(degree)
        let data = (0..<(60 + degree)).map { _ -> UInt8 in
            seed = seed &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: seed >> 16)
        }
        let codeword = data + ReedSolomon(degree: degree).remainder(of: data)
        for root in 0..<degree {
            let x = Self.slowPower(root)
            let value = codeword.reduce(UInt8(0)) { Self.slowMultiply($0, x) ^ $1 }
            #expect(value == 0, "c(α^\(root)) ≠ 0")
        }
    }

    /// Format information strings from ISO/IEC 18004 Annex C / Table C.1, including the worked example (M, mask 5).
    @Test func formatInformationKnownValues() {
        #expect(BCH.formatInformation(level: .medium, mask: 5) == 0b100_0000_1100_1110)
        #expect(BCH.formatInformation(level: .medium, mask: 0) == 0b101_0100_0001_0010)
        #expect(BCH.formatInformation(level: .low, mask: 0) == 0b111_0111_1100_0100)
        #expect(BCH.formatInformation(level: .quartile, mask: 0) == 0b011_0101_0101_1111)
        #expect(BCH.formatInformation(level: .high, mask: 0) == 0b001_0110_1000_1001)
    }

    /// Version information from ISO/IEC 18004 Annex D / Table D.1.
    @Test func versionInformationKnownValues() {
        #expect(BCH.versionInformation(version: 7) == 0x07C94)
        #expect(BCH.versionInformation(version: 8) == 0x085BC)
        #expect(BCH.versionInformation(version: 21) == 0x15683)
        #expect(BCH.versionInformation(version: 40) == 0x28C69)
    }

    /// Version 5-Q has two blocks of 15 data codewords and two of 16, 18 error-correction
    /// codewords each: the output takes one codeword from each block in turn.
    @Test func interleavingOfUnequalBlocks() {
        let data = (0..<62).map { UInt8($0) }
        let output = DataEncoder.interleavedWithErrorCorrection(data, version: 5, level: .quartile)
        #expect(output.count == 134)
        let blocks = [Array(data[0..<15]), Array(data[15..<30]), Array(data[30..<46]), Array(data[46..<62])]
        var expected: [UInt8] = []
        for index in 0..<16 {
            for block in blocks where index < block.count { expected.append(block[index]) }
        }
        let eccs = blocks.map { ReedSolomon(degree: 18).remainder(of: $0) }
        for index in 0..<18 {
            for ecc in eccs { expected.append(ecc[index]) }
        }
        #expect(output == expected)
        #expect(Array(output[0..<8]) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(output[60..<62]) == [45, 61])
    }
}
