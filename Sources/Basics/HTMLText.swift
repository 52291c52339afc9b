/// Text made safe for HTML, SVG and XML, for the pages and files the pure modules write themselves (the
/// seating plan, the report's charts, the QR code's SVG). Server pages go through Mustache, which escapes
/// on its own.
public enum HTMLText {
    /// Escapes the five special characters for element content and attribute values, and drops the
    /// control characters XML 1.0 forbids, so any text yields a well-formed document.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"  // &apos; is not defined in HTML 4, where an SVG may be inlined
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
