import CoCreateCore
import Foundation

/// The editor's form, field by field. The page decodes its body into a dictionary (Hummingbird's form decoder);
/// this gives the dictionary its meaning, and gives the page the names to render.
extension DesignDraft {
    /// A draft from the editor's fields, keyed by form name (`title`, `phases.0.minutes`, `phases.0.role.host`).
    /// Phases come in the order of their numbers; a phase without a known kind is not a phase.
    public init(fields: [String: String]) {
        self.init()
        name = fields["name"] ?? ""
        title = fields["title"] ?? ""
        purpose = fields["purpose"] ?? ""
        whenToUse = fields["when-to-use"] ?? ""
        questions = fields["questions"] ?? ""
        stakeholderGroups = fields["stakeholder-groups"] ?? ""
        tableSize = fields["table-size"] ?? ""
        startsAt = fields["starts-at"] ?? "09:00"
        if let forkedFrom = fields["lineage.forked-from"], !forkedFrom.isEmpty {
            lineage = Lineage(forkedFrom: forkedFrom, run: Self.nonEmpty(fields["lineage.run"]), date: Self.nonEmpty(fields["lineage.date"]))
        }
        learnings = Self.numbered(fields, "learnings").map { index in
            let key = "learnings.\(index)"
            return Learning(phase: fields["\(key).phase"].flatMap { Int($0) }, worked: fields["\(key).worked"] ?? "",
                            change: fields["\(key).change"] ?? "", run: Self.nonEmpty(fields["\(key).run"]))
        }
        phases = Self.numbered(fields, "phases").compactMap { index in
            let key = "phases.\(index)"
            guard let kind = fields["\(key).kind"].flatMap(PhaseKind.init(rawValue:)) else { return nil }
            var phase = PhaseDraft(kind: kind)
            phase.title = fields["\(key).title"] ?? ""
            phase.minutes = fields["\(key).minutes"] ?? ""
            phase.speaker = fields["\(key).speaker"] ?? ""
            phase.question = fields["\(key).question"] ?? ""
            phase.structure = fields["\(key).structure"] ?? ""
            phase.movement = fields["\(key).movement"] ?? ""
            phase.roles = TableRole.allCases.filter { fields["\(key).role.\($0.rawValue)"] != nil }
            phase.method = fields["\(key).method"] ?? ""
            phase.dots = fields["\(key).dots"] ?? ""
            phase.budget = fields["\(key).budget"] ?? ""
            phase.notes = fields["\(key).notes"] ?? ""
            phase.origin = fields["\(key).origin"].flatMap { Int($0) }
            phase.statements = Self.numbered(fields, "\(key).statements").map { statement in
                StatementDraft(text: fields["\(key).statements.\(statement).text"] ?? "", cost: fields["\(key).statements.\(statement).cost"] ?? "")
            }
            return phase
        }
    }

    /// The numbers used under `prefix` (`phases.3.title` gives 3), in order.
    static func numbered(_ fields: [String: String], _ prefix: String) -> [Int] {
        let start = prefix + "."
        let numbers = fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix(start) else { return nil }
            return key.dropFirst(start.count).split(separator: ".").first.flatMap { Int($0) }
        }
        return Set(numbers).sorted()
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}
