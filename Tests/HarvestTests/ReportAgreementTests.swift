import Foundation
import Testing
@testable import Harvest

/// The report calls a statement agreed only when every group agrees by the margin it states, gives every
/// group its representative statements or says that nothing sets it apart, and counts who is off the map.
@Suite struct ReportAgreementTests {
    /// Twelve people in two declared groups of six. s1: all twelve agree. s2: pupils split 3 to 3,
    /// parents agree. s3: four parents agree, two pass; pupils agree.
    static func conversation() -> HarvestConversation {
        let statements = [StatementRecord(id: "s1", text: "Keep the library open"), StatementRecord(id: "s2", text: "Ban phones at lunch"),
                          StatementRecord(id: "s3", text: "More clubs")]
        var votes: [VoteRecord] = []
        var time: Int64 = 0
        func vote(_ person: String, _ statement: String, _ choice: VoteChoice) {
            time += 1
            votes.append(VoteRecord(participant: person, statement: statement, choice: choice, time: time))
        }
        let pupils = (1...6).map { "pupil\($0)" }, parents = (1...6).map { "parent\($0)" }
        for person in pupils + parents { vote(person, "s1", .agree) }
        for (index, person) in pupils.enumerated() { vote(person, "s2", index < 3 ? .agree : .disagree) }
        for person in parents { vote(person, "s2", .agree) }
        for person in pupils { vote(person, "s3", .agree) }
        for (index, person) in parents.enumerated() { vote(person, "s3", index < 4 ? .agree : .pass) }
        var conversation = HarvestConversation(title: "Library", voting: VotingData(statements: statements, votes: votes))
        conversation.participants = pupils.map { ParticipantRecord(id: $0, group: "pupils") } + parents.map { ParticipantRecord(id: $0, group: "parents") }
        return conversation
    }

    @Test func agreedMeansEveryGroupAgreesByTheStatedMargin() throws {
        let report = HarvestReport.build(Self.conversation())
        #expect(report.agreed.map(\.id) == ["s1"], "\(report.agreed.map(\.id))")
        #expect(report.consensus.map(\.id).contains("s2"), "s2 is still ranked, but not called agreed")
        let html = HarvestReport.html(report)
        let start = try #require(html.range(of: "<section id=\"consensus\">"))
        let section = String(html[start.lowerBound...].prefix { _ in true }.split(separator: "</section>", maxSplits: 1)[0])
        #expect(section.contains("at least 50% agree"))
        #expect(section.contains("Keep the library open") && !section.contains("Ban phones at lunch"))
        #expect(!html.contains("consensus 0."), "no bare consensus score is shown as a badge")
    }

    @Test func theStatedExampleHolds() {
        // The report says three of three agreeing is enough and two of two is not.
        #expect(ShareInterval.ninety(successes: 3, of: 3).lower >= GroupComparison.agreedThreshold)
        #expect(ShareInterval.ninety(successes: 2, of: 2).lower < GroupComparison.agreedThreshold)
    }

    @Test func withNothingAgreedTheReportSaysSo() {
        var conversation = Self.conversation()
        conversation.voting.votes.removeAll { $0.statement == "s1" || $0.statement == "s3" }
        let html = HarvestReport.html(HarvestReport.build(conversation))
        #expect(html.contains("No statement was agreed in every group by that margin"))
    }

    @Test func everyGroupGetsItsStatementsOrNothingSetsItApart() throws {
        let report = HarvestReport.build(Self.conversation())
        let html = HarvestReport.html(report)
        let start = try #require(html.range(of: "<h2>What sets each group apart</h2>"))
        let section = String(html[start.lowerBound...].prefix(6_000))
        for group in report.groupNames {
            let heading = "<h3>\(ReportPage(report: report, w: .english).groupLabel(group))</h3>"
            let after = try #require(section.range(of: heading), "group \(group) has no heading")
            let rest = section[after.upperBound...]
            let next = rest.range(of: "<h3>")?.lowerBound ?? rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
            let body = rest[..<next]
            #expect(body.contains("class=\"statement\"") || body.contains("Nothing sets this group apart"), "group \(group): \(body.prefix(300))")
        }
    }
}
