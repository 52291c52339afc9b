import CoCreateCore
import Foundation

/// The facilitator types in a count made on paper: ballots from the tables, or a show of hands,
/// for the whole room or one group. A new count for the same statement, group and method corrects the last.
public struct RecordPaperTally: ConversationCommand {
    public var statementID: String
    public var group: String?
    public var method: String?
    public var agree: FormNumber?
    public var disagree: FormNumber?
    public var pass: FormNumber?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let how = PaperTallyRecorded.Method(rawValue: method ?? PaperTallyRecorded.Method.ballots.rawValue)
        guard let how else { throw RuleViolation(field: "method", message: "choose paper ballots or a show of hands") }
        let group = group.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        return try await space.append([.paperTallyRecorded(PaperTallyRecorded(
            statementID: statementID, group: group, method: how,
            agree: agree?.value ?? 0, disagree: disagree?.value ?? 0, pass: pass?.value ?? 0))], to: conversation, ids: nil, by: actor)
    }
}

/// A commitment written on paper (an action-planning sheet), typed in by the facilitator: owned by
/// people in the room, by name, or by people outside it.
public struct RecordPaperCommitment: ConversationCommand {
    public var text: String
    /// Participant ids of the owners (the console's list of names).
    public var owners: [String]?
    /// Owners outside the room, comma-separated ("the head teacher, the PTA").
    public var outsideOwners: String?
    public var due: String?
    public var id: WriteID?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let outside = (outsideOwners ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let owners = (owners ?? []).filter { !$0.isEmpty }
        guard !owners.isEmpty || !outside.isEmpty else {
            throw RuleViolation(field: "owners", message: "a commitment needs an owner: choose someone in the room or name someone outside it")
        }
        let commitmentID = "m" + (id?.value ?? space.effects.newID()).uuidString.prefix(8).lowercased()
        return try await space.append([.commitmentMade(CommitmentMade(
            commitmentID: commitmentID, text: text.trimmingCharacters(in: .whitespacesAndNewlines), ownerIDs: owners,
            outsideOwners: outside, due: due.flatMap { $0.isEmpty ? nil : $0 }, answers: [], pledge: false, madeBy: nil))],
            to: conversation, ids: id.ids(), by: actor)
    }
}
