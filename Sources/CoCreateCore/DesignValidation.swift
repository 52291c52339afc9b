import Foundation
import Memberwise

/// A problem found in a design, located by a field path such as `phases[2].minutes`.
///
/// Paths use the file's own spelling (kebab-case keys), so a file reader can map them back to
/// a line and column.
@PublicMemberwiseInit
public struct DesignIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// What would be accepted instead, when that can be said briefly.
    public var allowed: String?

    public var description: String {
        allowed.map { "\(path): \(message) (allowed: \($0))" } ?? "\(path): \(message)"
    }
}

extension ConversationDesign {
    /// The bounds a design must respect; chosen so a real room can run it.
    public enum Limits {
        public static let tableSize = 2...12
        public static let phaseMinutes = 1...480
        public static let totalMinutes = 1...(3 * 24 * 60)
        public static let dots = 1...20
        public static let budget = 1...1_000_000_000
        public static let phaseCount = 1...60
        public static let textLength = 4_000
    }

    /// A design's short name, also its file's name: letters, digits and hyphens, e.g. `world-cafe`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    /// Every rule a design breaks; empty when it can be run.
    public func validate() -> [DesignIssue] {
        var issues: [DesignIssue] = []
        func require(_ condition: Bool, _ path: String, _ message: String, allowed: String? = nil) {
            if !condition { issues.append(DesignIssue(path: path, message: message, allowed: allowed)) }
        }
        require(Self.isValidName(name),
                "name", "must be a short name of letters, digits and hyphens", allowed: "e.g. world-cafe")
        require(!title.trimmed.isEmpty, "title", "must not be empty")
        require(!purpose.trimmed.isEmpty, "purpose", "must say what the conversation should end in")
        require(!questions.isEmpty && questions.allSatisfy { !$0.trimmed.isEmpty },
                "questions", "needs at least one non-empty question")
        require(Limits.tableSize.contains(tableSize), "table-size", "is \(tableSize), out of range",
                allowed: "\(Limits.tableSize.lowerBound) to \(Limits.tableSize.upperBound)")
        require(Set(stakeholderGroups).count == stakeholderGroups.count, "stakeholder-groups", "lists a group twice")
        require(Limits.phaseCount.contains(phases.count), "phases", "needs between 1 and 60 phases")
        for (index, phase) in phases.enumerated() {
            issues += phase.validate(at: "phases[\(index)]")
        }
        if !phases.isEmpty {
            require(Limits.totalMinutes.contains(totalMinutes), "phases", "add up to \(totalMinutes) minutes",
                    allowed: "at most three days")
        }
        for (index, learning) in learnings.enumerated() {
            if let phase = learning.phase {
                require(phases.indices.contains(phase), "learnings[\(index)].phase",
                        "refers to phase \(phase), which does not exist", allowed: "0 to \(phases.count - 1)")
            }
        }
        return issues
    }
}

extension Phase {
    func validate(at path: String) -> [DesignIssue] {
        var issues: [DesignIssue] = []
        func require(_ condition: Bool, _ field: String, _ message: String, allowed: String? = nil) {
            if !condition { issues.append(DesignIssue(path: "\(path).\(field)", message: message, allowed: allowed)) }
        }
        func forbid(_ value: Any?, _ field: String) {
            require(value == nil, field, "does not apply to a phase of kind \(kind.rawValue)")
        }
        let limits = ConversationDesign.Limits.self
        require(!title.trimmed.isEmpty, "title", "must not be empty")
        require(limits.phaseMinutes.contains(minutes), "minutes", "is \(minutes), out of range",
                allowed: "\(limits.phaseMinutes.lowerBound) to \(limits.phaseMinutes.upperBound)")
        switch kind {
        case .input:
            require(!(speaker ?? "").trimmed.isEmpty, "speaker", "is required for an input phase")
        case .round:
            require(!(question ?? "").trimmed.isEmpty, "question", "is required for a round")
            require(structure != nil, "structure", "is required for a round",
                    allowed: CooperativeStructure.allCases.map(\.rawValue).joined(separator: ", "))
            require(Set(roles).count == roles.count, "roles", "lists a role twice")
        case .vote:
            require(voteMethod != nil, "method", "is required for a vote",
                    allowed: VoteMethod.allCases.map(\.rawValue).joined(separator: ", "))
            if voteMethod == .dots {
                require(dots.map(limits.dots.contains) ?? false, "dots", "must give each person 1 to 20 dots")
            } else {
                forbid(dots, "dots")
            }
            if voteMethod == .budget {
                require(budget.map(limits.budget.contains) ?? false, "budget", "must be a positive whole amount")
            } else {
                forbid(budget, "budget")
            }
        case .plenary, .actionPlanning, .closing:
            break
        }
        if kind != .round {
            forbid(structure, "structure")
            forbid(movement, "movement")
            require(roles.isEmpty, "roles", "apply only to rounds")
        }
        if kind != .vote {
            forbid(voteMethod, "method")
            require(statements.isEmpty, "statements", "apply only to vote phases")
        }
        for (index, statement) in statements.enumerated() {
            require(!statement.trimmed.isEmpty && statement.count <= limits.textLength,
                    "statements[\(index)]", "must be between 1 and \(limits.textLength) characters")
        }
        if let costs {
            require(voteMethod == .budget, "costs", "apply only to budget votes")
            require(costs.count == statements.count, "costs", "give \(costs.count) costs for \(statements.count) proposals; give each proposal its cost")
            for (index, cost) in costs.enumerated() where index < statements.count {
                require(cost >= 0 && cost <= (budget ?? limits.budget.upperBound), "statements[\(index)].cost",
                        "is \(cost); a proposal costs from 0 to the budget", allowed: "0 to \(budget ?? limits.budget.upperBound)")
            }
        }
        return issues
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
