import CoCreateCore
import Foundation

/// "I will ...": a participant's commitment from their phone, owned by them.
public struct MakeCommitment: ConversationCommand {
    public var text: String
    public var due: String?
    public var pledge: FormFlag?
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let participant = try requireParticipant(actor)
        let commitmentID = "m" + (id?.value ?? space.effects.newID()).uuidString.prefix(8).lowercased()
        let event = ConversationEvent.commitmentMade(CommitmentMade(
            commitmentID: commitmentID, text: text.trimmingCharacters(in: .whitespacesAndNewlines), ownerIDs: [participant],
            outsideOwners: [], due: due.flatMap { $0.isEmpty ? nil : $0 }, answers: [], pledge: pledge?.value ?? false, madeBy: participant))
        return try await space.append([event], to: conversation, ids: id.ids(), by: actor)
    }
}
