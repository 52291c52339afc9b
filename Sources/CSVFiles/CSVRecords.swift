import Memberwise

/// The one CSV reader: every CSV the project reads (people files, Polis exports, uploads) goes
/// through ``CSVRecords/parse(_:)``, so a file means the same to the CLI, the console and the API.
///
/// It follows RFC 4180 as spreadsheets write it: fields may be quoted; a quote inside a quoted field
/// is doubled; quoted fields may hold commas and line breaks; lines end in LF, CRLF or a lone CR;
/// a line break inside a quoted field reads as LF; a leading byte-order mark is dropped and
/// blank lines are skipped.
///
/// Why not CSV.swift or SwiftCSV, which resolve here: the people who write these files are
/// teachers with spreadsheets, and a mistake in one must come back as "line 12, field 3: …".
/// CSV.swift 2.5.2 reads an unclosed quote to the end of the file without a word and drops the
/// character after a stray closing quote (`CSVReader.readField`, the `// ERROR?` branch); SwiftCSV
/// 0.10.0 drops spaces at the start of a field and reports quote errors without a position.
/// Neither says on which line a record starts.
public enum CSVRecords {
    /// One record and the line it starts on (1-based, the header being line 1).
    @PublicMemberwiseInit
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// A malformed file, with the line and field where the problem is.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line in the file.
        public var line: Int
        /// 1-based position of the field in its record.
        public var field: Int
        /// What is wrong and how to mend it, in plain words.
        public var problem: String

        public var description: String { "line \(line), field \(field): \(problem)" }
    }

    /// Reads every non-blank record. Throws for an unclosed quoted field, text after a closing
    /// quote, or a quote inside an unquoted field.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var reader = Reader(bytes: Array(text.utf8))
        return try reader.records()
    }

    /// Bytes, not characters: every byte that matters (comma, quote, CR, LF) is ASCII, which
    /// UTF-8 never uses inside a multi-byte character, and reading bytes keeps a 60,000-line
    /// file linear and fast.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        mutating func records() throws(SyntaxError) -> [Record] {
            var result: [Record] = []
            while index < bytes.count {
                let start = line
                let fields = try record()
                if fields.count > 1 || !fields[0].text.isEmpty || fields[0].quoted {
                    result.append(Record(line: start, fields: fields.map(\.text)))
                }
            }
            return result
        }

        /// One record, up to and including its line ending.
        private mutating func record() throws(SyntaxError) -> [(text: String, quoted: Bool)] {
            var fields: [(text: String, quoted: Bool)] = []
            while true {
                let field = try self.field(number: fields.count + 1)
                fields.append(field)
                guard index < bytes.count else { return fields }
                let byte = bytes[index]
                index += 1
                if byte == Self.comma { continue }
                endLine(after: byte)
                return fields
            }
        }

        /// Counts a line break whose first byte was `byte` (already read), taking the LF of a CRLF.
        private mutating func endLine(after byte: UInt8) {
            if byte == Self.cr, index < bytes.count, bytes[index] == Self.lf { index += 1 }
            line += 1
        }

        /// One field; stops before the comma or line break that ends it.
        private mutating func field(number: Int) throws(SyntaxError) -> (text: String, quoted: Bool) {
            guard index < bytes.count, bytes[index] == Self.quote else {
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.cr || byte == Self.lf { break }
                    if byte == Self.quote {
                        throw SyntaxError(line: line, field: number,
                                          problem: "a quote appears inside an unquoted field; quote the whole field and double the quotes inside it (\"\")")
                    }
                    index += 1
                }
                return (String(decoding: bytes[start..<index], as: UTF8.self), false)
            }
            let openedOn = line
            index += 1
            var text: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == Self.quote {
                    if index < bytes.count, bytes[index] == Self.quote {
                        text.append(byte)
                        index += 1
                        continue
                    }
                    if index < bytes.count, ![Self.comma, Self.cr, Self.lf].contains(bytes[index]) {
                        throw SyntaxError(line: line, field: number,
                                          problem: "text follows the closing quote of a quoted field; only a comma or a line break may follow it")
                    }
                    return (String(decoding: text, as: UTF8.self), true)
                }
                if byte == Self.cr {
                    // A line break inside a field reads as LF, however the spreadsheet wrote it.
                    if index < bytes.count, bytes[index] == Self.lf { index += 1 }
                    text.append(Self.lf)
                    line += 1
                    continue
                }
                text.append(byte)
                if byte == Self.lf { line += 1 }
            }
            throw SyntaxError(line: openedOn, field: number, problem: "a quoted field is never closed; the file ends inside its quotes")
        }
    }
}
