import CoCreateCore
import Foundation
import Testing

/// Text fields are bounded in bytes as well as characters, and a room in people.
@Suite struct LimitTests {
    func created() -> ConversationState {
        var state = ConversationState(id: "c")
        state.apply(EventEnvelope(id: UUID(), at: 0, event: .conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: EventScript.design, facilitator: "f"))))
        return state
    }

    func register(_ index: Int, into state: inout ConversationState) throws {
        let event = ConversationEvent.participantRegistered(ParticipantRegistered(participantID: "p\(index)", name: "Person \(index)"))
        try ConversationRules.check(event, against: state)
        state.apply(EventEnvelope(id: UUID(), at: 0, event: event))
    }

    func violation(_ event: ConversationEvent, against state: ConversationState) -> RuleViolation? {
        do {
            try ConversationRules.check(event, against: state)
            return nil
        } catch {
            return error
        }
    }

    @Test func aContributionOfFewCharactersButAMegabyteOfCombiningMarksIsRefusedByItsBytes() throws {
        var state = created()
        try register(1, into: &state)
        // "e" and 420 combining acute accents is one character of 841 bytes: 1,190 of them are a megabyte.
        let heavy = String(repeating: "e" + String(repeating: "\u{301}", count: 420), count: 1_190)
        #expect(heavy.count == 1_190)
        let refused = violation(.contributionAdded(ContributionAdded(contributionID: "k1", authorID: "p1", round: nil, table: nil, kind: .idea, text: heavy)), against: state)
        #expect(refused?.field == "text")
        #expect(refused?.message.contains("bytes") == true)
        // Ordinary text in any script stays well inside: 2,000 characters of four-byte emoji pass.
        let emoji = String(repeating: "\u{1F600}", count: 2_000)
        #expect(violation(.contributionAdded(ContributionAdded(contributionID: "k2", authorID: "p1", round: nil, table: nil, kind: .idea, text: emoji)), against: state) == nil)
    }

    @Test func aGroupHasALimitToo() {
        let state = created()
        let event = ConversationEvent.participantRegistered(ParticipantRegistered(participantID: "w1", name: "Walk-in", group: String(repeating: "g", count: 900_000), walkIn: true))
        #expect(violation(event, against: state)?.field == "group")
        let fine = ConversationEvent.participantRegistered(ParticipantRegistered(participantID: "w1", name: "Walk-in", group: "students", walkIn: true))
        #expect(violation(fine, against: state) == nil)
    }

    @Test func aFullRoomRefusesTheNextPersonUntilTheFacilitatorRaisesItsCapacity() throws {
        var state = created()
        #expect(state.maximumParticipants == ConversationRules.defaultMaximumParticipants)
        let lower = ConversationEvent.capacitySet(CapacitySet(maximumParticipants: 3))
        try ConversationRules.check(lower, against: state)
        state.apply(EventEnvelope(id: UUID(), at: 0, event: lower))
        for index in 1...3 { try register(index, into: &state) }
        let fourth = ConversationEvent.participantRegistered(ParticipantRegistered(participantID: "p4", name: "Person 4"))
        let refused = violation(fourth, against: state)
        #expect(refused?.field == "participants")
        #expect(refused?.message.contains("the room is full") == true)
        // Below the people already there, or past the largest room, is refused.
        #expect(violation(.capacitySet(CapacitySet(maximumParticipants: 2)), against: state)?.field == "maximumParticipants")
        #expect(violation(.capacitySet(CapacitySet(maximumParticipants: ConversationRules.largestCapacity + 1)), against: state)?.field == "maximumParticipants")
        let raise = ConversationEvent.capacitySet(CapacitySet(maximumParticipants: 4))
        try ConversationRules.check(raise, against: state)
        state.apply(EventEnvelope(id: UUID(), at: 0, event: raise))
        #expect(violation(fourth, against: state) == nil)
    }

    @Test func aCapacityEventSurvivesTheCodec() throws {
        let event = ConversationEvent.capacitySet(CapacitySet(maximumParticipants: 1_500))
        let encoded = try EventCodec.encode(event)
        #expect(encoded.type == "capacitySet")
        #expect(try EventCodec.decode(type: encoded.type, payload: encoded.payload) == event)
    }
}
