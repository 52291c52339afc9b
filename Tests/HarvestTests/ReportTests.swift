import Foundation
import Testing
@testable import Harvest

@Suite struct ReportTests {
    @Test func reportHasEverySectionAndEscapesText() throws {
        var conversation = SyntheticData.schoolConversation()
        conversation.title = "Homework <script>alert(1)</script> & \"more\""
        conversation.contributions.append(ContributionRecord(id: "evil", text: "<img src=x onerror=alert(1)>", author: "p1"))
        let html = HarvestReport.html(HarvestReport.build(conversation))
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html.contains("Homework &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"))
        for heading in ["Who took part", "Themes", "What people agree on across groups", "Where groups differ", "Opinion map", "Who spoke and wrote", "Commitments", "Participatory budget", "Dot vote"] {
            #expect(html.contains(heading), "missing \(heading)")
        }
        #expect(html.contains("<svg class=\"map\""))
        #expect(html.contains("@media print"))
        // No names unless the facilitator chooses.
        #expect(!html.contains("Amira"))
        conversation.showNames = true
        #expect(HarvestReport.html(HarvestReport.build(conversation)).contains("Amira"))
    }

    @Test func smallRoomsCarryACaution() {
        let report = HarvestReport.build(SyntheticData.schoolConversation())
        #expect(report.participantCount == 30)
        #expect(report.notes.contains { $0.key == "report.note.unstable" })
        // harvest.json carries each caution in English for a person reading the file.
        let json = String(decoding: HarvestExport.json(report: report, analysis: nil), as: UTF8.self)
        #expect(json.contains("With 30 people voting, opinion groups are unstable"), "\(json.prefix(400))")
        #expect(report.groupKind == .declared)
        #expect(report.groupNames == ["Parents", "Staff", "Students"])
        #expect(!report.opinionMap.isEmpty && report.opinionMap.allSatisfy { $0.declaredGroup != nil })
    }

    @Test func conversationWithoutVotesStillGetsAReport() {
        var conversation = HarvestConversation(title: "Empty", voting: VotingData(statements: [], votes: []))
        conversation.contributions = [ContributionRecord(id: "1", text: "An idea")]
        let html = HarvestReport.html(HarvestReport.build(conversation))
        #expect(html.contains("Nobody voted"))
        #expect(html.contains("An idea"))
    }

    @Test func polisFormatExportRoundTrips() throws {
        let conversation = SyntheticData.schoolConversation()
        let files = PolisFormatExport.files(conversation.voting, groups: conversation.declaredGroups ?? [:])
        let reread = try PolisExport.votingData(commentsCSV: files["comments.csv"]!, votesCSV: files["votes.csv"]!)
        let groups = try PolisExport.groups(fromParticipantsVotesCSV: files["participants-votes.csv"]!)
        #expect(groups == conversation.declaredGroups)
        let original = try VoteAnalysis.analyze(conversation.voting, declaredGroups: groups)
        let again = try VoteAnalysis.analyze(reread, declaredGroups: groups)
        #expect(original.declared == again.declared)
        #expect(reread.statements.map(\.text) == conversation.voting.statements.map(\.text))
    }

    @Test func csvAndJSONExportsCoverEverything() throws {
        let conversation = SyntheticData.schoolConversation()
        let analysis = try VoteAnalysis.analyze(conversation.voting, declaredGroups: conversation.declaredGroups)
        let report = HarvestReportInput(conversation: conversation, analysis: analysis)
        let files = HarvestExport.csvFiles(conversation: conversation, report: report, analysis: analysis)
        #expect(Set(files.keys) == ["statements.csv", "themes.csv", "participation.csv", "dot-votes.csv", "budget.csv", "commitments.csv"])
        let statements = try CSVTable(parsing: files["statements.csv"]!, fileName: "statements.csv")
        #expect(statements.rows.count == 12 && statements.header.contains("Students agree"))
        let json = try JSONSerialization.jsonObject(with: HarvestExport.json(report: report, analysis: analysis)) as? [String: Any]
        #expect(json?["report"] != nil && json?["analysis"] != nil)
        let decoded = try HarvestConversation.decode(json: conversation.encodedJSON())
        #expect(decoded == conversation)
    }

    @Test func conversationJSONErrorsNameTheField() {
        let error = #expect(throws: HarvestError.self) {
            try HarvestConversation.decode(json: Data(#"{"voting": {"statements": [{"id": 1}], "votes": []}}"#.utf8))
        }
        #expect(error?.column?.contains("statements") == true)
    }
}
