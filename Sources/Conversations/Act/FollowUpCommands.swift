import CoCreateCore
import DesignFiles
import Foundation

/// Who may see the results page: the people who took part (the default), or anyone with the code.
public struct SetResultsVisibility: ConversationCommand {
    public var visibility: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        guard let visibility = ResultsVisibility(rawValue: visibility) else {
            throw RuleViolation(field: "visibility", message: "choose public or participants")
        }
        return try await space.append([.resultsVisibilitySet(ResultsVisibilitySet(visibility: visibility))], to: conversation, ids: nil, by: actor)
    }
}

/// What worked and what to change, for one phase or the whole conversation: the learnings a design carries on.
public struct RecordLearning: ConversationCommand {
    public var phase: FormNumber?
    public var worked: String?
    public var change: String?
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.current(conversation)
        let phase = phase?.value
        if let phase, !(state.design?.phases.indices.contains(phase) ?? false) {
            throw RuleViolation(field: "phase", message: "is not a phase of this design")
        }
        let learning = Learning(phase: phase, worked: (worked ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                                change: (change ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        return try await space.append([.learningRecorded(LearningRecorded(learning: learning))], to: conversation, ids: id.ids(), by: actor)
    }
}

/// A commitment's owner reports progress through their private follow-up link.
public struct UpdateCommitment: Decodable, Sendable {
    public static let maximumEvidenceLength = 2_000

    public var status: String
    public var note: String?
    public var evidence: String?
    public var id: WriteID?

    /// The link decides the commitment: a commitment id in the form is never read.
    public func run(in space: any ConversationSpace, conversation: String, commitment: String) async throws -> ConversationState {
        guard let status = CommitmentStatus(rawValue: status) else {
            throw RuleViolation(field: "status", message: "choose one of: \(CommitmentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let evidence = (evidence ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !evidence.isEmpty {
            guard evidence.count <= Self.maximumEvidenceLength, let url = URL(string: evidence), let scheme = url.scheme?.lowercased(),
                  scheme == "https" || scheme == "http", url.host != nil
            else { throw RuleViolation(field: "evidence", message: "must be a web address starting with https://") }
        }
        let update = CommitmentUpdated(commitmentID: commitment, status: status, note: note.isEmpty ? nil : note, evidence: evidence.isEmpty ? nil : evidence)
        return try await space.append([.commitmentUpdated(update)], to: conversation, ids: id.ids(), by: .followUpLink(commitment))
    }
}

/// A new conversation that follows one up: the same design (or a chosen built-in), the same
/// people, and the commitments still open.
public struct StartFollowUp: Decodable, Sendable {
    public var design: String?

    /// Returns the new conversation's id.
    public func run(in space: any ConversationSpace, following conversation: String, by facilitator: String) async throws -> String {
        let state = try await space.current(conversation)
        guard let design = state.design else { throw ConversationNotFound(conversation) }
        let chosen = self.design.flatMap { $0.isEmpty || $0 == "same" ? nil : $0 }
        let created = try await CreateConversation(design: chosen, designYAML: chosen == nil ? DesignWriter.yaml(design) : nil, followsUp: conversation)
            .run(in: space, by: facilitator)
        var events: [ConversationEvent] = state.participants.map { person in
            .participantRegistered(ParticipantRegistered(participantID: person.id, name: person.name, group: person.group, attributes: person.attributes))
        }
        for commitment in state.commitments where commitment.status == .notStarted || commitment.status == .inProgress {
            events.append(.commitmentMade(CommitmentMade(
                commitmentID: commitment.id, text: commitment.text, ownerIDs: commitment.ownerIDs, outsideOwners: commitment.outsideOwners,
                due: commitment.due, answers: [], pledge: commitment.pledge, madeBy: commitment.madeBy)))
            if commitment.status == .inProgress {
                events.append(.commitmentUpdated(CommitmentUpdated(commitmentID: commitment.id, status: .inProgress, note: "Carried over from the earlier conversation.")))
            }
        }
        if !events.isEmpty { _ = try await space.append(events, to: created.id, ids: nil, by: .facilitator(facilitator)) }
        return created.id
    }
}
