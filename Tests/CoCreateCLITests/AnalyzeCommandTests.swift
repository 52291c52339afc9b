// Uses the open Polis data in ../shared/data/polis/.
//
// --------------- BEGIN STATEMENT ---------------
// Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under
// CC BY 4.0 with Attribution to The Computational Democracy Project. The data and more information
// about how the data was collected can be found at the following link(s):
// https://compdemocracy.org/case-studies/2018-kentucky
// https://compdemocracy.org/case-studies/2017-brexit-consensus
// https://compdemocracy.org/case-studies/2022-london-youth-policing
// https://compdemocracy.org/case-studies/2017-scoop-hivemind-freshwater
// --------------- END STATEMENT ---------------

import Foundation
import Harvest
import Testing
#if canImport(CoCreateCLI)
@testable import CoCreateCLI
#else
@testable import DevCLI
#endif

private let polisRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/data/polis")

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Plain recomputation from the raw files: latest vote per voter and comment, rejected comments out,
/// only people with a group id in participants-votes.csv.
private func directCounts(_ folder: URL) throws -> (groups: [String: String], counts: [String: [String: (agree: Int, disagree: Int, votes: Int)]], voters: Set<String>) {
    let participantLines = try String(contentsOf: folder.appendingPathComponent("participants-votes.csv"), encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let p = participantLines[0].firstIndex(of: "participant")!, g = participantLines[0].firstIndex(of: "group-id")!
    var groups: [String: String] = [:]
    for line in participantLines.dropFirst() where !line[g].isEmpty { groups[line[p]] = line[g] }
    let comments = try PolisExport.statements(fromCommentsCSV: String(contentsOf: folder.appendingPathComponent("comments.csv"), encoding: .utf8))
    let rejected = Set(comments.filter(\.moderatedOut).map(\.id))
    var latest: [String: (Int64, Int, Int)] = [:]
    let voteLines = try String(contentsOf: folder.appendingPathComponent("votes.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
    for (number, line) in voteLines.enumerated() {
        let f = line.split(separator: ",").map(String.init)
        let key = f[2] + " " + f[3], time = Int64(f[0])!
        if let seen = latest[key], (seen.0, seen.1) > (time, number) { continue }
        latest[key] = (time, number, Int(f[4])!)
    }
    var counts: [String: [String: (agree: Int, disagree: Int, votes: Int)]] = [:]
    var voters = Set<String>()
    for (key, vote) in latest {
        let parts = key.split(separator: " ").map(String.init)
        guard !rejected.contains(parts[0]), let group = groups[parts[1]] else { continue }
        voters.insert(parts[1])
        var tally = counts[parts[0], default: [:]][group] ?? (0, 0, 0)
        tally.votes += 1
        if vote.2 == 1 { tally.agree += 1 }
        if vote.2 == -1 { tally.disagree += 1 }
        counts[parts[0], default: [:]][group] = tally
    }
    return (groups, counts, voters)
}

@Suite struct AnalyzeCommandTests {
    @Test(arguments: ["bg2050-volunteers", "brexit-consensus", "london.youth.policing", "scoop-hivemind.freshwater"])
    func reproducesPolisGroupCountsAndConsensus(_ name: String) throws {
        let folder = polisRoot.appendingPathComponent(name)
        let direct = try directCounts(folder)
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let groupsFile = scratch.appendingPathComponent("groups.csv")
        let csv = "participant,group\n" + direct.groups.map { "\($0.key),\($0.value)" }.joined(separator: "\n") + "\n"
        try Data(csv.utf8).write(to: groupsFile)

        let output = try AnalyzeRequest(input: folder.path, groupsFile: groupsFile.path, json: true).execute()
        let summary = try JSONDecoder().decode(VoteAnalysisSummary.self, from: Data(output.utf8))
        #expect(summary.groupSource == "declared")
        // Everyone in the groups file with a counted vote (people who only voted on rejected comments have none).
        #expect(summary.groups == direct.groups.filter { direct.voters.contains($0.key) })
        let groupNames = Set(direct.groups.values)
        #expect(!summary.comments.isEmpty)
        for comment in summary.comments {
            var gic = 1.0
            for group in groupNames {
                let expected = direct.counts[comment.id]?[group] ?? (0, 0, 0)
                let actual = try #require(comment.groups[group])
                #expect(actual.agree == expected.agree && actual.disagree == expected.disagree && actual.votes == expected.votes, "\(name) \(comment.id) \(group)")
                gic *= Double(expected.agree + 1) / Double(expected.votes + 2)
            }
            #expect(abs(comment.gic - gic) < 1e-9, "\(name) comment \(comment.id)")
        }
        #expect(Set(summary.representative.keys) == groupNames)
        // The required top-level keys are present in the raw JSON.
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        for key in ["groups", "comments", "representative", "consensus"] { #expect(raw[key] != nil, "missing \(key)") }
    }

    @Test func jsonCarriesPolissPCAAndEveryVoter() throws {
        let output = try AnalyzeRequest(input: polisRoot.appendingPathComponent("brexit-consensus").path, json: true).execute()
        let summary = try JSONDecoder().decode(VoteAnalysisSummary.self, from: Data(output.utf8))
        let pca = try #require(summary.pca)
        #expect(pca.components.count == 2 && pca.components.allSatisfy { $0.count == pca.statements.count } && pca.center.count == pca.statements.count)
        #expect(summary.participants.count == 204)
        // Everyone grouped is in the conversation, and everyone in a group is in "groups".
        #expect(summary.participants.allSatisfy { $0.group == nil || $0.inConversation })
        #expect(summary.participants.filter { $0.group != nil }.count == summary.groups.count)
        #expect(summary.leftOutForFewVotes == summary.participants.filter { !$0.inConversation }.count)
        for picks in summary.representative.values {
            #expect(!picks.isEmpty && picks.allSatisfy { ["agree", "disagree"].contains($0.direction) && $0.seen >= $0.agree + $0.disagree })
        }
    }

    @Test func textSummaryWithEmergentGroups() throws {
        let output = try AnalyzeRequest(input: polisRoot.appendingPathComponent("brexit-consensus").path).execute()
        #expect(output.hasPrefix("brexit-consensus: 50 statements, 204 voters"))
        #expect(output.contains("opinion groups found from the votes"))
        #expect(output.contains("Group-informed consensus"))
        #expect(output.contains("Representative statements"))
    }

    @Test func writesTheHTMLReportForAConversationJSON() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("conversation.json")
        try SyntheticData.schoolConversation().encodedJSON().write(to: input)
        let html = scratch.appendingPathComponent("report.html")
        let output = try AnalyzeRequest(input: input.path, htmlFile: html.path).execute()
        #expect(output.contains("declared groups"))
        #expect(try String(contentsOf: html, encoding: .utf8).contains("Homework that works"))
    }

    @Test func exportsEverythingAndReadsItsOwnPolisExportBack() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("conversation.json")
        try SyntheticData.schoolConversation().encodedJSON().write(to: input)
        let exported = scratch.appendingPathComponent("export")
        _ = try AnalyzeRequest(input: input.path, exportFolder: exported.path).execute()
        let names = try Set(FileManager.default.contentsOfDirectory(atPath: exported.path))
        #expect(names.isSuperset(of: ["statements.csv", "themes.csv", "participation.csv", "commitments.csv", "harvest.json", "polis"]))
        let again = try AnalyzeRequest(input: exported.appendingPathComponent("polis").path, json: true).execute()
        #expect(try JSONDecoder().decode(VoteAnalysisSummary.self, from: Data(again.utf8)).comments.count == 12)
    }

    @Test(.enabled(if: ChromiumPrinter.executable() != nil, "headless Chromium is not installed"))
    func printsTheReportToPDF() throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("conversation.json")
        try SyntheticData.schoolConversation().encodedJSON().write(to: input)
        let pdf = scratch.appendingPathComponent("report.pdf")
        _ = try AnalyzeRequest(input: input.path, pdfFile: pdf.path).execute()
        #expect(try Data(contentsOf: pdf).starts(with: Array("%PDF".utf8)))
    }

    private func badInput(votes: String, comments: String = "comment-id,author-id,moderated,comment-body\n1,0,1,\"First, with a comma\"\n") throws -> String {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(comments.utf8).write(to: folder.appendingPathComponent("comments.csv"))
        try Data(votes.utf8).write(to: folder.appendingPathComponent("votes.csv"))
        do {
            _ = try AnalyzeRequest(input: folder.path, json: true).execute()
        } catch {
            return String(describing: error).replacingOccurrences(of: folder.path + "/", with: "")
        }
        Issue.record("expected an error")
        return ""
    }

    @Test func badInputGetsAClearMessage() throws {
        let missingColumn = try badInput(votes: "timestamp,comment-id,voter-id\n1,1,7\n")
        #expect(missingColumn.hasPrefix("votes.csv, line 1, column vote: the header has no column \"vote\""))
        let unknownComment = try badInput(votes: "timestamp,comment-id,voter-id,vote\n1,1,7,1\n2,42,7,1\n")
        #expect(unknownComment.hasPrefix("votes.csv, line 3, column comment-id: a vote for comment \"42\""))
        let empty = try badInput(votes: "timestamp,comment-id,voter-id,vote\n")
        #expect(empty.contains("there are no votes to analyse"))
        let badVote = try badInput(votes: "comment-id,voter-id,vote\n1,7,2\n")
        #expect(badVote.contains("line 2, column vote") && badVote.contains("allowed are 1 (agree), -1 (disagree) and 0 (pass)"))
        let missingFolder = String(describing: #expect(throws: (any Error).self) { try AnalyzeRequest(input: "/no/such/folder").execute() }!)
        #expect(missingFolder.contains("no such file or folder"))
    }

    @Test func commandLineParsesItsOptions() throws {
        let command = try AnalyzeCommand.parse(["some/folder", "--groups", "g.csv", "--json", "--seed", "3"])
        #expect(command.input == "some/folder" && command.groupsFile == "g.csv" && command.json && command.seed == 3)
    }
}
