import CoCreateCore
import Foundation
import Harvest
import NIOCore

/// Reads a people CSV into registrations: `name` is required, `id` optional; a column named
/// `group`, `stakeholder`, `role` or `type` (or one whose values are the design's stakeholder
/// groups) gives the declared group; every other column is kept as an attribute.
enum PeopleImport {
    static let groupColumns = ["group", "stakeholder", "stakeholder-group", "stakeholder group", "role", "type"]

    static func parse(_ text: String, fileName: String, groups: [String]) throws -> [ParticipantRegistered] {
        let table: CSVTable
        do {
            table = try CSVTable(parsing: text, fileName: fileName)
        } catch {
            throw RuleViolation(field: "people", message: "\(error)")
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let nameColumn = header.firstIndex(of: "name") else {
            throw RuleViolation(field: "people", message: "\(fileName): line 1: there is no \"name\" column; the header has: \(table.header.joined(separator: ", "))")
        }
        let idColumn = header.firstIndex(of: "id")
        let known = Set(groups.map { $0.lowercased() })
        let groupColumn = header.firstIndex { groupColumns.contains($0) }
            ?? header.indices.first { column in
                !known.isEmpty && table.rows.allSatisfy { row in known.contains((column < row.fields.count ? row.fields[column] : "").lowercased()) }
            }
        var seen: [String: Int] = [:]
        var people: [ParticipantRegistered] = []
        for (index, row) in table.rows.enumerated() {
            func field(_ column: Int) -> String {
                column < row.fields.count ? row.fields[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            let name = field(nameColumn)
            guard !name.isEmpty else { throw RuleViolation(field: "people", message: "\(fileName): line \(row.line): the name is empty") }
            let id = idColumn.map(field).flatMap { $0.isEmpty ? nil : $0 } ?? "p\(String(format: "%03d", index + 1))"
            if let previous = seen[id] {
                throw RuleViolation(field: "people", message: "\(fileName): line \(row.line): id \(id) is used again (first on line \(previous))")
            }
            seen[id] = row.line
            var attributes: [String: String] = [:]
            for (column, key) in table.header.enumerated() where column != nameColumn && column != idColumn && column != groupColumn {
                let value = field(column)
                if !value.isEmpty { attributes[key] = value }
            }
            let group = groupColumn.map(field).flatMap { $0.isEmpty ? nil : $0 }
            people.append(ParticipantRegistered(participantID: id, name: name, group: group, attributes: attributes))
        }
        guard !people.isEmpty else { throw RuleViolation(field: "people", message: "\(fileName) has a header but no people") }
        return people
    }
}

/// The fields of a `multipart/form-data` body (file uploads from a plain HTML form).
struct MultipartForm {
    private var fields: [String: String] = [:]

    init?(body: ByteBuffer, contentType: String) {
        guard let boundaryRange = contentType.range(of: "boundary=") else { return nil }
        let boundary = "--" + contentType[boundaryRange.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let text = String(buffer: body)
        for part in text.components(separatedBy: boundary).dropFirst() {
            guard let headerEnd = part.range(of: "\r\n\r\n") else { continue }
            let headers = part[..<headerEnd.lowerBound]
            guard let nameStart = headers.range(of: "name=\"") else { continue }
            let name = headers[nameStart.upperBound...].prefix { $0 != "\"" }
            var value = String(part[headerEnd.upperBound...])
            // "\r\n" is one Character in Swift.
            if value.hasSuffix("\r\n") { value.removeLast() }
            fields[String(name)] = value
        }
    }

    func field(_ name: String) -> String? { fields[name] }
}
