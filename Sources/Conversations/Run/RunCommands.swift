import CoCreateCore
import Foundation
import Memberwise

/// The agenda buttons: start (the next phase or a given one), pause, resume, extend, end, skip, close.
public struct RunAgenda: ConversationCommand {
    public var action: String
    public var phaseIndex: FormNumber?
    public var seconds: FormNumber?
    public var id: WriteID?

    public init(action: String, phaseIndex: Int? = nil, seconds: Int? = nil, id: UUID? = nil) {
        self.action = action
        self.phaseIndex = FormNumber(phaseIndex)
        self.seconds = FormNumber(seconds)
        self.id = WriteID(id)
    }

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.latest(conversation)
        guard let design = state.design else { throw ConversationNotFound(conversation) }
        let current = state.agenda.currentIndex
        func require(_ current: Int?) throws -> Int {
            guard let current else { throw RuleViolation(field: "action", message: "no phase is under way") }
            return current
        }
        let next = phaseIndex?.value ?? state.agenda.nextIndex(phaseCount: design.phases.count)
        let event: ConversationEvent
        switch action {
        case "start", "next":
            guard let index = next else {
                throw RuleViolation(field: "action", message: "every phase has run; close the conversation instead")
            }
            guard design.phases.indices.contains(index) else { throw RuleViolation(field: "phaseIndex", message: "must be 1 to \(design.phases.count)") }
            event = .phaseStarted(PhaseStarted(phaseIndex: index, seconds: design.phases[index].minutes * 60))
        case "pause":
            event = .phasePaused(PhaseRef(phaseIndex: try require(current)))
        case "resume":
            event = .phaseResumed(PhaseRef(phaseIndex: try require(current)))
        case "extend":
            event = .phaseExtended(PhaseExtended(phaseIndex: try require(current), seconds: seconds?.value ?? 120))
        case "end":
            event = .phaseEnded(PhaseEnded(phaseIndex: try require(current)))
        case "skip":
            guard let index = next else { throw RuleViolation(field: "action", message: "there is no phase to skip") }
            event = .phaseEnded(PhaseEnded(phaseIndex: index, skipped: true))
        case "back":
            // Back a phase: the one before the phase under way, or the last one that ended; it starts again.
            guard let index = current.map({ $0 - 1 }) ?? state.agenda.lastEndedIndex, design.phases.indices.contains(index) else {
                throw RuleViolation(field: "action", message: "there is no earlier phase to go back to")
            }
            event = .phaseStarted(PhaseStarted(phaseIndex: index, seconds: design.phases[index].minutes * 60))
        case "close":
            event = .conversationClosed(ConversationClosed())
        case "reopen":
            event = .conversationReopened(ConversationReopened())
        default:
            throw RuleViolation(field: "action", message: "\"\(action)\" is not an agenda action; use start, pause, resume, extend, end, skip, back, close or reopen")
        }
        return try await space.append([event], to: conversation, ids: id.ids(), by: actor)
    }
}

/// Something said at a table: by a participant from their phone (at their own table), or typed in
/// for a table by the facilitator from a scribe's paper sheet.
public struct Contribute: ConversationCommand {
    public var text: String
    public var kind: String?
    /// The table, when the facilitator types in a sheet; a phone's is its seat.
    public var table: FormNumber?
    public var id: WriteID?

    public init(text: String, kind: String? = nil, table: Int? = nil, id: UUID? = nil) {
        self.text = text
        self.kind = kind
        self.table = FormNumber(table)
        self.id = WriteID(id)
    }

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.current(conversation)
        let author = actor.participantID
        let round = state.roundToSeat
        let table = (actor.username != nil ? table?.value : nil) ?? author.flatMap { author in round.flatMap { state.seat(of: author, inRound: $0)?.table } }
        let contributionID = "k" + (id?.value ?? space.effects.newID()).uuidString.prefix(8).lowercased()
        let event = ConversationEvent.contributionAdded(ContributionAdded(
            contributionID: contributionID, authorID: author, enteredBy: actor.username, round: round, table: table,
            kind: ContributionKind(rawValue: kind ?? "idea") ?? .idea, text: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        return try await space.append([event], to: conversation, ids: id.ids(), by: actor)
    }
}

/// Hides a contribution from the screens (it stays in the log).
@PublicMemberwiseInit
public struct HideContribution: ConversationCommand {
    public var contributionID: String
    public var reason: String?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.contributionHidden(ContributionHidden(
            contributionID: contributionID, reason: reason ?? "hidden by the facilitator"))], to: conversation, ids: nil, by: actor)
    }
}

/// Shows a hidden contribution again.
@PublicMemberwiseInit
public struct ShowContribution: ConversationCommand {
    public var contributionID: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.contributionShown(ContributionShown(contributionID: contributionID))], to: conversation, ids: nil, by: actor)
    }
}

/// A timed turn recorded by a table's timekeeper: the speaker must sit at the timekeeper's table.
public struct RecordTurn: ConversationCommand {
    public var participantID: String
    public var seconds: FormNumber?
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let keeper = try requireParticipant(actor)
        let state = try await space.latest(conversation)
        guard let round = state.roundToSeat, let keeperSeat = state.seat(of: keeper, inRound: round),
              let speakerSeat = state.seat(of: participantID, inRound: round), keeperSeat.table == speakerSeat.table
        else { throw RuleViolation(field: "participantID", message: "turns can be recorded only for people at your own table this round") }
        return try await space.append([.turnTaken(TurnTaken(round: round, table: keeperSeat.table, participantID: participantID, seconds: seconds?.value ?? 0))],
                                      to: conversation, ids: id.ids(), by: actor)
    }
}
