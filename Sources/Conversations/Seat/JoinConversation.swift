import CoCreateCore
import Foundation

/// A person joins with the code: by choosing their name from the people imported, or as a walk-in
/// who writes their name (and chooses a group).
public struct JoinConversation: Decodable, Sendable {
    public var participantID: String?
    public var name: String?
    public var group: String?
    public var id: WriteID?

    public init(participantID: String? = nil, name: String? = nil, group: String? = nil, id: UUID? = nil) {
        self.participantID = participantID
        self.name = name
        self.group = group
        self.id = WriteID(id)
    }

    /// Marks the chosen person as arrived, or registers the walk-in; returns who joined.
    public func run(in space: any ConversationSpace, conversation: String) async throws -> (participantID: String, state: ConversationState) {
        let state = try await space.current(conversation)
        if let chosen = participantID, !chosen.isEmpty {
            guard state.participant(chosen) != nil else { throw RuleViolation(field: "participantID", message: "choose your name from the list") }
            return (chosen, try await space.append([.participantArrived(ParticipantRef(participantID: chosen))], to: conversation, ids: nil))
        }
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RuleViolation(field: "name", message: "pick your name from the list, or write it to join as a walk-in") }
        // A walk-in's id is derived from the form's id, so a retried join does not add them twice.
        let writeID = id?.value ?? space.effects.newID()
        let walkIn = "w" + writeID.uuidString.prefix(8).lowercased()
        let group = group.flatMap { $0.isEmpty ? nil : $0 }
        let registered = ParticipantRegistered(participantID: walkIn, name: name, group: group, walkIn: true)
        return (walkIn, try await space.append([.participantRegistered(registered)], to: conversation, ids: [writeID]))
    }
}
