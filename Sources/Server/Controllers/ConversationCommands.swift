import CoCreateCore
import Conversations
import DesignFiles
import Foundation

/// The actions a facilitator or participant can take, shared by the HTML forms and the JSON
/// API so both behave identically. Each turns a request into events and appends them.
struct ConversationCommands: Sendable {
    let services: AppServices

    /// A new conversation from a built-in design name or the text of a design file.
    func create(designName: String?, designYAML: String?, facilitator: String, followsUp: String? = nil) async throws -> (id: String, joinCode: String) {
        let design: ConversationDesign
        if let yaml = designYAML, !yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                design = try DesignReader.read(yaml: yaml, file: "uploaded design")
            } catch {
                throw RuleViolation(field: "design", message: error.description)
            }
        } else if let name = designName, let found = try DesignLibrary.design(named: name) {
            design = found
        } else {
            throw RuleViolation(field: "design", message: "choose a built-in design (\(DesignLibrary.templates.map(\.name).joined(separator: ", "))) or upload a design file")
        }
        let id = services.log.newConversationID()
        let code = services.effects.joinCode()
        try await services.append([.conversationCreated(ConversationCreated(joinCode: code, design: design, facilitator: facilitator, followsUp: followsUp))], to: id)
        await services.rooms.register(code: code, for: id)
        return (id, code)
    }

    /// Registers people; ids already registered are updated rather than duplicated.
    func register(_ people: [ParticipantRegistered], in conversationID: String) async throws -> Int {
        guard !people.isEmpty else { throw RuleViolation(field: "people", message: "the list is empty") }
        try await services.append(people.map { .participantRegistered($0) }, to: conversationID)
        return people.count
    }

    /// The agenda buttons: start (the next phase or a given one), pause, resume, extend, end, skip.
    func agenda(_ action: String, phaseIndex: Int?, seconds: Int?, in conversationID: String, id: UUID?) async throws -> ConversationState {
        let state = try await services.latestState(conversationID)
        guard let design = state.design else { throw NotFound(what: "conversation") }
        let current = state.agenda.currentIndex
        let event: ConversationEvent
        switch action {
        case "start", "next":
            guard let index = phaseIndex ?? state.agenda.nextIndex(phaseCount: design.phases.count) else {
                throw RuleViolation(field: "action", message: "every phase has run; close the conversation instead")
            }
            guard design.phases.indices.contains(index) else { throw RuleViolation(field: "phaseIndex", message: "must be 1 to \(design.phases.count)") }
            event = .phaseStarted(PhaseStarted(phaseIndex: index, seconds: design.phases[index].minutes * 60))
        case "pause":
            event = .phasePaused(PhaseRef(phaseIndex: try require(current)))
        case "resume":
            event = .phaseResumed(PhaseRef(phaseIndex: try require(current)))
        case "extend":
            event = .phaseExtended(PhaseExtended(phaseIndex: try require(current), seconds: seconds ?? 120))
        case "end":
            event = .phaseEnded(PhaseEnded(phaseIndex: try require(current)))
        case "skip":
            guard let index = phaseIndex ?? state.agenda.nextIndex(phaseCount: design.phases.count) else {
                throw RuleViolation(field: "action", message: "there is no phase to skip")
            }
            event = .phaseEnded(PhaseEnded(phaseIndex: index, skipped: true))
        case "close":
            event = .conversationClosed(ConversationClosed())
        default:
            throw RuleViolation(field: "action", message: "\"\(action)\" is not an agenda action; use start, pause, resume, extend, end, skip or close")
        }
        return try await services.append([event], to: conversationID, ids: id.map { [$0] })
    }

    private func require(_ current: Int?) throws -> Int {
        guard let current else { throw RuleViolation(field: "action", message: "no phase is under way") }
        return current
    }

    /// A contribution by a participant at their current table, or typed in for a table by a scribe or the facilitator.
    func contribute(text: String, kind: String?, author: String?, enteredBy: String?, table: Int?, round: Int?, in conversationID: String, id: UUID?) async throws -> ConversationState {
        let state = try await services.hub(conversationID).current()
        let kind = ContributionKind(rawValue: kind ?? "idea") ?? .idea
        let round = round ?? state.roundToSeat
        let table = table ?? author.flatMap { author in round.flatMap { state.seat(of: author, inRound: $0)?.table } }
        let contributionID = "k" + (id ?? services.effects.newID()).uuidString.prefix(8).lowercased()
        let event = ConversationEvent.contributionAdded(ContributionAdded(
            contributionID: contributionID, authorID: author, enteredBy: enteredBy, round: round, table: table,
            kind: kind, text: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        return try await services.append([event], to: conversationID, ids: id.map { [$0] })
    }

    func vote(participant: String, statement: String, vote: String, in conversationID: String, id: UUID?) async throws -> ConversationState {
        guard let value = Vote(rawValue: vote) else {
            throw RuleViolation(field: "vote", message: "\"\(vote)\" is not a vote; use agree, disagree or pass")
        }
        return try await services.append([.voteCast(VoteCast(participantID: participant, statementID: statement, vote: value))], to: conversationID, ids: id.map { [$0] })
    }

    func commit(text: String, owners: [String], outsideOwners: [String], due: String?, pledge: Bool, madeBy: String?, answers: [String], in conversationID: String, id: UUID?) async throws -> ConversationState {
        let commitmentID = "m" + (id ?? services.effects.newID()).uuidString.prefix(8).lowercased()
        let due = due.flatMap { $0.isEmpty ? nil : $0 }
        let event = ConversationEvent.commitmentMade(CommitmentMade(
            commitmentID: commitmentID, text: text.trimmingCharacters(in: .whitespacesAndNewlines), ownerIDs: owners,
            outsideOwners: outsideOwners.filter { !$0.isEmpty }, due: due, answers: answers, pledge: pledge, madeBy: madeBy))
        return try await services.append([event], to: conversationID, ids: id.map { [$0] })
    }

    /// A timed turn recorded by a table's timekeeper: the speaker must sit at the timekeeper's table.
    func recordTurn(by keeper: String, speaker: String, seconds: Int, in conversationID: String, id: UUID?) async throws -> ConversationState {
        let state = try await services.latestState(conversationID)
        guard let round = state.roundToSeat, let keeperSeat = state.seat(of: keeper, inRound: round),
              let speakerSeat = state.seat(of: speaker, inRound: round), keeperSeat.table == speakerSeat.table
        else { throw RuleViolation(field: "participantID", message: "turns can be recorded only for people at your own table this round") }
        return try await services.append([.turnTaken(TurnTaken(round: round, table: keeperSeat.table, participantID: speaker, seconds: seconds))], to: conversationID, ids: id.map { [$0] })
    }
}
