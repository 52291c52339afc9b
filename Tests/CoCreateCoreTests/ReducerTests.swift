import CoCreateCore
import Foundation
import Testing

@Suite("Folding events into a conversation's state")
struct ReducerTests {
    let design = EventScript.design

    func fold(_ events: [ConversationEvent], times: [Int64]? = nil) -> ConversationState {
        var state = ConversationState(id: "c")
        for (index, event) in events.enumerated() {
            state.apply(EventEnvelope(id: UUID(), at: times?[index] ?? Int64(index) * 1000, event: event))
        }
        return state
    }

    var created: ConversationEvent { .conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "f")) }

    @Test func creationSeedsTheDesignsStatements() {
        let state = fold([created])
        #expect(state.exists)
        #expect(state.joinCode == "ABCD-EFGH")
        #expect(state.statements.map(\.text) == ["A", "B"])
        #expect(state.statements.map(\.id) == ["p2s1", "p2s2"])
        #expect(state.version == 1)
    }

    @Test func aVoterLatestVoteCounts() {
        let state = fold([
            created,
            .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana")),
            .voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .agree)),
            .voteCast(VoteCast(participantID: "p1", statementID: "p2s1", vote: .disagree)),
        ])
        #expect(state.votes["p1"]?["p2s1"] == .disagree)
    }

    @Test func theTimerCountsOnlyRunningTimeAndExtensions() {
        let state = fold([
            created,
            .phaseStarted(PhaseStarted(phaseIndex: 1, seconds: 600)),
            .phasePaused(PhaseRef(phaseIndex: 1)),
            .phaseResumed(PhaseRef(phaseIndex: 1)),
            .phaseExtended(PhaseExtended(phaseIndex: 1, seconds: 120)),
        ], times: [0, 10_000, 70_000, 370_000, 380_000])
        // Ran 60 s before the pause, paused 300 s, then ran again from 370 s.
        let remaining: Int64? = state.agenda.remainingMilliseconds(now: 400_000)
        let expected: Int64 = 720_000 - 60_000 - 30_000
        #expect(remaining == expected, "remaining \(String(describing: remaining)) expected \(expected)")
        #expect(state.agenda.currentIndex == 1)
        #expect(state.currentRound == 1)
    }

    @Test func startingAPhaseEndsTheOneUnderWay() {
        let state = fold([
            created,
            .phaseStarted(PhaseStarted(phaseIndex: 0, seconds: 60)),
            .phaseStarted(PhaseStarted(phaseIndex: 1, seconds: 60)),
            .phaseEnded(PhaseEnded(phaseIndex: 2, skipped: true)),
        ])
        #expect(state.agenda.ended == [0: false, 2: true])
        #expect(state.agenda.currentIndex == 1)
    }

    @Test func republishedSeatingKeepsRoundsAlreadyPlayed() {
        let register = (1...4).map { ConversationEvent.participantRegistered(ParticipantRegistered(participantID: "p\($0)", name: "P\($0)")) }
        func round(_ number: Int, _ ids: [String]) -> SeatedRound {
            SeatedRound(round: number, tables: [SeatedTable(table: 1, seats: ids.map { Seat(participantID: $0) })])
        }
        let state = fold([created] + register + [
            .seatingPublished(SeatingPublished(fromRound: 1, rounds: [round(1, ["p1", "p2"]), round(2, ["p1", "p3"])])),
            .seatingPublished(SeatingPublished(fromRound: 2, rounds: [round(1, ["p4"]), round(2, ["p4", "p1"]), round(3, ["p2"])])),
        ])
        #expect(state.seating.map(\.round) == [1, 2, 3])
        #expect(state.seat(of: "p2", inRound: 1)?.table == 1)
        #expect(state.seat(of: "p4", inRound: 1) == nil)
        #expect(state.seat(of: "p4", inRound: 2)?.table == 1)
    }

    @Test func themesOwnEachContributionOnce() {
        let state = fold([
            created,
            .contributionAdded(ContributionAdded(contributionID: "k1", authorID: nil, kind: .idea, text: "a")),
            .contributionAdded(ContributionAdded(contributionID: "k2", authorID: nil, kind: .idea, text: "b")),
            .themeNamed(ThemeNamed(themeID: "t1", label: "Time", contributionIDs: ["k1", "k2"])),
            .themeNamed(ThemeNamed(themeID: "t2", label: "Trust", contributionIDs: ["k2"])),
        ])
        #expect(state.themes.map(\.contributionIDs) == [["k1"], ["k2"]])
    }

    @Test func commitmentsKeepTheirHistory() {
        let state = fold([
            created,
            .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana")),
            .commitmentMade(CommitmentMade(commitmentID: "m1", text: "Write criteria with students", ownerIDs: ["p1"], due: "2027-02-01")),
            .commitmentUpdated(CommitmentUpdated(commitmentID: "m1", status: .inProgress, note: "draft shared")),
            .commitmentUpdated(CommitmentUpdated(commitmentID: "m1", status: .done, evidence: "https://example.org/criteria")),
        ])
        let commitment = try! #require(state.commitment("m1"))
        #expect(commitment.status == .done)
        #expect(commitment.history.map(\.status) == [.inProgress, .done])
        #expect(commitment.history.last?.evidence == "https://example.org/criteria")
    }
}

@Suite("Rules checked before an event is written")
struct RuleTests {
    let state: ConversationState = {
        var state = ConversationState(id: "c")
        state.apply(EventEnvelope(id: UUID(), at: 0, event: .conversationCreated(ConversationCreated(joinCode: "X", design: EventScript.design, facilitator: "f"))))
        state.apply(EventEnvelope(id: UUID(), at: 0, event: .participantRegistered(ParticipantRegistered(participantID: "p1", name: "Ana"))))
        return state
    }()

    @Test func aVoteOnAnUnknownStatementIsRefused() {
        #expect(throws: RuleViolation(field: "statementID", message: "is not on this conversation's list (nope); it may have been withdrawn, so reload the page to see the statements")) {
            try ConversationRules.check(.voteCast(VoteCast(participantID: "p1", statementID: "nope", vote: .agree)), against: state)
        }
    }

    @Test func onlyParticipantsCanContribute() {
        #expect(throws: RuleViolation.self) {
            try ConversationRules.check(.contributionAdded(ContributionAdded(contributionID: "k", authorID: "stranger", kind: .idea, text: "hi")), against: state)
        }
    }

    @Test func textsAreBounded() {
        let long = String(repeating: "x", count: ConversationRules.maximumTextLength + 1)
        #expect(throws: RuleViolation.self) {
            try ConversationRules.check(.contributionAdded(ContributionAdded(contributionID: "k", authorID: "p1", kind: .idea, text: long)), against: state)
        }
        #expect(throws: RuleViolation.self) {
            try ConversationRules.check(.contributionAdded(ContributionAdded(contributionID: "k", authorID: "p1", kind: .idea, text: "   ")), against: state)
        }
    }

    @Test func dueDatesMustBeRealDates() {
        for bad in ["2027-02-30", "27-01-01", "2027-13-01", "tomorrow"] {
            #expect(throws: RuleViolation.self) {
                try ConversationRules.check(.commitmentMade(CommitmentMade(commitmentID: "m", text: "t", ownerIDs: ["p1"], due: bad)), against: state)
            }
        }
        #expect(CalendarDate.isValid("2028-02-29"))
    }

    @Test func nothingButCreationBeforeTheConversationExists() {
        #expect(throws: RuleViolation.self) {
            try ConversationRules.check(.participantArrived(ParticipantRef(participantID: "p1")), against: ConversationState(id: "new"))
        }
    }
}
