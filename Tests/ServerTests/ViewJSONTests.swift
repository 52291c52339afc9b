import CoCreateCore
import DesignFiles
import Foundation
import Testing
@testable import Server

/// The live views write their own JSON; it must say exactly what their `Encodable` form says, at every
/// step of a conversation, so a field added to a view and not to its writer fails here.
struct ViewJSONTests {
    @Test func everyViewWritesWhatFoundationsEncoderWritesAtEveryStepOfAConversation() throws {
        let design = try #require(try DesignLibrary.design(named: "cooperative-knowledge-cafe"))
        var state = ConversationState(id: "c1")
        var version: Int64 = 0
        var compared = 0
        func step(_ event: ConversationEvent) throws {
            version += 1
            state.apply(EventEnvelope(id: UUID(), at: version * 1_000, event: event))
            let now = version * 1_000 + 500
            try expectSameJSON(JSONOutput.liveMessage(ConsoleView(state: state, now: now)), ["view": ConsoleView(state: state, now: now)])
            try expectSameJSON(JSONOutput.liveMessage(ScreenView(state: state, now: now)), ["view": ScreenView(state: state, now: now)])
            for person in ["ana", "ben", "cy", "dee", "eve"] {
                let phone = ParticipantView(state: state, participantID: person, now: now)
                try expectSameJSON(JSONOutput.liveMessage(phone), ["view": phone])
            }
            compared += 1
        }
        try step(.conversationCreated(ConversationCreated(joinCode: "ABCD-EFGH", design: design, facilitator: "fran")))
        let groups = ["student", "staff", nil, "parent \"quoted\" <b>&</b>"]
        for (index, id) in ["ana", "ben", "cy", "dee"].enumerated() {
            try step(.participantRegistered(ParticipantRegistered(participantID: id, name: "\(id) é \u{1F600}", group: groups[index])))
        }
        try step(.participantArrived(ParticipantRef(participantID: "ana")))
        let roles: [TableRole?] = [.host, .timekeeper, .scribe, nil]
        let tables = [SeatedTable(table: 1, seats: [Seat(participantID: "ana", role: roles[0]), Seat(participantID: "ben", role: roles[1])]),
                      SeatedTable(table: 2, seats: [Seat(participantID: "cy", role: roles[2]), Seat(participantID: "dee", role: roles[3])])]
        try step(.seatingPublished(SeatingPublished(fromRound: 1, rounds: [SeatedRound(round: 1, tables: tables), SeatedRound(round: 2, tables: tables.reversed())])))
        for (index, phase) in design.phases.enumerated() {
            try step(.phaseStarted(PhaseStarted(phaseIndex: index, seconds: phase.minutes * 60)))
            let round = state.roundToSeat ?? 1
            try step(.contributionAdded(ContributionAdded(contributionID: "k\(index)", authorID: index % 2 == 0 ? "ana" : nil, round: round,
                                                         table: index % 3 == 0 ? nil : 1, kind: .idea, text: "Idea\n\t\"\(index)\" \\ <ok>")))
            try step(.turnTaken(TurnTaken(round: round, table: 1, participantID: "ben", seconds: 45 + index)))
            try step(.statementAdded(StatementAdded(statementID: "s\(index)", text: "Statement \(index)", cost: index % 2 == 0 ? 100 * index : nil)))
            try step(.voteCast(VoteCast(participantID: ["ana", "ben", "cy", "dee"][index % 4], statementID: "s\(index)", vote: [Vote.agree, .disagree, .pass][index % 3])))
            try step(.dotsPlaced(DotsPlaced(participantID: "cy", dots: ["s\(index)": 2])))
            try step(.commitmentMade(CommitmentMade(commitmentID: "m\(index)", text: "Do \(index)", ownerIDs: ["dee"], outsideOwners: ["The Head"],
                                                   due: index % 2 == 0 ? "2026-12-0\(index % 9 + 1)" : nil, madeBy: "cy")))
            if index == 1 { try step(.phasePaused(PhaseRef(phaseIndex: index))) }
            try step(.phaseEnded(PhaseEnded(phaseIndex: index)))
        }
        try step(.contributionHidden(ContributionHidden(contributionID: "k1", reason: "off topic")))
        try step(.conversationClosed(ConversationClosed()))
        #expect(compared > 50)
    }

    private func expectSameJSON(_ written: String, _ encodable: [String: some Encodable], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let mine = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? NSDictionary
        let referenceData = try JSONEncoder().encode(encodable)
        let reference = try JSONSerialization.jsonObject(with: referenceData) as? NSDictionary
        #expect(mine != nil, "not a JSON object: \(written.prefix(200))", sourceLocation: sourceLocation)
        #expect(mine == reference, "\(written)\nversus\n\(String(decoding: referenceData, as: UTF8.self))", sourceLocation: sourceLocation)
    }
}
