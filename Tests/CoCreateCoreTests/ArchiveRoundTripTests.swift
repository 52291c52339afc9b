import CoCreateCore
import Conversations
import EventStore
import Foundation
import PropertyBased
import Testing

@Suite("Export and import of event logs")
struct ArchiveRoundTripTests {
    static func store(_ envelopes: [EventEnvelope], into store: some EventStore, stream: String) async throws {
        let events = try envelopes.map { envelope -> NewEvent in
            let (type, payload) = try EventCodec.encode(envelope.event)
            return NewEvent(id: envelope.id, type: type, payload: payload, recordedAt: envelope.at)
        }
        _ = try await store.append(events, to: stream, expected: .noStream)
    }

    @Test func anyValidSequenceFoldsTheSameAfterExportAndImport() async throws {
        await propertyCheck(count: 60, input: Gen.int(in: 0...10_000).array(of: 0...120)) { choices in
            do {
                let envelopes = EventScript.events(from: choices)
                let original = InMemoryEventStore()
                try await Self.store(envelopes, into: original, stream: "c")
                let exported = try EventArchive.export(try await original.readAll("c"))

                let copy = InMemoryEventStore()
                try await EventArchive.importArchive(exported, file: "test.jsonl", into: copy)
                let reexported = try EventArchive.export(try await copy.readAll("c"))
                #expect(reexported == exported)

                let direct = ConversationState.fold(id: "c", envelopes)
                let imported = try await ConversationLog(store: copy).state(of: "c")
                #expect(imported == direct)
            } catch {
                Issue.record(error)
            }
        }
    }

    @Test func importRefusesAGapNamingTheLine() throws {
        let envelopes = EventScript.events(from: [0, 0, 3, 4])
        let lines = try envelopes.enumerated().map { index, envelope -> String in
            let (type, payload) = try EventCodec.encode(envelope.event)
            let sequence = index < 2 ? index + 1 : index + 2
            return #"{"at":\#(envelope.at),"event":\#(String(decoding: payload, as: UTF8.self)),"id":"\#(envelope.id)","sequence":\#(sequence),"stream":"c","type":"\#(type)"}"#
        }
        let data = Data(lines.joined(separator: "\n").utf8)
        #expect(throws: EventArchive.ImportError(file: "f.jsonl", line: 3, message: "sequence is 4, expected 3: the archive has a gap or is out of order")) {
            try EventArchive.parse(data, file: "f.jsonl")
        }
    }

    @Test func importRefusesAnEventThatBreaksARuleAndWritesNothing() async throws {
        let good = EventScript.events(from: [0])
        var lines = try EventArchive.export(good.enumerated().map { index, envelope in
            let (type, payload) = try EventCodec.encode(envelope.event)
            return RecordedEvent(stream: "c", sequence: Int64(index + 1), id: envelope.id, type: type, payload: payload, recordedAt: envelope.at)
        })
        lines.append(Data(#"{"at":5,"event":{"participantID":"ghost","statementID":"p2s1","vote":"agree"},"id":"\#(UUID())","sequence":3,"stream":"c","type":"voteCast"}"#.utf8))
        let store = InMemoryEventStore()
        await #expect(throws: EventArchive.ImportError.self) {
            try await EventArchive.importArchive(lines, file: "f.jsonl", into: store)
        }
        #expect(await store.version(of: "c") == 0)
    }

    @Test func importNeverOverwritesAConversation() async throws {
        let envelopes = EventScript.events(from: [0, 3])
        let store = InMemoryEventStore()
        try await Self.store(envelopes, into: store, stream: "c")
        let exported = try EventArchive.export(try await store.readAll("c"))
        await #expect(throws: EventArchive.ImportError.self) {
            try await EventArchive.importArchive(exported, file: "f.jsonl", into: store)
        }
        try await EventArchive.importArchive(exported, file: "f.jsonl", into: store, as: "copy")
        #expect(await store.version(of: "copy") == Int64(envelopes.count))
    }
}

