import CoCreateCore
import Foundation
import Memberwise

/// A design as the browser editor holds it: every field as typed. A half-made design ("ab" in the minutes, a
/// vote with no method yet) must survive a round trip through the page, so nothing here is parsed until
/// `design()` turns the draft into a `ConversationDesign` and says what is wrong, field by field.
///
/// The editor's form names fields by the path validation uses, with dots for brackets: `phases.2.minutes` is
/// `phases[2].minutes`. That keeps one spelling of a field from the form to the message next to it.
public struct DesignDraft: Sendable, Equatable {
    public var name = ""
    public var title = ""
    public var purpose = ""
    public var whenToUse = ""
    /// One question per line.
    public var questions = ""
    /// One group per line (or separated by commas).
    public var stakeholderGroups = ""
    public var tableSize = "4"
    /// When the conversation starts, `HH:MM`, so each phase can show its clock time. Not part of the design.
    public var startsAt = "09:00"
    public var phases: [PhaseDraft] = []
    public var lineage: Lineage?
    public var learnings: [Learning] = []

    public struct PhaseDraft: Sendable, Equatable {
        public var kind: PhaseKind
        public var title = ""
        public var minutes = ""
        public var speaker = ""
        public var question = ""
        public var structure = ""
        public var movement = ""
        public var roles: [TableRole] = []
        public var method = ""
        public var dots = ""
        public var budget = ""
        public var statements: [StatementDraft] = []
        public var notes = ""
        /// The phase's position when the draft was opened, so learnings about it follow it when phases move.
        public var origin: Int?

        public init(kind: PhaseKind) {
            self.kind = kind
        }
    }

    @PublicMemberwiseInit
    public struct StatementDraft: Sendable, Equatable {
        public var text: String = ""
        public var cost: String = ""

        var isBlank: Bool { text.trimmed.isEmpty && cost.trimmed.isEmpty }
    }

    public init() {}

    /// A draft of an existing design, to edit it or a copy of it.
    public init(_ design: ConversationDesign) {
        name = design.name
        title = design.title
        purpose = design.purpose
        whenToUse = design.whenToUse
        questions = design.questions.joined(separator: "\n")
        stakeholderGroups = design.stakeholderGroups.joined(separator: "\n")
        tableSize = String(design.tableSize)
        lineage = design.lineage
        learnings = design.learnings
        phases = design.phases.enumerated().map { index, phase in
            var draft = PhaseDraft(kind: phase.kind)
            draft.title = phase.title
            draft.minutes = String(phase.minutes)
            draft.speaker = phase.speaker ?? ""
            draft.question = phase.question ?? ""
            draft.structure = phase.structure?.rawValue ?? ""
            draft.movement = phase.movement?.rawValue ?? ""
            draft.roles = phase.roles
            draft.method = phase.voteMethod?.rawValue ?? ""
            draft.dots = phase.dots.map(String.init) ?? ""
            draft.budget = phase.budget.map(String.init) ?? ""
            draft.statements = phase.statements.enumerated().map { statementIndex, text in
                StatementDraft(text: text, cost: phase.costs.flatMap { statementIndex < $0.count ? String($0[statementIndex]) : nil } ?? "")
            }
            draft.notes = phase.notes ?? ""
            draft.origin = index
            return draft
        }
    }

    /// A new phase of `kind`, with what a facilitator would choose most often already filled in.
    public static func newPhase(_ kind: PhaseKind) -> PhaseDraft {
        var phase = PhaseDraft(kind: kind)
        switch kind {
        case .input: phase.title = "Input"; phase.minutes = "10"
        case .round:
            phase.title = "Round"; phase.minutes = "20"; phase.structure = CooperativeStructure.roundRobin.rawValue
            phase.movement = Movement.allMove.rawValue; phase.roles = [.host, .scribe, .timekeeper, .reporter]
        case .plenary: phase.title = "Reporters' circle"; phase.minutes = "15"
        case .vote: phase.title = "Vote"; phase.minutes = "10"; phase.method = VoteMethod.agreeDisagree.rawValue
        case .actionPlanning: phase.title = "Who does what by when"; phase.minutes = "20"
        case .closing: phase.title = "Closing circle"; phase.minutes = "5"
        }
        return phase
    }

    // MARK: Editing

    /// What a button in the editor asks for, besides saving.
    public enum Change: Sendable, Equatable {
        case add(PhaseKind)
        case remove(Int)
        case moveUp(Int)
        case moveDown(Int)
        case addStatements(Int)

        /// Reads a button's value: `add-round`, `remove-2`, `up-2`, `down-2`, `statements-2`.
        public init?(button: String) {
            let parts = button.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            if parts[0] == "add" {
                guard let kind = PhaseKind(rawValue: parts[1]) else { return nil }
                self = .add(kind)
                return
            }
            guard let index = Int(parts[1]) else { return nil }
            switch parts[0] {
            case "remove": self = .remove(index)
            case "up": self = .moveUp(index)
            case "down": self = .moveDown(index)
            case "statements": self = .addStatements(index)
            default: return nil
            }
        }
    }

