import CSVFiles
import Foundation

/// A parsed CSV file: a header row and records, each record remembering the line it started on,
/// so errors can point at the exact place in the file.
///
/// The records come from the project's one reader, ``CSVRecords``; this adds the header and
/// errors that name the file.
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

    /// Parses `text`. Blank lines are skipped. Throws for malformed quoting or an empty file (no header).
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
        do {
            return try CSVRecords.parse(text).map { Row(line: $0.line, fields: $0.fields) }
        } catch {
            throw HarvestError(file: fileName, line: error.line, column: "field \(error.field)", problem: error.problem)
        }
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
