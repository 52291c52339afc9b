import CoCreateCore
import Foundation

/// A person joins with the code: by choosing their name from the people imported, or as a walk-in
/// who writes their name (and chooses one of the room's groups). Either way the name is claimed
/// for that device: nobody else can join as them until the facilitator releases it.
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

    /// Marks the chosen person as arrived, or registers the walk-in, and claims the name; returns who joined.
    public func run(in space: any ConversationSpace, conversation: String) async throws -> (participantID: String, state: ConversationState) {
        let state = try await space.current(conversation)
        // Both events carry ids derived from the form's, so a join retried after a lost answer is recognised.
        let writeID = id?.value ?? space.effects.newID()
        let ids = [writeID, writeID.derived(1)]
        if let chosen = participantID, !chosen.isEmpty {
            guard state.participant(chosen) != nil else { throw RuleViolation(field: "participantID", message: "choose your name from the list") }
            let ref = ParticipantRef(participantID: chosen)
            return (chosen, try await space.append([.participantArrived(ref), .nameClaimed(ref)], to: conversation, ids: ids, by: .participant(chosen)))
        }
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RuleViolation(field: "name", message: "pick your name from the list, or write it to join as a walk-in") }
        if let listed = state.participants.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            throw RuleViolation(field: "name", message: listed.claimed
                ? "\(listed.name) has already joined. If you are someone else of that name, add your initial or class"
                : "\(listed.name) is on the list: choose it above instead of writing it")
        }
        let group = group.flatMap { $0.isEmpty ? nil : $0 }
        if let group, !Self.groups(of: state).contains(group) {
            throw RuleViolation(field: "group", message: "choose one of the room's groups: \(Self.groups(of: state).joined(separator: ", "))")
        }
        let walkIn = "w" + writeID.uuidString.prefix(8).lowercased()
        let registered = ParticipantRegistered(participantID: walkIn, name: name, group: group, walkIn: true)
        return (walkIn, try await space.append([.participantRegistered(registered), .nameClaimed(ParticipantRef(participantID: walkIn))], to: conversation, ids: ids, by: .participant(walkIn)))
    }

    /// The groups a walk-in chooses from: the design's and those of the people imported, so a late
    /// pupil joins the pupils the per-group results count.
    public static func groups(of state: ConversationState) -> [String] {
        var groups = state.design?.stakeholderGroups ?? []
        for person in state.participants { if let group = person.group, !groups.contains(group) { groups.append(group) } }
        return groups
    }

    /// The names still free to choose: claimed names and people marked absent are not offered.
    public static func unclaimed(in state: ConversationState) -> [Participant] {
        state.participants.filter { !$0.claimed && $0.presence != .left }
    }
}

/// The facilitator frees a claimed name: a lost phone, or someone who joined as the wrong person.
public struct ReleaseName: ConversationCommand {
    public var participantID: String

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        try await space.append([.nameReleased(ParticipantRef(participantID: participantID))], to: conversation, ids: nil, by: actor)
    }
}

extension UUID {
    /// Another id that follows from this one: the second event of a write whose client sent one id.
    func derived(_ n: UInt8) -> UUID {
        var bytes = uuid
        bytes.15 ^= n
        return UUID(uuid: bytes)
    }
}
