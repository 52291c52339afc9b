/// Text made safe for HTML and SVG, for the pages the pure modules write themselves (the seating plan, the
/// report's charts). Server pages go through Mustache, which escapes on its own.
public enum HTMLText {
    /// Escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
