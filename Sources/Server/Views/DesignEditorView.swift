import CoCreateCore
import DesignFiles
import Foundation

/// The editor page's values: every field of the draft with its label, what was typed and the message that
/// belongs beside it. Field names are the form names `DesignDraft(fields:)` reads.
struct DesignEditorView {
    let draft: DesignDraft
    let issues: [DesignIssue]
    /// The first message of each form field, shown beside it.
    private let messages: [String: String]
    /// The fields the page draws, noted as they are drawn: a message for a field the page does not show is
    /// listed at the top instead of nowhere.
    private let drawn = DrawnFields()

    private final class DrawnFields {
        var names: Set<String> = []
    }

    init(draft: DesignDraft, issues: [DesignIssue]) {
        self.draft = draft
        self.issues = issues
        var messages: [String: String] = [:]
        for issue in issues where messages[DesignDraft.formField(forPath: issue.path)] == nil {
            messages[DesignDraft.formField(forPath: issue.path)] = Self.sentence(issue)
        }
        self.messages = messages
    }

    /// The message beside field `name`, or "" when there is none.
    private func message(_ name: String) -> String {
        drawn.names.insert(name)
        return messages[name] ?? ""
    }

    /// A validation message as a sentence for a person at a form: "Is required." rather than "is required".
    static func sentence(_ issue: DesignIssue) -> String {
        let text = issue.message.prefix(1).uppercased() + issue.message.dropFirst()
        let allowed = issue.allowed.map { " (\($0))" } ?? ""
        return text + allowed + "."
    }

