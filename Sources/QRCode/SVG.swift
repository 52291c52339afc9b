import Basics

extension QRCode {
    /// Light modules drawn around the symbol on every side, as the standard requires.
    static let quietZone = 4

    /// A standalone SVG document: black modules on a white square that includes the 4-module
    /// quiet zone, every dark module in one `<path>`, `shape-rendering="crispEdges"` so
    /// neighbouring modules do not show anti-aliased seams, and a `<title>` that names the
    /// image for screen readers.
    ///
    /// The document has no XML declaration, so it can be inlined in HTML as is; without one,
    /// XML reads it as UTF-8, which it is.
    ///
    /// - Parameters:
    ///   - moduleSize: Pixels per module for the `width` and `height` attributes (at least 1);
    ///     the `viewBox` counts modules, so the image scales cleanly with CSS.
    ///   - title: Accessible name, XML-escaped; `"QR code"` when `nil`.
    public func svg(moduleSize: Int = 8, title: String? = nil) -> String {
        let quiet = Self.quietZone
        let side = size + 2 * quiet
        let pixels = side * max(1, moduleSize)

        // One subpath per horizontal run of dark modules keeps the path short and exact.
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                path += "M\(start + quiet),\(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }

        return """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img">\
            <title>\(HTMLText.escape(title ?? "QR code"))</title>\
            <rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/>\
            </svg>
            """
    }
}
