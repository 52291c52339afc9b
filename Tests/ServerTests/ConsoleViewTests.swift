import CoCreateCore
import Foundation
import Testing
@testable import Server

/// The console's table cards and statement results, counted per table and person from the whole log.
struct ConsoleViewTests {
    @Test func tableCardsCountThisRoundsTurnsAndIdeasPerPersonAndTable() throws {
        var state = try PhoneAudienceTests.seatedRoom()
        let round = try #require(state.roundToSeat)
        var version = state.version
        func apply(_ event: ConversationEvent) {
            version += 1
            state.apply(EventEnvelope(id: UUID(), at: version, event: event))
        }
        apply(.turnTaken(TurnTaken(round: round, table: 1, participantID: "ana", seconds: 60)))
        apply(.turnTaken(TurnTaken(round: round, table: 1, participantID: "ana", seconds: 30)))
        apply(.turnTaken(TurnTaken(round: round, table: 1, participantID: "ben", seconds: 30)))
        apply(.turnTaken(TurnTaken(round: round + 1, table: 1, participantID: "ben", seconds: 500)))  // another round: not counted
        apply(.contributionAdded(ContributionAdded(contributionID: "k1", authorID: "cy", round: round, table: 2, kind: .idea, text: "One")))
        apply(.contributionAdded(ContributionAdded(contributionID: "k2", authorID: "cy", round: round, table: 2, kind: .idea, text: "Two")))
        apply(.contributionAdded(ContributionAdded(contributionID: "k3", authorID: "dee", round: round, table: 2, kind: .idea, text: "Three")))
        apply(.contributionHidden(ContributionHidden(contributionID: "k3", reason: "off topic")))

        let view = ConsoleView(state: state, now: 0)
        let first = try #require(view.tables.first { $0.table == 1 })
        let ana = try #require(first.members.first { $0.id == "ana" })
        let ben = try #require(first.members.first { $0.id == "ben" })
        #expect((ana.turns, ana.seconds) == (2, 90))
        #expect((ben.turns, ben.seconds) == (1, 30))
        #expect(first.topSharePercent == 75)
        let second = try #require(view.tables.first { $0.table == 2 })
        #expect(second.members.first { $0.id == "cy" }?.contributions == 2)
        #expect(second.members.first { $0.id == "dee" }?.contributions == 1, "a hidden idea was still said")
        #expect(second.contributions == 2, "the table shows only visible ideas")
        #expect(view.participants.map(\.table) == [1, 1, 2, 2])
    }

    @Test func resultsTallyEveryStatementByGroupMostAgreedFirst() throws {
        var state = try PhoneAudienceTests.seatedRoom()
        var version = state.version
        func apply(_ event: ConversationEvent) {
            version += 1
            state.apply(EventEnvelope(id: UUID(), at: version, event: event))
        }
        apply(.participantRegistered(ParticipantRegistered(participantID: "ana", name: "Ana", group: "student")))
        apply(.participantRegistered(ParticipantRegistered(participantID: "ben", name: "Ben", group: "staff")))
        apply(.statementAdded(StatementAdded(statementID: "s1", text: "Mentors")))
        apply(.statementAdded(StatementAdded(statementID: "s2", text: "Fewer exams")))
        for (person, vote) in [("ana", Vote.agree), ("ben", .disagree), ("cy", .disagree)] {
            apply(.voteCast(VoteCast(participantID: person, statementID: "s1", vote: vote)))
        }
        for person in ["ana", "ben", "cy"] { apply(.voteCast(VoteCast(participantID: person, statementID: "s2", vote: .agree))) }
        apply(.voteCast(VoteCast(participantID: "cy", statementID: "s2", vote: .pass)))  // a changed vote counts once, as its latest

        // The design's own statements have no votes; ours rank by agree minus disagree.
        let results = ConsoleView(state: state, now: 0).statements.filter { $0.id.hasPrefix("s") }
        #expect(results.map(\.id) == ["s2", "s1"])
        let mentors = try #require(results.last)
        #expect((mentors.tally.agree, mentors.tally.disagree, mentors.tally.pass) == (1, 2, 0))
        #expect(mentors.tally.byGroup["student"] == [1, 0, 0])
        #expect(mentors.tally.byGroup["staff"] == [0, 1, 0])
        #expect(mentors.tally.byGroup["—"] == [0, 1, 0], "people with no group are counted apart")
        #expect((results[0].tally.agree, results[0].tally.pass) == (2, 1))
        #expect(state.participant("ana")?.name == "Ana", "a re-registration updates the person found by id")
    }
}
