import CSVFiles
import Foundation

/// The plan's file formats: JSON (the contract, also read back by `--fixed`), CSV and printable HTML.
public enum PlanEncoding {
    /// Pretty, key-sorted JSON so the same plan always gives the same bytes.
    public static func json(_ plan: SeatingPlan) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and numbers cannot fail.
        return (try? encoder.encode(plan)) ?? Data()
    }

    /// Reads a plan written by `json(_:)`, with a message naming what is wrong.
    public static func decodePlan(_ data: Data) throws(SeatingError) -> SeatingPlan {
        do {
            return try JSONDecoder().decode(SeatingPlan.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidInput("the plan has no \"\(key.stringValue)\" at \(path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidInput("the plan has the wrong kind of value at \(path(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidInput("the plan is not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        } catch {
            throw .invalidInput("the plan cannot be read: \(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// One row per person and round: round, table (empty when absent), id, name, role.
    public static func csv(_ plan: SeatingPlan, people: [Person]) -> String {
        var rows = [["round", "table", "id", "name", "role"]]
        for round in plan.rounds {
            var seat: [String: (Int, String?)] = [:]
            for table in round.tables { for member in table.members { seat[member.id] = (table.table, member.role) } }
            for person in people {
                let found = seat[person.id]
                rows.append([String(round.round), found.map { String($0.0) } ?? "", person.id, person.name, found?.1 ?? ""])
            }
        }
        return CSVWriter.document(rows)
    }
}