    /// Applies `change`; a change to a phase that is not there does nothing. Returns the phase to show next.
    @discardableResult
    public mutating func apply(_ change: Change) -> Int? {
        switch change {
        case .add(let kind):
            var phase = Self.newPhase(kind)
            if kind == .vote { phase.statements = [StatementDraft(), StatementDraft(), StatementDraft()] }
            phases.append(phase)
            return phases.count - 1
        case .remove(let index):
            guard phases.indices.contains(index) else { return nil }
            phases.remove(at: index)
            return phases.isEmpty ? nil : min(index, phases.count - 1)
        case .moveUp(let index):
            guard index > 0, phases.indices.contains(index) else { return nil }
            phases.swapAt(index, index - 1)
            return index - 1
        case .moveDown(let index):
            guard phases.indices.contains(index), index + 1 < phases.count else { return nil }
            phases.swapAt(index, index + 1)
            return index + 1
        case .addStatements(let index):
            guard phases.indices.contains(index) else { return nil }
            phases[index].statements += [StatementDraft(), StatementDraft(), StatementDraft()]
            return index
        }
    }

    // MARK: Reading

    /// The design the draft describes, and every problem with it, under validation's field paths. The design is
    /// usable only when there are no problems.
    public func design() -> (design: ConversationDesign, issues: [DesignIssue]) {
        var issues: [DesignIssue] = []
        func number(_ text: String, _ path: String, required: Bool = true) -> Int? {
            let trimmed = text.trimmed
            if trimmed.isEmpty {
                if required { issues.append(DesignIssue(path: path, message: "is required")) }
                return nil
            }
            guard let value = Int(trimmed) else {
                issues.append(DesignIssue(path: path, message: "\"\(trimmed)\" is not a whole number"))
                return nil
            }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ text: String, _: T.Type) -> T? where T.RawValue == String {
            text.isEmpty ? nil : T(rawValue: text)
        }
        func optional(_ text: String) -> String? { text.trimmed.isEmpty ? nil : text.trimmed }

        let phases = self.phases.enumerated().map { index, draft -> Phase in
            let path = "phases[\(index)]"
            let method = draft.kind == .vote ? choice(draft.method, VoteMethod.self) : nil
            let statements = draft.kind == .vote ? draft.statements.filter { !$0.isBlank } : []
            var costs: [Int]?
            if method == .budget, statements.contains(where: { !$0.cost.trimmed.isEmpty }) {
                costs = statements.enumerated().map { statementIndex, statement in
                    let costPath = "\(path).statements[\(statementIndex)].cost"
                    if statement.cost.trimmed.isEmpty {
                        issues.append(DesignIssue(path: costPath, message: "is required: the other proposals have a cost"))
                        return 0
                    }
                    return number(statement.cost, costPath) ?? 0
                }
            }
            return Phase(
                kind: draft.kind, title: draft.title.trimmed, minutes: number(draft.minutes, "\(path).minutes") ?? 0,
                speaker: draft.kind == .input ? optional(draft.speaker) : nil,
                question: [.round, .plenary, .actionPlanning, .closing].contains(draft.kind) ? optional(draft.question) : nil,
                structure: draft.kind == .round ? choice(draft.structure, CooperativeStructure.self) : nil,
                movement: draft.kind == .round ? choice(draft.movement, Movement.self) : nil,
                roles: draft.kind == .round ? TableRole.allCases.filter(draft.roles.contains) : [],
                voteMethod: method,
                dots: method == .dots ? number(draft.dots, "\(path).dots") : nil,
                budget: method == .budget ? number(draft.budget, "\(path).budget") : nil,
                statements: statements.map { $0.text.trimmed }, costs: costs,
                notes: optional(draft.notes))
        }
        // Learnings name the phase they were about by its place when the draft was opened; phases may have moved.
        let learnings = self.learnings.map { learning -> Learning in
            var moved = learning
            moved.phase = learning.phase.flatMap { old in self.phases.firstIndex { $0.origin == old } }
            return moved
        }
        let design = ConversationDesign(
            name: name.trimmed, title: title.trimmed, purpose: purpose.trimmed, whenToUse: whenToUse.trimmed,
            questions: Self.lines(questions), stakeholderGroups: Self.lines(stakeholderGroups, commas: true),
            tableSize: number(tableSize, "table-size") ?? 0, phases: phases, lineage: lineage, learnings: learnings)
        let parsed = Set(issues.map(\.path))
        // A number that could not be read is reported once, as typed, not again as "0 is out of range".
        // Nor is a total over minutes that could not be read ("add up to 0 minutes") worth saying.
        let unreadMinutes = parsed.contains { $0.hasSuffix(".minutes") }
        issues += design.validate().filter { !parsed.contains($0.path) && !(unreadMinutes && $0.path == "phases" && $0.message.hasPrefix("add up to")) }
        return (design, issues)
    }

    /// The clock time each phase starts at, from `startsAt` and the minutes before it; empty when the start
    /// time cannot be read. Minutes not yet readable count as none.
    public var startTimes: [String] {
        let parts = startsAt.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else { return [] }
        var minute = parts[0] * 60 + parts[1]
        return phases.map { phase in
            defer { minute += max(0, Int(phase.minutes.trimmed) ?? 0) }
            return String(format: "%02d:%02d", (minute / 60) % 24, minute % 60)
        }
    }

    /// All the minutes that can be read, for the running total.
    public var totalMinutes: Int { phases.reduce(0) { $0 + max(0, Int($1.minutes.trimmed) ?? 0) } }

    static func lines(_ text: String, commas: Bool = false) -> [String] {
        text.split(whereSeparator: { $0.isNewline || (commas && $0 == ",") }).map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// The form field a validation path belongs to: `phases[2].statements[1]` is the text box `phases.2.statements.1.text`.
    public static func formField(forPath path: String) -> String {
        var name = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
        if name.range(of: #"statements\.\d+$"#, options: .regularExpression) != nil { name += ".text" }
        return name
    }
}

private extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
