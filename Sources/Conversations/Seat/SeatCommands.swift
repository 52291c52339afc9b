import CoCreateCore
import Foundation
import Seating

/// Seats the room from the next round to be played: everyone not marked absent, each once per
/// round, mixing groups, rounds already played kept as they were, locked tables kept.
public struct SeatRoom: ConversationCommand {
    public var id: WriteID?
    /// Fixes the plan (tests, a facilitator who wants the same plan again).
    public var seed: FormNumber?

    public init(id: UUID? = nil, seed: Int? = nil) {
        self.id = WriteID(id)
        self.seed = FormNumber(seed)
    }

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.latest(conversation)
        // The seed comes from the write's id, so a retried request computes the same plan.
        let writeID = id?.value ?? space.effects.newID()
        let seed = seed?.value.map { UInt64(truncatingIfNeeded: $0) } ?? SeatingBridge.seed(from: writeID)
        let published = try await Task.detached { try SeatingBridge.plan(state, seed: seed) }.value
        return try await space.append([.seatingPublished(published)], to: conversation, ids: [writeID], by: actor)
    }
}

/// Moves one person to another table in the round about to be sat (or being sat).
public struct MoveSeat: ConversationCommand {
    public var participantID: String
    public var table: FormNumber?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.latest(conversation)
        let published = try SeatingBridge.move(participantID, toTable: table?.value ?? 0, in: state)
        return try await space.append([.seatingPublished(published)], to: conversation, ids: nil, by: actor)
    }
}

/// Keeps a table of the coming round as it is when the room is seated again, or releases it.
public struct LockTable: ConversationCommand {
    public var round: FormNumber?
    public var table: FormNumber?
    public var locked: FormFlag?

    public func run(in space: any ConversationSpace, conversation: String, by actor: Actor) async throws -> ConversationState {
        let state = try await space.latest(conversation)
        guard let round = round?.value ?? state.roundToSeat else {
            throw RuleViolation(field: "round", message: "there is no round to seat")
        }
        let lock = TableLocked(round: round, table: table?.value ?? 0, locked: locked?.value ?? true)
        return try await space.append([.tableLocked(lock)], to: conversation, ids: nil, by: actor)
    }
}
