/// A QR Code symbol (ISO/IEC 18004), encoded in byte mode from UTF-8 text.
///
/// The encoder picks the smallest version (1 to 40) that holds the text at the requested
/// error-correction level, and the mask pattern with the lowest penalty score.
/// Everything is computed in `init`; the value is an immutable grid of modules.
///
/// ```swift
/// let code = try QRCode(encoding: "http://192.168.1.20:8080/c/KQ7M-2DXP")
/// let markup = code.svg(moduleSize: 8, title: "Join this conversation")
/// ```
public struct QRCode: Sendable {
    /// How much of the symbol can be damaged and still be read; more correction means a bigger symbol.
    public enum ErrorCorrection: Sendable, CaseIterable {
        /// Recovers about 7% of codewords.
        case low
        /// Recovers about 15% of codewords; the usual choice for screens.
        case medium
        /// Recovers about 25% of codewords.
        case quartile
        /// Recovers about 30% of codewords.
        case high
    }

    /// Modules per side, without the quiet zone: `4 × version + 17`, from 21 to 177.
    public let size: Int

    /// The symbol version, 1 to 40.
    let version: Int
    /// The error-correction level the symbol was encoded with.
    let errorCorrection: ErrorCorrection
    /// The mask pattern (0 to 7) that the penalty rules chose.
    let mask: Int
    /// Row-major, `size × size`; `true` is dark.
    private let modules: [Bool]

    /// Encodes `text` as UTF-8 bytes in byte mode.
    ///
    /// - Parameters:
    ///   - text: The text to encode, usually a URL.
    ///   - errorCorrection: The error-correction level; `.medium` by default.
    /// - Throws: `QRCodeError.tooLong` when the UTF-8 bytes do not fit in a version 40 symbol
    ///   at this level (2953 bytes at `.low`, 2331 at `.medium`, 1663 at `.quartile`, 1273 at `.high`).
    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        guard let version = (1...40).first(where: { bytes.count <= SymbolTables.byteCapacity(version: $0, level: errorCorrection) })
        else {
            throw .tooLong(bytes: bytes.count, maximum: SymbolTables.byteCapacity(version: 40, level: errorCorrection))
        }
        let data = DataEncoder.dataCodewords(bytes: bytes, version: version, level: errorCorrection)
        let codewords = DataEncoder.interleavedWithErrorCorrection(data, version: version, level: errorCorrection)

        var grid = ModuleGrid(version: version)
        grid.drawFunctionPatterns(level: errorCorrection)
        grid.placeCodewords(codewords)
        let (masked, mask) = grid.bestMasked(level: errorCorrection)

        self.size = masked.size
        self.version = version
        self.errorCorrection = errorCorrection
        self.mask = mask
        self.modules = masked.dark
    }

    /// Whether the module at column `x`, row `y` is dark; (0, 0) is the top-left module.
    ///
    /// Coordinates outside `0..<size` answer `false`, since the quiet zone around the symbol is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}

/// Why a text could not be encoded.
public enum QRCodeError: Error, Sendable, Equatable {
    /// The UTF-8 form of the text has `bytes` bytes, but a version 40 symbol at the requested
    /// error-correction level holds at most `maximum`.
    case tooLong(bytes: Int, maximum: Int)
}