@Suite("The conversation log over a store")
struct ConversationLogTests {
    @Test func aRetriedWriteIsAppliedOnce() async throws {
        let log = ConversationLog(store: InMemoryEventStore())
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c")
        try await log.append([.participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))], to: "c")
        let id = UUID()
        let contribution = ConversationEvent.contributionAdded(ContributionAdded(contributionID: "k1", authorID: "p1", kind: .idea, text: "Hello"))
        let first = try await log.append([contribution], to: "c", ids: [id])
        let retry = try await log.append([contribution], to: "c", ids: [id])
        #expect(first.sequences == retry.sequences)
        #expect(retry.state.contributions.count == 1)
    }

    @Test func aStaleCachedStateIsBroughtUpToDateBeforeTheRulesAreChecked() async throws {
        let log = ConversationLog(store: InMemoryEventStore())
        let created = try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c").state
        try await log.append([.participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))], to: "c")
        // The cached state predates p1's registration; the vote must still be accepted and kept.
        let result = try await log.append([.voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .agree))], to: "c", cached: created)
        #expect(result.state.version == 3)
        #expect(result.state.votes["p1"]?["p2s1"] == .agree)
        #expect(try await log.state(of: "c") == result.state)
    }

    /// A write retried from the live room's state, which already holds the first attempt: the rules would refuse
    /// the contribution id as taken, and the store would refuse the vote's id; both are answered as retries.
    @Test func retriesFromACachedStateThatHoldsTheirFirstAttemptAreAnsweredWithItsSequences() async throws {
        let log = ConversationLog(store: InMemoryEventStore())
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c")
        var state = try await log.append([.participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))], to: "c").state
        let contribution = ConversationEvent.contributionAdded(ContributionAdded(contributionID: "k1", authorID: "p1", kind: .idea, text: "Hello"))
        let vote = ConversationEvent.voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .agree))
        let (contributionID, voteID) = (UUID(), UUID())
        let firstContribution = try await log.append([contribution], to: "c", ids: [contributionID], cached: state)
        state = firstContribution.state
        let firstVote = try await log.append([vote], to: "c", ids: [voteID], cached: state)
        state = firstVote.state

        let contributionRetry = try await log.append([contribution], to: "c", ids: [contributionID], cached: state)
        let voteRetry = try await log.append([vote], to: "c", ids: [voteID], cached: state)
        #expect(contributionRetry.wasRetry && contributionRetry.sequences == firstContribution.sequences)
        #expect(voteRetry.wasRetry && voteRetry.sequences == firstVote.sequences)
        #expect(try await log.state(of: "c").version == 4, "nothing was written twice")
    }

    /// A writer whose cached state is stale reads what another instance stored first, and hands those events
    /// back so the live room can wake the phones they concern (a tablemate's idea, say).
    @Test func aWriterHandsBackTheEventsOthersStoredThatItReadOnItsWay() async throws {
        let log = ConversationLog(store: InMemoryEventStore())
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c")
        let stale = try await log.append([.participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))], to: "c").state
        let idea = ConversationEvent.contributionAdded(ContributionAdded(contributionID: "k1", authorID: "p1", round: 1, table: 2, kind: .idea, text: "Mentors"))
        try await log.append([idea], to: "c")  // "another instance"
        let writer = ConversationWriter(conversation: "c", log: log)
        let vote = ConversationEvent.voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .agree))
        let result = try await writer.append(ConversationWrite(events: [vote], ids: [UUID()]), cached: stale)
        #expect(result.foreign == [idea])
        #expect(result.state.version == 4)
        let fresh = try await writer.append(ConversationWrite(events: [vote], ids: [UUID()]), cached: result.state)
        #expect(fresh.foreign.isEmpty, "nothing was read when the cached state was current")
    }

    /// Writers that lose the race for the next sequence re-check their write against the newer state; none may be
    /// told "already used" about its own contribution, and each lands exactly once.
    @Test func racingContributionsAreEachAcceptedOnceWithoutAFalseRefusal() async throws {
        let store = InMemoryEventStore()
        let log = ConversationLog(store: store)
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c")
        try await log.append([.participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))], to: "c")
        let ids = (0..<60).map { _ in UUID() }
        var lostRaces = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    var retried = false
                    for index in 0..<10 {
                        let id = ids[writer * 10 + index]
                        let contribution = ContributionAdded(contributionID: "k\(writer)-\(index)", authorID: "p1", kind: .idea, text: "Idea")
                        // A stale cached state forces the optimistic append to lose races and retry.
                        let result = try await log.append([.contributionAdded(contribution)], to: "c", ids: [id], cached: ConversationState(id: "c"))
                        retried = retried || result.wasRetry
                    }
                    return retried
                }
            }
            for try await retried in group where retried { lostRaces += 1 }
        }
        #expect(lostRaces == 0, "no write is a retry of an earlier one")
        let logged = try await store.readAll("c")
        #expect(logged.count == 62)
        #expect(Set(logged.map(\.id)).isSuperset(of: ids))
        #expect(try await log.state(of: "c").contributions.count == 60)
    }

    @Test func concurrentWritersAreAllCheckedAndKept() async throws {
        let log = ConversationLog(store: InMemoryEventStore())
        try await log.append([.conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))], to: "c")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    for index in 0..<10 {
                        try await log.append([.participantRegistered(ParticipantRegistered(participantID: "w\(writer)-\(index)", name: "N"))], to: "c")
                    }
                }
            }
            try await group.waitForAll()
        }
        let state = try await log.state(of: "c")
        #expect(state.participants.count == 60)
        #expect(state.version == 61)
    }
}
