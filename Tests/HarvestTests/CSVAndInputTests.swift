import CSVFiles
import Foundation
import Testing
@testable import Harvest

@Suite struct CSVTableTests {
    @Test func readsQuotesEmbeddedNewlinesCommasAndCRLF() throws {
        let text = "\u{FEFF}id,body\r\n1,\"Hello, world\"\r\n2,\"She said \"\"hi\"\"\nand left\"\r\n\r\n3,plain\r\n"
        let table = try CSVTable(parsing: text, fileName: "t.csv")
        #expect(table.header == ["id", "body"])
        #expect(table.rows.map(\.fields) == [["1", "Hello, world"], ["2", "She said \"hi\"\nand left"], ["3", "plain"]])
        #expect(table.rows.map(\.line) == [2, 3, 6])
    }

    @Test func unterminatedQuoteNamesTheLine() {
        #expect(throws: HarvestError.self) { try CSVTable(parsing: "a,b\n1,2\n3,\"open\n", fileName: "x.csv") }
        do {
            _ = try CSVTable(parsing: "a,b\n1,2\n3,\"open\n", fileName: "x.csv")
        } catch {
            #expect(error.file == "x.csv" && error.line == 3 && error.column == "field 2")
        }
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = try #require(throws: HarvestError.self) { try CSVTable(parsing: "a\n\"x\"y\n", fileName: "x.csv") }
        #expect(error.line == 2)
    }

    @Test func writerRoundTrips() throws {
        let rows = [["1", "comma, inside"], ["2", "quote \" and\nnewline"]]
        let table = try CSVTable(parsing: CSVWriter.document(header: ["id", "text"], rows: rows), fileName: "w.csv")
        #expect(table.rows.map(\.fields) == rows)
    }
}

@Suite struct PolisInputErrorTests {
    let comments = "comment-id,author-id,moderated,comment-body\n1,0,1,First\n2,0,-1,Rejected\n3,1,1,Third\n"

    @Test func missingColumnIsNamed() {
        let error = #expect(throws: HarvestError.self) {
            try PolisExport.votes(fromVotesCSV: "timestamp,comment-id,voter-id\n1,1,1\n", fileName: "votes.csv")
        }
        #expect(error?.column == "vote")
        #expect(error?.description.contains("votes.csv, line 1, column vote") == true)
    }

    @Test func voteForUnknownCommentNamesTheLine() throws {
        let votes = "timestamp,comment-id,voter-id,vote\n1,1,a,1\n2,9,a,1\n"
        let error = #expect(throws: HarvestError.self) { try PolisExport.votingData(commentsCSV: comments, votesCSV: votes) }
        #expect(error?.line == 3 && error?.column == "comment-id")
    }

    @Test func badVoteValueSaysWhatIsAllowed() {
        let error = #expect(throws: HarvestError.self) {
            try PolisExport.votes(fromVotesCSV: "comment-id,voter-id,vote\n1,a,yes\n")
        }
        #expect(error?.problem.contains("allowed are 1 (agree), -1 (disagree) and 0 (pass)") == true)
    }

    @Test func shortLineIsAnError() {
        let error = #expect(throws: HarvestError.self) { try PolisExport.votes(fromVotesCSV: "comment-id,voter-id,vote\n1,a\n") }
        #expect(error?.line == 2)
    }

    @Test func emptyConversationIsAClearError() throws {
        let data = try PolisExport.votingData(commentsCSV: comments, votesCSV: "comment-id,voter-id,vote\n")
        let error = #expect(throws: HarvestError.self) { try VoteAnalysis.analyze(data) }
        #expect(error?.problem.contains("no votes") == true)
        let none = #expect(throws: HarvestError.self) { try VoteAnalysis.analyze(VotingData(statements: [], votes: [])) }
        #expect(none?.problem.contains("no statements") == true)
        #expect(throws: HarvestError.self) { try PolisExport.statements(fromCommentsCSV: "") }
    }

    @Test func latestVoteWinsAndRejectedCommentsAreLeftOut() throws {
        let votes = "timestamp,comment-id,voter-id,vote\n5,1,a,-1\n1,1,a,1\n2,2,a,1\n3,3,b,0\n3,3,b,1\n"
        let analysis = try VoteAnalysis.analyze(try PolisExport.votingData(commentsCSV: comments, votesCSV: votes), declaredGroups: ["a": "x", "b": "y"])
        let statements = try #require(analysis.declared).statements
        #expect(statements.map(\.id) == ["1", "3"])
        #expect(statements[0].byGroup["x"] == VoteTally(agree: 0, disagree: 1, pass: 0))
        // Equal timestamps: the later line wins.
        #expect(statements[1].byGroup["y"] == VoteTally(agree: 1, disagree: 0, pass: 0))
        #expect(analysis.voteCount == 2)
    }

    @Test func onlyListedPeopleCountWithDeclaredGroups() throws {
        let votes = "comment-id,voter-id,vote\n1,a,1\n1,b,1\n1,c,-1\n"
        let analysis = try VoteAnalysis.analyze(try PolisExport.votingData(commentsCSV: comments, votesCSV: votes), declaredGroups: ["a": "x", "c": "y"])
        #expect(analysis.participants == ["a", "c"])
        #expect(analysis.declared?.statements[0].total == VoteTally(agree: 1, disagree: 1, pass: 0))
    }

    @Test func groupsCSVAcceptsCommonHeadersAndRejectsConflicts() throws {
        #expect(try PolisExport.groups(fromGroupsCSV: "participant,group\n1,staff\n2,\n3,students\n", fileName: "g.csv") == ["1": "staff", "3": "students"])
        #expect(try PolisExport.groups(fromGroupsCSV: "voter-id,stakeholder\n1,staff\n", fileName: "g.csv") == ["1": "staff"])
        #expect(throws: HarvestError.self) { try PolisExport.groups(fromGroupsCSV: "who,what\n1,staff\n", fileName: "g.csv") }
        #expect(throws: HarvestError.self) { try PolisExport.groups(fromGroupsCSV: "participant,group\n1,staff\n1,students\n", fileName: "g.csv") }
    }
}
