import CoCreateCore
import Conversations
import EventStore
import DesignFiles
import Foundation
import Testing
@testable import Server

/// Phones are re-rendered only for changes they show: their own votes, their table's ideas, and whatever
/// concerns everyone (the agenda, seating, statements).
struct PhoneAudienceTests {
    static func seatedRoom() throws -> ConversationState {
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        var state = ConversationState(id: "c1")
        var version: Int64 = 0
        func apply(_ event: ConversationEvent) {
            version += 1
            state.apply(EventEnvelope(id: UUID(), at: version, event: event))
        }
        apply(.conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "fran")))
        for id in ["ana", "ben", "cy", "dee"] { apply(.participantRegistered(ParticipantRegistered(participantID: id, name: id))) }
        let tables = [SeatedTable(table: 1, seats: [Seat(participantID: "ana"), Seat(participantID: "ben")]),
                      SeatedTable(table: 2, seats: [Seat(participantID: "cy"), Seat(participantID: "dee")])]
        apply(.seatingPublished(SeatingPublished(fromRound: 1, rounds: [SeatedRound(round: 1, tables: tables)])))
        return state
    }

    @Test func anotherPersonsVoteLeavesAPhoneAloneButTheirOwnDoesNot() throws {
        let state = try Self.seatedRoom()
        var relevance = PhoneRelevance()
        relevance.noteEverything(upTo: state.version)
        relevance.note(.voteCast(VoteCast(participantID: "ben", statementID: "s1", vote: .agree)), at: state.version + 1)
        #expect(relevance.version(for: "ana", in: state) == state.version)
        #expect(relevance.version(for: "ben", in: state) == state.version + 1)
    }

    @Test func anIdeaReachesItsTableAndItsAuthorOnly() throws {
        let state = try Self.seatedRoom()
        let round = try #require(state.roundToSeat)
        var relevance = PhoneRelevance()
        relevance.noteEverything(upTo: state.version)
        let idea = ContributionAdded(contributionID: "k1", authorID: "ana", round: round, table: 1, kind: .idea, text: "Mentors")
        relevance.note(.contributionAdded(idea), at: state.version + 1)
        #expect(relevance.version(for: "ana", in: state) == state.version + 1)
        #expect(relevance.version(for: "ben", in: state) == state.version + 1, "ben shares table 1")
        #expect(relevance.version(for: "cy", in: state) == state.version, "cy sits at table 2")
    }

    @Test func agendaSeatingAndStatementsConcernEveryone() {
        #expect(PhoneAudience(.phaseStarted(PhaseStarted(phaseIndex: 0, seconds: 600))) == .everyone)
        #expect(PhoneAudience(.statementAdded(StatementAdded(statementID: "s9", text: "More mentors"))) == .everyone)
        #expect(PhoneAudience(.seatingPublished(SeatingPublished(fromRound: 1, rounds: []))) == .everyone)
        #expect(PhoneAudience(.dotsPlaced(DotsPlaced(participantID: "cy", dots: [:]))) == .people(["cy"]))
    }
}

/// Tokens resolved once are remembered for a while, never past their freshness, and the memory stays bounded.
struct ParticipantTokenCacheTests {
    @Test func aRememberedTokenIsTrustedOnlyWhileFresh() {
        let cache = ParticipantTokenCache(capacity: 10, freshnessMilliseconds: 1_000)
        let ana = ParticipantIdentity(conversationID: "c1", participantID: "ana")
        cache.remember(ana, for: "token-a", now: 5_000)
        #expect(cache.identity(for: "token-a", now: 5_999) == ana)
        #expect(cache.identity(for: "token-a", now: 6_000) == nil, "stale answers go back to the database")
        #expect(cache.identity(for: "token-b", now: 5_000) == nil)
    }

    @Test func aFullCacheStartsAgainRatherThanGrowing() {
        let cache = ParticipantTokenCache(capacity: 3, freshnessMilliseconds: 1_000)
        for index in 0..<3 { cache.remember(ParticipantIdentity(conversationID: "c", participantID: "p\(index)"), for: "t\(index)", now: 0) }
        cache.remember(ParticipantIdentity(conversationID: "c", participantID: "p3"), for: "t3", now: 0)
        #expect(cache.identity(for: "t0", now: 1) == nil)
        #expect(cache.identity(for: "t3", now: 1)?.participantID == "p3")
    }
}

/// The hub wakes only the pages a change concerns, including when one batch's writes are absorbed one by one.
struct HubWakeUpTests {
    @Test func aBatchOfTwoVotesWakesBothVotersAndTheScreenButNotABystander() async throws {
        let store = InMemoryEventStore()
        let log = ConversationLog(store: store)
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "fran"))], to: "c1")
        try await log.append(["ana", "ben", "cy", "dee"].map { .participantRegistered(ParticipantRegistered(participantID: $0, name: $0)) }, to: "c1")
        let hub = ConversationHub(conversationID: "c1", log: log)
        try await hub.start()
        let loaded = try await hub.current()

        let (anaID, ana) = await hub.watch(for: "ana")
        let (benID, ben) = await hub.watch(for: "ben")
        let (cyID, cy) = await hub.watch(for: "cy")
        let (screenID, screen) = await hub.watch()

        let anaVote = ConversationEvent.voteCast(VoteCast(participantID: "ana", statementID: "s1", vote: .agree))
        let benVote = ConversationEvent.voteCast(VoteCast(participantID: "ben", statementID: "s1", vote: .disagree))
        var after = loaded
        after.apply(EventEnvelope(id: UUID(), at: 1, event: anaVote))
        after.apply(EventEnvelope(id: UUID(), at: 2, event: benVote))
        // One batch, absorbed by each of its two writers in turn.
        await hub.absorb(after, events: [anaVote])
        await hub.absorb(after, events: [benVote])

        for id in [anaID, benID, cyID, screenID] { await hub.stopWatching(id) }
        func lastSeen(_ versions: AsyncStream<Int64>) async -> Int64? {
            var last: Int64?
            for await version in versions { last = version }
            return last
        }
        #expect(await lastSeen(ana) == after.version)
        #expect(await lastSeen(ben) == after.version, "the second writer's phone is woken although the state was already there")
        #expect(await lastSeen(screen) == after.version)
        #expect(await lastSeen(cy) == loaded.version, "a bystander's phone is not woken by others' votes")
    }
}
