import Foundation

/// A small RFC 4180 reader: quoted fields with doubled quotes and embedded newlines, CRLF or LF, a leading BOM.
public enum CSVParser {
    /// One record and the line it starts on (1-based).
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// A malformed file, with the position of the problem.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> [Row] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var index = 0
        var fieldWasQuoted = false
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"" where field.isEmpty && !fieldWasQuoted:
                // A quoted field runs to the next quote that is not doubled.
                let startLine = line
                index += 1
                var closed = false
                while index < scalars.count {
                    let inner = scalars[index]
                    if inner == "\"" {
                        if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if inner == "\n" { line += 1 }
                    if !(inner == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") { field.append(inner) }
                    index += 1
                }
                guard closed else {
                    throw ParseError(line: startLine, column: fields.count + 1, message: "a quoted field is never closed")
                }
                fieldWasQuoted = true
                if index < scalars.count, !",\r\n".unicodeScalars.contains(scalars[index]) {
                    throw ParseError(line: line, column: fields.count + 1, message: "unexpected text after a closing quote")
                }
                continue
            case ",":
                endField()
            case "\r", "\n":
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                endField()
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                line += 1
                rowLine = line
            default:
                field.append(scalar)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted {
            endField()
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
