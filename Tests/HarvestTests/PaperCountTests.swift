import Foundation
import Testing
@testable import Harvest

/// Votes counted on paper join the phone votes in the report's figures, and the report says
/// how each count was cast.
@Suite struct PaperCountTests {
    static func conversation() -> HarvestConversation {
        let statements = [StatementRecord(id: "s1", text: "Start at nine"), StatementRecord(id: "s2", text: "Longer lunch")]
        var votes: [VoteRecord] = []
        // Two pupils and two parents on phones; the first pupil changes their mind (the latest vote counts).
        votes.append(VoteRecord(participant: "a", statement: "s1", choice: .disagree, time: 1))
        votes.append(VoteRecord(participant: "a", statement: "s1", choice: .agree, time: 2))
        votes.append(VoteRecord(participant: "b", statement: "s1", choice: .agree, time: 3))
        votes.append(VoteRecord(participant: "c", statement: "s1", choice: .disagree, time: 4))
        votes.append(VoteRecord(participant: "d", statement: "s1", choice: .pass, time: 5))
        var conversation = HarvestConversation(title: "School day", voting: VotingData(statements: statements, votes: votes))
        conversation.participants = [("a", "pupil"), ("b", "pupil"), ("c", "parent"), ("d", "parent")].map { ParticipantRecord(id: $0.0, group: $0.1) }
        conversation.paperCounts = [
            PaperCount(statement: "s1", group: "parent", method: .ballots, tally: VoteTally(agree: 6, disagree: 1, pass: 0)),
            PaperCount(statement: "s2", group: nil, method: .hands, tally: VoteTally(agree: 9, disagree: 3, pass: 2)),
        ]
        return conversation
    }

    @Test func countsByMethodAndAllTogether() {
        let counted = VoteCounting.counted(Self.conversation().voting, paper: Self.conversation().paperCounts)
        #expect(counted.map(\.id) == ["s1", "s2"])
        #expect(counted[0].phones == VoteTally(agree: 2, disagree: 1, pass: 1))
        #expect(counted[0].paper.map(\.method) == [.ballots] && counted[0].paper[0].groups == ["parent"])
        #expect(counted[0].together == VoteTally(agree: 8, disagree: 2, pass: 1))
        #expect(counted[1].phones == VoteTally() && counted[1].together == VoteTally(agree: 9, disagree: 3, pass: 2))
    }

    @Test func groupCountsJoinTheGroupBarsAndTheConsensus() throws {
        let conversation = Self.conversation()
        let analysis = try VoteAnalysis.analyze(conversation.voting, declaredGroups: conversation.declaredGroups)
        let report = HarvestReportInput(conversation: conversation, analysis: analysis)
        let row = try #require(report.consensus.first { $0.id == "s1" })
        #expect(row.total == VoteTally(agree: 8, disagree: 2, pass: 1))
        let parents = try #require(row.groups.first { $0.group == "parent" })
        #expect(parents.tally == VoteTally(agree: 6, disagree: 2, pass: 1))
        // (2 + 1) / (2 + 2) for the pupils times (6 + 1) / (9 + 2) for the parents.
        #expect(abs((row.consensus ?? 0) - 3.0 / 4.0 * 7.0 / 11.0) < 1e-12)
    }

    @Test func theReportSaysHowEachCountWasCast() throws {
        let conversation = Self.conversation()
        let html = HarvestReport.html(HarvestReport.build(conversation))
        let section = try #require(html.range(of: "<section id=\"counting\">").map { String(html[$0.lowerBound...].prefix(2_000)) })
        for text in ["How the votes were counted", "<th>Phones</th><th>Paper ballots</th><th>Show of hands</th><th>All together</th>",
                     "2 agree · 1 disagree · 1 pass", "8 agree · 2 disagree · 1 pass", "counted by group: parent", "9 agree · 3 disagree · 2 pass"] {
            #expect(section.contains(text), "the counting section lacks \(text)")
        }
    }

    @Test func phoneOnlyRoomsHaveNoCountingSection() {
        var conversation = Self.conversation()
        conversation.paperCounts = []
        let report = HarvestReport.build(conversation)
        #expect(report.counting.isEmpty)
        #expect(!HarvestReport.html(report).contains("How the votes were counted"))
    }

    @Test func theExportHasAVoteCountsFile() throws {
        let conversation = Self.conversation()
        let analysis = try VoteAnalysis.analyze(conversation.voting, declaredGroups: conversation.declaredGroups)
        let report = HarvestReportInput(conversation: conversation, analysis: analysis)
        let file = try #require(HarvestExport.csvFiles(conversation: conversation, report: report, analysis: analysis)["vote-counts.csv"])
        let table = try CSVTable(parsing: file, fileName: "vote-counts.csv")
        #expect(table.rows.map { $0.fields[2] } == ["phones", "paper-ballots", "all-together", "phones", "show-of-hands", "all-together"])
    }
}

/// The report says what was recorded: turns not kept are "not recorded", never "evenness 1.00".
@Suite struct ParticipationWordingTests {
    static func conversation(turns: [TurnRecord]) -> HarvestConversation {
        var conversation = HarvestConversation(title: "Room", voting: VotingData(statements: [], votes: []))
        conversation.participants = (1...6).map { ParticipantRecord(id: "p\($0)", group: $0 <= 3 ? "pupil" : "parent", table: $0 <= 3 ? "1" : "2") }
        conversation.contributions = [ContributionRecord(id: "c1", text: "Shade in the yard", author: "p1", table: "1")]
        conversation.turns = turns
        return conversation
    }

    @Test func withoutTurnsTheFiguresAreOfIdeasAndSayTurnsWereNotRecorded() throws {
        let report = HarvestReport.build(Self.conversation(turns: []))
        let equity = try #require(report.equity)
        #expect(equity.measure == .contributions)
        let html = HarvestReport.html(report)
        #expect(html.contains("Turns were not recorded"))
        #expect(html.contains("1 idea written, too little recorded to judge evenness"))
        #expect(!html.contains("0 turns, evenness 1.00"))
    }

    @Test func withTurnsATableWithEnoughRecordedGetsItsEvenness() throws {
        let turns = ["p1", "p2", "p3", "p1"].map { TurnRecord(participant: $0, table: "1", seconds: 0) }
        let html = HarvestReport.html(HarvestReport.build(Self.conversation(turns: turns)))
        #expect(html.contains("4 turns, evenness"))
        #expect(html.contains("0 turns, too little recorded to judge evenness"))
    }
}
