import CSVFiles
import Foundation

/// Writes a conversation in Polis's export format, so Polis tools (and `cocreate analyze`) can read it.
public enum PolisFormatExport {
    /// `comments.csv`: timestamp, datetime, comment-id, author-id, agrees, disagrees, moderated
    /// (-1 rejected, 1 accepted), comment-body. Counts use each voter's latest vote.
    public static func commentsCSV(_ data: VotingData) -> String {
        var agrees: [String: Int] = [:], disagrees: [String: Int] = [:]
        var firstSeen: [String: Int64] = [:]
        for vote in data.votes { firstSeen[vote.statement] = min(firstSeen[vote.statement] ?? vote.time, vote.time) }
        for vote in data.latestVotes {
            if vote.choice == .agree { agrees[vote.statement, default: 0] += 1 }
            if vote.choice == .disagree { disagrees[vote.statement, default: 0] += 1 }
        }
        let rows = data.statements.map { statement -> [String] in
            let time = firstSeen[statement.id] ?? 0
            return [String(time), datetime(time), statement.id, statement.authorID ?? "", String(agrees[statement.id] ?? 0),
                    String(disagrees[statement.id] ?? 0), statement.moderatedOut ? "-1" : "1", statement.text]
        }
        return CSVWriter.document(header: ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"], rows: rows)
    }

    /// `votes.csv`: every vote as cast (history included), in time order; 1 agree, -1 disagree, 0 pass.
    public static func votesCSV(_ data: VotingData) -> String {
        let ordered = data.votes.enumerated().sorted { $0.element.time != $1.element.time ? $0.element.time < $1.element.time : $0.offset < $1.offset }
        return CSVWriter.document(
            header: ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
            rows: ordered.map { [String($0.element.time), datetime($0.element.time), $0.element.statement, $0.element.participant, String($0.element.choice.rawValue)] })
    }

    /// `participants-votes.csv`: one row per voter with group, counts and the latest vote on every
    /// comment (empty when they did not vote). `groups` is participant to group (e.g. an
    /// analysis's opinion groups or the declared groups).
    public static func participantsVotesCSV(_ data: VotingData, groups: [String: String] = [:]) -> String {
        var byVoter: [String: [String: VoteChoice]] = [:]
        for vote in data.latestVotes { byVoter[vote.participant, default: [:]][vote.statement] = vote.choice }
        var authored: [String: Int] = [:]
        for statement in data.statements { if let author = statement.authorID { authored[author, default: 0] += 1 } }
        let ids = data.statements.map(\.id)
        let rows = byVoter.keys.sorted(by: naturalOrder).map { voter -> [String] in
            let votes = byVoter[voter]!
            let agree = votes.values.filter { $0 == .agree }.count, disagree = votes.values.filter { $0 == .disagree }.count
            return [voter, groups[voter] ?? "", String(authored[voter] ?? 0), String(votes.count), String(agree), String(disagree)]
                + ids.map { votes[$0].map { String($0.rawValue) } ?? "" }
        }
        return CSVWriter.document(header: ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] + ids, rows: rows)
    }

    /// The three files by name.
    public static func files(_ data: VotingData, groups: [String: String] = [:]) -> [String: String] {
        ["comments.csv": commentsCSV(data), "votes.csv": votesCSV(data), "participants-votes.csv": participantsVotesCSV(data, groups: groups)]
    }

    /// Polis's datetime column, e.g. `Mon Jul 17 02:17:32 UTC 2017`, from milliseconds since 1970.
    static func datetime(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss 'UTC' yyyy"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}

/// Exports of everything the harvest found, as CSV files and one JSON document.
public enum HarvestExport {
    /// The full harvest as one JSON document: the report content and the vote analysis.
    public static func json(report: HarvestReportInput, analysis: VoteAnalysis?) -> Data {
        struct Bundle: Encodable { var report: HarvestReportInput; var analysis: VoteAnalysis? }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Bundle(report: report, analysis: analysis))) ?? Data()
    }

