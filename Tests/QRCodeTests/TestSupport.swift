import Foundation
@testable import QRCode

/// The first executable called `name` on PATH, if any.
func findExecutable(named name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":").map(String.init) {
        let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// Runs `executable` to completion and returns its standard output; throws on a non-zero exit.
func runTool(_ executable: URL, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read before waiting, so a large output cannot fill the pipe and stall the child.
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ZBar.Failure(description: "\(executable.lastPathComponent) exited \(process.terminationStatus): \(errorText)")
    }
    return String(decoding: data, as: UTF8.self)
}

func temporaryFile(_ suffix: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("qrcode-test-\(UUID().uuidString).\(suffix)")
}

/// The `zbarimg` decoder from Debian's `zbar-tools` package, if it is on PATH.
enum ZBar {
    static let executable = findExecutable(named: "zbarimg")

    static var isAvailable: Bool { executable != nil }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `image` as a binary PGM, runs `zbarimg --raw -q` on it and returns what it printed,
    /// less the newline zbarimg adds after each symbol.
    static func decode(_ image: GreyImage) throws -> String {
        var text = try run(on: [image])
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Decodes many single-line texts with one zbarimg process (its start-up dominates the
    /// time for small images), one answer per image in order; `nil` for an image that did not
    /// decode. Should the batch go wrong, each image is decoded on its own to tell which failed.
    static func decodeLines(_ images: [GreyImage]) -> [String?] {
        if let output = try? run(on: images) {
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            if lines.count == images.count { return lines }
        }
        return images.map { try? decode($0) }
    }

    private static func run(on images: [GreyImage]) throws -> String {
        let files = try images.map { image in
            let file = temporaryFile("pgm")
            try image.pgm.write(to: file)
            return file
        }
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        return try decodeFiles(files)
    }

    /// zbarimg's raw output for image files in any format its ImageMagick reads (PGM, PNG, …).
    static func decodeFiles(_ files: [URL]) throws -> String {
        guard let executable else { throw Failure(description: "zbarimg is not installed") }
        // -Sdisable then -Sqrcode.enable: look for QR codes only, so no other symbology can answer.
        // Exit status 4 means no symbol was found.
        return try runTool(executable, ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"] + files.map(\.path))
    }
}

/// librsvg's `rsvg-convert` from Debian's `librsvg2-bin`: a real SVG renderer, to check the
/// SVG markup itself draws a readable symbol.
enum RSVG {
    static let executable = findExecutable(named: "rsvg-convert")

    /// Renders SVG markup to a PNG file and returns its location; the caller removes it.
    static func renderPNG(_ svg: String) throws -> URL {
        guard let executable else { throw ZBar.Failure(description: "rsvg-convert is not installed") }
        let input = temporaryFile("svg")
        let output = temporaryFile("png")
        try Data(svg.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        _ = try runTool(executable, ["--background-color=white", "-o", output.path, input.path])
        return output
    }
}

/// An 8-bit greyscale raster, 0 black and 255 white.
struct GreyImage {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 255, count: width * height)
    }

    /// Binary PGM ("P5"): a text header, then one byte per pixel. zbarimg reads it through ImageMagick.
    var pgm: Data {
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        return data
    }

    /// Straight from `isDark`, with the 4-module quiet zone.
    static func render(_ code: QRCode, pixelsPerModule scale: Int) -> GreyImage {
        let side = (code.size + 8) * scale
        var image = GreyImage(width: side, height: side)
        for py in 0..<side {
            for px in 0..<side where code.isDark(x: px / scale - 4, y: py / scale - 4) {
                image.pixels[py * side + px] = 0
            }
        }
        return image
    }
}

/// Reads back the SVG this package writes: the `viewBox` side and the one path of
/// `M x,y h w v1 h-w z` rectangles. Anything else in the path is a test failure, which also
/// checks that the markup stays as simple as the encoder promises.
struct ParsedSVG {
    let side: Int
    let dark: Set<[Int]>

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    init(_ svg: String) throws {
        guard let viewBox = svg.firstCapture(after: "viewBox=\"0 0 ", until: " "), let side = Int(viewBox) else {
            throw Malformed(description: "no viewBox")
        }
        guard let path = svg.firstCapture(after: " d=\"", until: "\"") else {
            throw Malformed(description: "no path data")
        }
        var dark = Set<[Int]>()
        for command in path.split(separator: "z") {
            // "M12,4h3v1h-3"
            let parts = command.dropFirst().split(whereSeparator: { ",hv".contains($0) })
            guard command.first == "M", parts.count == 5, let x = Int(parts[0]), let y = Int(parts[1]),
                  let width = Int(parts[2]), parts[3] == "1", parts[4] == "-\(width)", width > 0
            else { throw Malformed(description: "unexpected path command \(command)") }
            for column in x..<(x + width) { dark.insert([column, y]) }
        }
        self.side = side
        self.dark = dark
    }

    /// Rasterises at `scale` pixels per unit; what a browser draws with crisp edges.
    func image(pixelsPerModule scale: Int) -> GreyImage {
        var image = GreyImage(width: side * scale, height: side * scale)
        for module in dark {
            for py in (module[1] * scale)..<((module[1] + 1) * scale) {
                for px in (module[0] * scale)..<((module[0] + 1) * scale) {
                    image.pixels[py * image.width + px] = 0
                }
            }
        }
        return image
    }
}

extension String {
    func firstCapture(after prefix: String, until terminator: Character) -> String? {
        guard let start = range(of: prefix)?.upperBound,
              let end = self[start...].firstIndex(of: terminator) else { return nil }
        return String(self[start..<end])
    }
}

/// Deterministic text of exactly `length` UTF-8 bytes, mixing letters, digits and punctuation
/// so every mask and byte value pattern gets some exercise.
func sampleText(byteCount length: Int, seed: UInt64 = 1) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;/-_?=&%+()!")
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    var text = ""
    for _ in 0..<length {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        text.append(alphabet[Int(state % UInt64(alphabet.count))])
    }
    return text
}
