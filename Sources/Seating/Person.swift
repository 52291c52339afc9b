import CSVFiles
import Foundation
import Memberwise

/// Someone in the room: the identity used everywhere, a display name and every other CSV column.
@PublicMemberwiseInit
public struct Person: Sendable, Hashable, Codable {
    /// The identity used in constraints and plans: the `id` column when present, else the name.
    public var id: String
    public var name: String
    /// Every column other than `id` and `name`, keyed by header.
    public var attributes: [String: String] = [:]
}

/// The people in a CSV file, with the columns they were read from.
@PublicMemberwiseInit
public struct PeopleList: Sendable, Equatable {
    public var people: [Person]
    /// Whether the file had an `id` column (otherwise names identify people).
    public var hasIDColumn: Bool
    /// Attribute columns in file order (everything but `id` and `name`).
    public var attributeColumns: [String]

    /// Reads people from CSV text: a header row with a required `name` column, an optional `id` column.
    ///
    /// Blank lines are skipped. Errors name the line (1-based, counting the header) and the column.
    public static func parse(csv text: String) throws(SeatingError) -> PeopleList {
        let rows: [CSVRecords.Record]
        do { rows = try CSVRecords.parse(text) } catch { throw .invalidInput("line \(error.line), column \(error.field): \(error.problem)") }
        guard let header = rows.first else { throw .invalidInput("the people file is empty: it needs a header row with a name column") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let lowered = columns.map { $0.lowercased() }
        guard let nameIndex = lowered.firstIndex(of: "name") else {
            throw .invalidInput("line 1: the header has no name column (found: \(columns.joined(separator: ", "))); a name column is required")
        }
        let idIndex = lowered.firstIndex(of: "id")
        var seen: [String: Int] = [:]
        var people: [Person] = []
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ index: Int) -> String {
                index < row.fields.count ? row.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            let name = field(nameIndex)
            guard !name.isEmpty else { throw .invalidInput("line \(row.line), column \(nameIndex + 1) (name): the name is empty") }
            let id = idIndex.map(field) ?? name
            guard !id.isEmpty else { throw .invalidInput("line \(row.line), column \(idIndex! + 1) (id): the id is empty") }
            if let first = seen[id] {
                let what = idIndex == nil ? "name" : "id"
                throw .invalidInput("line \(row.line): duplicate \(what) \"\(id)\" (first on line \(first)); every person needs a unique \(what)")
            }
            seen[id] = row.line
            var attributes: [String: String] = [:]
            for (index, column) in columns.enumerated() where index != nameIndex && index != idIndex && !column.isEmpty {
                attributes[column] = field(index)
            }
            people.append(Person(id: id, name: name, attributes: attributes))
        }
        guard !people.isEmpty else { throw .invalidInput("the people file has a header but no people") }
        let attributeColumns = columns.enumerated().filter { $0.offset != nameIndex && $0.offset != idIndex && !$0.element.isEmpty }.map(\.element)
        return PeopleList(people: people, hasIDColumn: idIndex != nil, attributeColumns: attributeColumns)
    }
}