    /// CSV files by name: statements (votes per group and consensus), how votes were counted
    /// (when some were on paper), themes, participation, dot votes, budget and commitments. Files with nothing to say are left out.
    public static func csvFiles(conversation: HarvestConversation, report: HarvestReportInput, analysis: VoteAnalysis?) -> [String: String] {
        var files: [String: String] = [:]
        if let analysis {
            let comparison = analysis.primary
            let groups = comparison?.groupNames ?? []
            let across = Dictionary((comparison?.statements ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var header = ["statement-id", "text", "agree", "disagree", "pass", "group-informed-consensus"]
            for group in groups { header += ["\(group) agree", "\(group) disagree", "\(group) pass"] }
            var overall: [String: VoteTally] = [:]
            let matrix = try? VoteMatrix(conversation.voting, onlyParticipants: conversation.declaredGroups.map { Set($0.keys) })
            if let matrix {
                for votes in matrix.rows {
                    for vote in votes { overall[matrix.statements[vote.statement].id, default: VoteTally()].add(vote.choice) }
                }
            }
            let rows = analysis.statements.map { statement -> [String] in
                let tally = overall[statement.id] ?? VoteTally()
                var row = [statement.id, statement.text, String(tally.agree), String(tally.disagree), String(tally.pass),
                           across[statement.id].map { String($0.groupInformedConsensus) } ?? ""]
                for group in groups {
                    let groupTally = across[statement.id]?.byGroup[group] ?? VoteTally()
                    row += [String(groupTally.agree), String(groupTally.disagree), String(groupTally.pass)]
                }
                return row
            }
            files["statements.csv"] = CSVWriter.document(header: header, rows: rows)
        }
        if !report.counting.isEmpty {
            let rows = report.counting.flatMap { row -> [[String]] in
                let ways = [("phones", row.phones)] + row.paper.map { ($0.method.rawValue, $0.tally) } + [("all-together", row.together)]
                return ways.map { [row.id, row.text, $0.0, String($0.1.agree), String($0.1.disagree), String($0.1.pass)] }
            }
            files["vote-counts.csv"] = CSVWriter.document(header: ["statement-id", "text", "counted-by", "agree", "disagree", "pass"], rows: rows)
        }
        if !report.themes.isEmpty {
            files["themes.csv"] = CSVWriter.document(header: ["theme", "contribution"], rows: report.themes.flatMap { theme in theme.items.map { [theme.label, $0] } })
        }
        if let equity = report.equity {
            let rows = [("person", equity.byPerson), ("table", equity.byTable), ("group", equity.byGroup)].flatMap { level, shares in
                shares.map { [level, $0.key, String($0.people), String($0.contributions), String($0.turns), String(format: "%.1f", $0.talkSeconds)] }
            }
            files["participation.csv"] = CSVWriter.document(header: ["level", "key", "people", "contributions", "turns", "talk-seconds"], rows: rows)
        }
        if !report.dotVotes.isEmpty {
            files["dot-votes.csv"] = CSVWriter.document(header: ["option", "dots", "supporters"], rows: report.dotVotes.map { [$0.option.text, String($0.dots), String($0.supporters)] })
        }
        if !report.budget.isEmpty {
            files["budget.csv"] = CSVWriter.document(
                header: ["proposal", "cost", "supporters", "allocated", "funded"],
                rows: report.budget.map { [$0.proposal.title, String($0.proposal.cost), String($0.approvals), String($0.allocated), $0.funded ? "yes" : "no"] })
        }
        if !report.commitments.isEmpty {
            files["commitments.csv"] = CSVWriter.document(header: ["commitment", "owners", "due", "status"], rows: report.commitments.map { [$0.text, $0.owners.joined(separator: "; "), $0.due ?? "", $0.status] })
        }
        return files
    }
}
