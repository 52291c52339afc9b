import CoCreateCore
import Foundation

/// The facilitator raises (or lowers) how many people may join the room. Past the limit, joins and
/// imports are refused with a message that says so, instead of growing the room without bound.
public struct SetCapacity: ConversationCommand {
    public var maximumParticipants: FormNumber
    public var id: WriteID?

    public init(maximumParticipants: Int, id: UUID? = nil) {
        self.maximumParticipants = FormNumber(maximumParticipants)
        self.id = WriteID(id)
    }

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        guard actor.username != nil else { throw RuleViolation(field: "maximumParticipants", message: "only a facilitator can change the room's capacity") }
        guard let maximum = maximumParticipants.value else {
            throw RuleViolation(field: "maximumParticipants", message: "must be a whole number")
        }
        return try await space.append([.capacitySet(CapacitySet(maximumParticipants: maximum))], to: conversation, ids: id.ids(), by: actor)
    }
}
