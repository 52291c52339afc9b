import CoCreateCore
import Conversations
import Foundation
import Testing

/// "N people took part" counts people in the room, not names on the imported list.
@Suite struct HarvestBridgeTookPartTests {
    static func state(_ events: [ConversationEvent]) -> ConversationState {
        var state = ConversationState(id: "c")
        let created = ConversationEvent.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))
        for (index, event) in ([created] + events).enumerated() { state.apply(EventEnvelope(id: UUID(), at: Int64(index), event: event)) }
        return state
    }

    static let imported: [ConversationEvent] = (1...25).map { .participantRegistered(ParticipantRegistered(participantID: "p\($0)", name: "Person \($0)")) }

    @Test func onlyPeopleWhoJoinedArrivedOrLeftATraceCount() {
        let state = Self.state(Self.imported + [
            .nameClaimed(ParticipantRef(participantID: "p1")),
            .participantArrived(ParticipantRef(participantID: "p2")),
            .contributionAdded(ContributionAdded(contributionID: "c1", authorID: "p3", kind: .idea, text: "Shade in the yard")),
            .participantRegistered(ParticipantRegistered(participantID: "w1", name: "Walk-in", walkIn: true)),
        ])
        #expect(HarvestBridge.whoTookPart(state) == ["p1", "p2", "p3", "w1"])
        #expect(HarvestBridge.conversation(state).participants.count == 4)
    }

    @Test func aRoomWithNoSignOfAnyoneCountsEveryoneImported() {
        #expect(HarvestBridge.whoTookPart(Self.state(Self.imported)).count == 25)
    }
}