    /// Where a message without a field of its own belongs, in words: "Phase 3" for `phases[2].learnings`.
    static func `where`(_ path: String) -> String {
        if let match = path.range(of: #"^phases\[(\d+)\]"#, options: .regularExpression),
           let index = Int(path[match].dropFirst(7).dropLast()) {
            return "Phase \(index + 1)"
        }
        if path.hasPrefix("learnings") { return "Learnings" }
        return path == "phases" ? "Agenda" : path
    }

    var values: [String: Any] {
        let starts = draft.startTimes
        var values: [String: Any] = [
            "name": field("name", "Short name (letters, digits and hyphens)", draft.name, hint: "Used for the design file, e.g. year9-belonging."),
            "title": field("title", "Title", draft.title),
            "purpose": field("purpose", "Purpose: what should it end in?", draft.purpose, rows: 2),
            "whenToUse": field("when-to-use", "When to use it", draft.whenToUse, rows: 2),
            "questions": field("questions", "Questions (one per line)", draft.questions, rows: 3),
            "groups": field("stakeholder-groups", "Groups in the room (one per line)", draft.stakeholderGroups, rows: 3,
                            hint: "Used to mix tables and to read agreement across groups, e.g. pupils, parents, staff."),
            "tableSize": field("table-size", "People per table", draft.tableSize, type: "number"),
            "startsAt": field("starts-at", "Starts at", draft.startsAt, type: "time", hint: "Only for the clock times below; not saved."),
            "totalMinutes": draft.totalMinutes,
            "phases": draft.phases.enumerated().map { index, phase in phaseValues(index, phase, starts: index < starts.count ? starts[index] : "") },
            "hasPhases": !draft.phases.isEmpty,
            "addKinds": PhaseKind.allCases.map { ["kind": $0.rawValue, "label": Self.kindName($0)] },
            "phasesError": message("phases"), "hasProblems": !issues.isEmpty,
            "learnings": draft.learnings.enumerated().map { index, learning in
                ["index": index, "phase": learning.phase.map(String.init) ?? "", "worked": learning.worked, "change": learning.change, "run": learning.run ?? ""]
            },
        ]
        if let lineage = draft.lineage {
            values["lineage"] = ["forkedFrom": lineage.forkedFrom, "run": lineage.run ?? "", "date": lineage.date ?? ""]
        }
        // Only now is it known which fields the page shows; a field's second message goes to the top too.
        var placed: Set<String> = []
        values["general"] = issues.compactMap { issue -> String? in
            let field = DesignDraft.formField(forPath: issue.path)
            if drawn.names.contains(field), placed.insert(field).inserted { return nil }
            return issue.path == "(file)" ? Self.sentence(issue) : "\(Self.where(issue.path)): \(Self.sentence(issue))"
        }
        return values
    }

    private func phaseValues(_ index: Int, _ phase: DesignDraft.PhaseDraft, starts: String) -> [String: Any] {
        let key = "phases.\(index)"
        var values: [String: Any] = [
            "index": index, "number": index + 1, "kind": phase.kind.rawValue, "kindName": Self.kindName(phase.kind),
            "origin": phase.origin.map(String.init) ?? "", "starts": starts, "first": index == 0, "last": index == draft.phases.count - 1,
            "title": field("\(key).title", "Title", phase.title),
            "minutes": field("\(key).minutes", "Minutes", phase.minutes, type: "number"),
            "notes": field("\(key).notes", "Notes for the facilitator", phase.notes, rows: 2),
            "error": message(key),
        ]
        switch phase.kind {
        case .input:
            values["speaker"] = field("\(key).speaker", "Who gives the input", phase.speaker)
        case .round:
            values["question"] = field("\(key).question", "The question the tables discuss", phase.question)
            values["structure"] = select("\(key).structure", "Structure", phase.structure, CooperativeStructure.allCases.map { ($0.rawValue, $0.displayName) })
            values["rule"] = CooperativeStructure(rawValue: phase.structure)?.turnRule ?? ""
            values["movement"] = select("\(key).movement", "Between rounds", phase.movement,
                                        [("", "(not set)")] + Movement.allCases.map { ($0.rawValue, Self.movementName($0)) })
            values["roles"] = TableRole.allCases.map { role in
                ["name": "\(key).role.\(role.rawValue)", "id": Self.id("\(key).role.\(role.rawValue)"), "label": role.displayName, "checked": phase.roles.contains(role)]
            }
            values["rolesError"] = message("\(key).roles")
        case .plenary, .actionPlanning, .closing:
            values["question"] = field("\(key).question", "What is asked (optional)", phase.question)
        case .vote:
            values["isVote"] = true
            values["method"] = select("\(key).method", "How people vote", phase.method, [("", "(choose)")] + VoteMethod.allCases.map { ($0.rawValue, Self.methodName($0)) })
            values["methodValue"] = phase.method
            values["dots"] = field("\(key).dots", "Dots for each person", phase.dots, type: "number")
            values["budget"] = field("\(key).budget", "The budget to allocate", phase.budget, type: "number")
            values["statements"] = phase.statements.enumerated().map { statementIndex, statement in
                let statementKey = "\(key).statements.\(statementIndex)"
                return ["number": statementIndex + 1,
                        "text": field("\(statementKey).text", "Statement \(statementIndex + 1)", statement.text),
                        "cost": field("\(statementKey).cost", "Cost of proposal \(statementIndex + 1)", statement.cost, type: "number")]
            }
            let statements = message("\(key).statements"), costs = message("\(key).costs")
            values["statementsError"] = statements.isEmpty ? costs : statements
        }
        values["isRound"] = phase.kind == .round
        values["isInput"] = phase.kind == .input
        values["asksQuestion"] = values["question"] != nil
        return values
    }

    private func field(_ name: String, _ label: String, _ value: String, type: String = "text", rows: Int = 0, hint: String = "") -> [String: Any] {
        ["name": name, "id": Self.id(name), "label": label, "value": value, "type": type, "isTextarea": rows > 0, "rows": rows,
         "isInput": rows == 0, "hint": hint, "error": message(name)]
    }

    private func select(_ name: String, _ label: String, _ value: String, _ options: [(String, String)]) -> [String: Any] {
        ["name": name, "id": Self.id(name), "label": label, "isSelect": true, "error": message(name),
         "options": options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == value] }]
    }

    static func id(_ name: String) -> String { "f-" + name.replacingOccurrences(of: ".", with: "-") }

    static func kindName(_ kind: PhaseKind) -> String {
        switch kind {
        case .input: "Input"
        case .round: "Table round"
        case .plenary: "Plenary"
        case .vote: "Vote"
        case .actionPlanning: "Action planning"
        case .closing: "Closing"
        }
    }

    static func movementName(_ movement: Movement) -> String {
        switch movement {
        case .allMove: "Everyone moves to a new table"
        case .hostsStay: "Hosts stay, the others move"
        case .stay: "Nobody moves"
        }
    }

    static func methodName(_ method: VoteMethod) -> String {
        switch method {
        case .agreeDisagree: "Agree, disagree or pass"
        case .dots: "Dots spread over statements"
        case .budget: "A budget over proposals with costs"
        }
    }
}
