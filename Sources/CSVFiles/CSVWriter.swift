import Foundation

/// The one CSV writer: every CSV the project hands out (seating plans, commitments, the harvest,
/// Polis-format files) is written here, so every one is safe to open in a spreadsheet.
///
/// A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, as OWASP lists them) gets a leading `'`, which spreadsheets show as text and
/// hide. A cell that is just a number, such as `-2` or `+0.5`, is left alone: it runs nothing.
public enum CSVWriter {
    /// Rows joined with CRLF line endings (RFC 4180) and a final line break.
    public static func document(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            out += row.map(cell).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// A header row followed by the data rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        document([header] + rows)
    }

    /// One cell: neutralised if it could run as a formula, quoted (inner quotes doubled) when it
    /// holds a comma, a quote, a line break or spaces at either end, or was neutralised.
    public static func cell(_ value: String) -> String {
        var text = value
        let neutralised = runsAsFormula(value)
        if neutralised { text = "'" + text }
        let needsQuotes = neutralised || text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet would read `value` as a formula rather than text or a number.
    public static func runsAsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return false }
        return !isPlainNumber(value)
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        var scalars = Substring(value).unicodeScalars
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars.removeFirst() }
        var digits = 0, points = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) { digits += 1 } else if scalar == "." { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }
}
