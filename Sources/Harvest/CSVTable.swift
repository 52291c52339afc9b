import Foundation

/// A parsed CSV file: a header row and records, each record remembering the line it started on,
/// so errors can point at the exact place in the file.
///
/// Follows RFC 4180 as spreadsheets write it: fields may be quoted, quotes inside quoted
/// fields are doubled, quoted fields may hold commas and line breaks, lines end in LF or CRLF.
public struct CSVTable: Sendable, Equatable {
    /// The file name used in error messages.
    public var fileName: String
    /// The column names from the first line, trimmed of surrounding spaces and a byte-order mark.
    public var header: [String]
    /// The data rows (the header excluded).
    public var rows: [Row]

    /// One data record.
    public struct Row: Sendable, Equatable {
        /// 1-based line number in the file where the record starts.
        public var line: Int
        public var fields: [String]
    }

    /// Parses `text`. Blank lines are skipped. Throws for an unterminated quoted field,
    /// stray text after a closing quote, or an empty file (no header).
    public init(parsing text: String, fileName: String) throws(HarvestError) {
        self.fileName = fileName
        var records = try CSVTable.records(in: text, fileName: fileName)
        guard !records.isEmpty else {
            throw HarvestError(file: fileName, line: 1, problem: "the file is empty; expected a header line naming the columns")
        }
        let first = records.removeFirst()
        header = first.fields.map { field in
            var name = field
            if name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            return name.trimmingSpaces()
        }
        rows = records
    }

    /// The position of a column, or an error naming the file, the missing column and the columns found.
    public func column(_ name: String) throws(HarvestError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw HarvestError(
                file: fileName, line: 1, column: name,
                problem: "the header has no column \"\(name)\"; it has \(header.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return index
    }

    /// The position of a column if present.
    public func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The field in `column` of `row`, or an error if the record is too short.
    public func field(_ row: Row, _ column: Int) throws(HarvestError) -> String {
        guard column < row.fields.count else {
            throw HarvestError(
                file: fileName, line: row.line, column: header[column],
                problem: "the line has \(row.fields.count) fields but the header names \(header.count) columns")
        }
        return row.fields[column]
    }

    private static func records(in text: String, fileName: String) throws(HarvestError) -> [Row] {
        var result: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedFieldClosed = false
        var recordHasContent = false
        let bytes = Array(text.utf8)
        var index = 0

        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedFieldClosed = false
        }
        func finishRecord() {
            finishField()
            if recordHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                result.append(Row(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                        quotedFieldClosed = true
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","):
                    finishField()
                    recordHasContent = true
                case UInt8(ascii: "\n"):
                    finishRecord()
                    line += 1
                    recordLine = line
                case UInt8(ascii: "\r"):
                    // A CR is a line ending only when followed by LF (or at the end of the file).
                    if index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") { field.append(byte) }
                case UInt8(ascii: "\""):
                    if field.isEmpty && !quotedFieldClosed {
                        inQuotes = true
                        recordHasContent = true
                    } else {
                        throw HarvestError(
                            file: fileName, line: line, column: "field \(fields.count + 1)",
                            problem: "a quote appears inside an unquoted field; quote the whole field and double inner quotes (\"\")")
                    }
                default:
                    if quotedFieldClosed {
                        throw HarvestError(
                            file: fileName, line: line, column: "field \(fields.count + 1)",
                            problem: "text follows the closing quote of a quoted field; only a comma or a line break may follow it")
                    }
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes {
            throw HarvestError(
                file: fileName, line: recordLine, column: "field \(fields.count + 1)",
                problem: "a quoted field is never closed; the file ends inside quotes")
        }
        if !field.isEmpty || !fields.isEmpty || quotedFieldClosed { finishRecord() }
        return result
    }
}

/// Writes CSV the way ``CSVTable`` reads it.
public enum CSVWriter {
    /// Quotes a field when it holds a comma, quote or line break.
    public static func escape(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// Joins rows into a CSV document with LF line endings and a final line break.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = header.map(escape).joined(separator: ",") + "\n"
        for row in rows { out += row.map(escape).joined(separator: ",") + "\n" }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
