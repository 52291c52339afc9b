import ArgumentParser
import Seating

/// Parsing of the small option languages: "A|B", "A=TABLE", "A@ROUNDS".
extension PlanCommand {
    static func pair(_ text: String, option: String, allowMore: Bool = false) throws -> [String] {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 || (allowMore && parts.count > 2), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("\(option) \"\(text)\": expected two people separated by |, as \"A|B\"")
        }
        return parts
    }

    static func pin(_ text: String) throws -> Pin {
        let parts = text.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, let table = Int(parts[1].trimmingCharacters(in: .whitespaces)), table >= 1,
            !parts[0].trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw ValidationError("--pin \"\(text)\": expected a person and a table number from 1, as \"A=3\"")
        }
        return Pin(person: parts[0].trimmingCharacters(in: .whitespaces), table: table)
    }

    /// "p07@1-2", "p07@1,3", "p07@3-" (from round 3 to the end).
    static func absence(_ text: String, rounds: Int) throws -> Absence {
        guard let at = text.lastIndex(of: "@") else {
            throw ValidationError("--absent \"\(text)\": expected a person and rounds, as \"p07@1-2\"")
        }
        let person = text[..<at].trimmingCharacters(in: .whitespaces)
        var missed = Set<Int>()
        for part in text[text.index(after: at)...].split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let first = Int(bounds[0]), last = bounds.count == 2 ? (bounds[1].isEmpty ? rounds : Int(bounds[1])) : first
            guard !person.isEmpty, bounds.count <= 2, let first, let last, first >= 1, last >= first, last <= rounds else {
                throw ValidationError("--absent \"\(text)\": rounds must be numbers or ranges within 1...\(rounds), as \"p07@1-2\" or \"p07@1,3\"")
            }
            missed.formUnion(first...last)
        }
        guard !missed.isEmpty else { throw ValidationError("--absent \"\(text)\": no rounds given") }
        return Absence(person: person, rounds: missed)
    }
}
