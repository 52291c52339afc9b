import CoCreateCore
import EventStore
import Foundation

/// "Who did what": each event of a conversation's log with when, what in words, and who.
public struct AuditEntry: Sendable, Equatable {
    public enum Who: Sendable, Equatable {
        /// A signed-in account: the owner or a co-facilitator, by username.
        case account(String)
        /// A participant's phone, by name.
        case participant(String)
        /// A commitment owner's follow-up link, by the commitment's text.
        case followUpLink(String)
        /// Written before the log kept who acted, or by the command line.
        case unrecorded
    }

    public var sequence: Int64
    public var at: Int64
    public var type: String
    public var what: String
    public var who: Who
}

public enum ConversationAudit {
    /// The entries of `recorded` (one conversation's log, in order); names come from `state`, the log's fold.
    public static func entries(_ recorded: [RecordedEvent], state: ConversationState) throws -> [AuditEntry] {
        try recorded.map { event in
            let envelope = try ConversationLog.envelope(from: event)
            let actor = EventActor.of(event.payload) ?? implied(by: envelope.event)
            var what = describe(envelope.event, in: state)
            // A phone that joins marks its own person as arrived: "Marked Ada as arrived" by Ada reads oddly.
            if case .participantArrived(let ref) = envelope.event, actor == .participant(ref.participantID) { what = "Arrived, joining with the code" }
            return AuditEntry(sequence: event.sequence, at: event.recordedAt, type: event.type, what: what, who: who(actor, in: state))
        }
    }

    static func who(_ actor: Actor?, in state: ConversationState) -> AuditEntry.Who {
        switch actor {
        case .facilitator(let name): .account(name)
        case .participant(let id): .participant(state.participant(id)?.name ?? id)
        case .followUpLink(let commitment): .followUpLink(state.commitment(commitment)?.text ?? commitment)
        case nil: .unrecorded
        }
    }

    /// Who an event written before `_by` names itself, where it does.
    static func implied(by event: ConversationEvent) -> Actor? {
        switch event {
        case .conversationCreated(let created): .facilitator(created.facilitator)
        case .accessGranted(let granted): .facilitator(granted.by)
        case .accessRevoked(let revoked): .facilitator(revoked.by)
        case .voteCast(let vote): .participant(vote.participantID)
        case .dotsPlaced(let dots): .participant(dots.participantID)
        case .budgetAllocated(let budget): .participant(budget.participantID)
        default: nil
        }
    }

    static func describe(_ event: ConversationEvent, in state: ConversationState) -> String {
        func person(_ id: String) -> String { state.participant(id)?.name ?? id }
        func phase(_ index: Int) -> String {
            let title = state.design?.phases.indices.contains(index) == true ? state.design!.phases[index].title : "phase \(index + 1)"
            return "“\(title)”"
        }
        func quoted(_ text: String) -> String { "“" + (text.count > 80 ? String(text.prefix(79)) + "…" : text) + "”" }
        func statement(_ id: String) -> String { state.statement(id).map { quoted($0.text) } ?? id }
        func contribution(_ id: String) -> String { state.contribution(id).map { quoted($0.text) } ?? id }
        func commitment(_ id: String) -> String { state.commitment(id).map { quoted($0.text) } ?? id }
        switch event {
        case .conversationCreated(let created): return "Created the conversation from the design “\(created.design.title)”"
        case .participantRegistered(let registered): return registered.walkIn ? "Joined as a walk-in: \(registered.name)" : "Added \(registered.name) to the people"
        case .participantArrived(let ref): return "Marked \(person(ref.participantID)) as arrived"
        case .participantLeft(let ref): return "Marked \(person(ref.participantID)) as absent"
        case .seatingPublished(let seating): return "Published the seating from round \(seating.fromRound)"
        case .phaseStarted(let started): return "Started \(phase(started.phaseIndex))"
        case .phasePaused(let ref): return "Paused \(phase(ref.phaseIndex))"
        case .phaseResumed(let ref): return "Resumed \(phase(ref.phaseIndex))"
        case .phaseExtended(let extended): return "Added \(extended.seconds / 60 > 0 ? "\(extended.seconds / 60) min" : "\(extended.seconds) s") to \(phase(extended.phaseIndex))"
        case .phaseEnded(let ended): return ended.skipped ? "Skipped \(phase(ended.phaseIndex))" : "Ended \(phase(ended.phaseIndex))"
        case .contributionAdded(let added): return "Contributed \(quoted(added.text))"
        case .contributionEdited(let edited): return "Reworded a contribution to \(quoted(edited.text))"
        case .contributionHidden(let hidden): return "Hid the contribution \(contribution(hidden.contributionID))"
        case .contributionShown(let shown): return "Showed the contribution \(contribution(shown.contributionID)) again"
        case .statementAdded(let added): return "Added the statement \(quoted(added.text))"
        case .statementWithdrawn(let withdrawn): return "Withdrew the statement \(statement(withdrawn.statementID))"
        case .voteCast(let vote): return "Voted \(vote.vote.rawValue) on \(statement(vote.statementID))"
        case .dotsPlaced(let dots): return "Placed \(dots.dots.values.reduce(0, +)) dots"
        case .budgetAllocated(let budget): return "Chose \(budget.statementIDs.count) proposals to fund"
        case .turnTaken(let turn): return "Recorded a \(turn.seconds) s turn by \(person(turn.participantID)) at table \(turn.table)"
        case .themeNamed(let theme): return "Named the theme “\(theme.label)” (\(theme.contributionIDs.count) items)"
        case .commitmentMade(let made): return "Made the commitment \(quoted(made.text))"
        case .commitmentUpdated(let updated): return "Set \(commitment(updated.commitmentID)) to \(updated.status.displayName)"
        case .learningRecorded: return "Recorded a learning"
        case .resultsVisibilitySet(let set): return set.visibility == .public ? "Made the results page public" : "Showed the results only to those who took part"
        case .tableLocked(let lock): return "\(lock.locked ? "Locked" : "Unlocked") table \(lock.table) of round \(lock.round)"
        case .accessGranted(let granted): return "Gave \(granted.username) the role \(granted.role.displayName)"
        case .accessRevoked(let revoked): return "Removed \(revoked.username) from the team"
        case .conversationReopened: return "Reopened the conversation"
        case .conversationClosed: return "Closed the conversation"
        case .paperTallyRecorded(let tally): return "Recorded a paper count on \(statement(tally.statementID))"
        case .conversationNamed(let named): return "Named the conversation “\(named.name)”"
        case .nameClaimed(let ref): return "Joined on a phone as \(person(ref.participantID))"
        case .nameReleased(let ref): return "Released the name \(person(ref.participantID))"
        case .statementTranslated(let translated):
            return translated.text.isEmpty
                ? "Removed the \(translated.language) wording of the statement \(statement(translated.statementID))"
                : "Worded the statement \(statement(translated.statementID)) in \(translated.language): \(quoted(translated.text))"
        case .questionTranslated(let translated):
            let which = translated.phaseIndex.map { "the question of \(phase($0))" } ?? "the conversation's question"
            return translated.text.isEmpty ? "Removed the \(translated.language) wording of \(which)" : "Worded \(which) in \(translated.language): \(quoted(translated.text))"
        case .capacitySet(let capacity): return "Set the room's size to \(capacity.maximumParticipants)"
        }
    }
}
