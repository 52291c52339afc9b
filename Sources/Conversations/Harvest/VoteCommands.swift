import CoCreateCore
import Foundation

/// A statement for the room to vote on: typed by the facilitator, or made from a contribution.
public struct AddStatement: ConversationCommand {
    public var text: String?
    public var fromContribution: String?
    /// What the item costs, for a budget vote.
    public var cost: FormNumber?

    public init(text: String?, fromContribution: String? = nil, cost: Int? = nil) {
        self.text = text
        self.fromContribution = fromContribution
        self.cost = FormNumber(cost)
    }

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.current(conversation)
        let source = fromContribution.flatMap { state.contribution($0) }
        let given = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let statementID = "s\(state.statements.count + 1)-" + space.effects.newID().uuidString.prefix(4).lowercased()
        return try await space.append([.statementAdded(StatementAdded(
            statementID: statementID, text: given.isEmpty ? source?.text ?? "" : given, fromContribution: source?.id, cost: cost?.value))],
            to: conversation, ids: nil, by: actor)
    }
}

/// Rewords a statement before anyone has voted on it.
public struct EditStatement: ConversationCommand {
    public var statementID: String
    public var text: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        guard let statement = try await space.current(conversation).statement(statementID) else {
            throw RuleViolation(field: "statementID", message: "\(statementID) is not a statement of this conversation")
        }
        return try await space.append([.statementAdded(StatementAdded(
            statementID: statementID, text: text.trimmingCharacters(in: .whitespacesAndNewlines), fromContribution: statement.fromContribution, cost: statement.cost))],
            to: conversation, ids: nil, by: actor)
    }
}

/// Gives a statement its wording in another language (empty text removes it). Allowed after votes
/// too: a translation changes who can read the statement, not what it says.
public struct TranslateStatement: ConversationCommand {
    public var statementID: String
    public var language: String
    public var text: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.statementTranslated(StatementTranslated(
            statementID: statementID, language: language.trimmingCharacters(in: .whitespaces),
            text: text.trimmingCharacters(in: .whitespacesAndNewlines)))],
            to: conversation, ids: nil, by: actor)
    }
}

/// Gives the conversation's question, or a phase's own question, its wording in another language.
public struct TranslateQuestion: ConversationCommand {
    /// Empty or absent for the conversation's question.
    public var phaseIndex: FormNumber?
    public var language: String
    public var text: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.questionTranslated(QuestionTranslated(
            phaseIndex: phaseIndex?.value, language: language.trimmingCharacters(in: .whitespaces),
            text: text.trimmingCharacters(in: .whitespacesAndNewlines)))],
            to: conversation, ids: nil, by: actor)
    }
}

/// Takes a statement off the ballot before anyone has voted on it.
public struct WithdrawStatement: ConversationCommand {
    public var statementID: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.statementWithdrawn(StatementWithdrawn(statementID: statementID))], to: conversation, ids: nil, by: actor)
    }
}

/// A participant's vote on a statement: agree, disagree or pass. A new vote replaces their earlier one.
public struct CastVote: ConversationCommand {
    public var statementID: String
    public var vote: String
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let participant = try requireParticipant(actor)
        guard let value = Vote(rawValue: vote) else {
            throw RuleViolation(field: "vote", message: "\"\(vote)\" is not a vote; use agree, disagree or pass")
        }
        return try await space.append([.voteCast(VoteCast(participantID: participant, statementID: statementID, vote: value))],
                                      to: conversation, ids: id.ids(), by: actor)
    }
}

/// A participant spreads their dots over the statements (several on one if they like); a new
/// placement replaces their earlier one.
public struct PlaceDots: ConversationCommand {
    /// Dots by statement id (a form sends `dots[s1-ab12]=2`).
    public var dots: [String: FormNumber]
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let participant = try requireParticipant(actor)
        var placed: [String: Int] = [:]
        for (statement, count) in dots {
            guard let count = count.value, count != 0 else { continue }
            placed[statement] = count
        }
        return try await space.append([.dotsPlaced(DotsPlaced(participantID: participant, dots: placed))], to: conversation, ids: id.ids(), by: actor)
    }
}

/// A participant chooses the proposals they would fund, within the budget; a new choice replaces the earlier one.
public struct AllocateBudget: ConversationCommand {
    public var statementIDs: [String]?
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let participant = try requireParticipant(actor)
        let chosen = (statementIDs ?? []).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return try await space.append([.budgetAllocated(BudgetAllocated(participantID: participant, statementIDs: chosen))], to: conversation, ids: id.ids(), by: actor)
    }
}
