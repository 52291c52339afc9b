/// Reads the CSV files of a Polis export (`comments.csv`, `votes.csv`, `participants-votes.csv`).
///
/// Polis writes agree as `1`, disagree as `-1` and pass as `0` in `votes.csv`; this was checked
/// against the `agrees`/`disagrees` columns of `comments.csv` and the vote matrix in
/// `participants-votes.csv` of the open data sets.
public enum PolisExport {
    /// Statements from `comments.csv`. Needs the columns `comment-id` and `comment-body`;
    /// `author-id`, `moderated` (`-1` means rejected) and `is-meta` are used when present.
    public static func statements(fromCommentsCSV text: String, fileName: String = "comments.csv") throws(HarvestError) -> [StatementRecord] {
        let table = try CSVTable(parsing: text, fileName: fileName)
        let idColumn = try table.column("comment-id")
        let bodyColumn = try table.column("comment-body")
        let authorColumn = table.optionalColumn("author-id")
        let moderatedColumn = table.optionalColumn("moderated")
        let metaColumn = table.optionalColumn("is-meta")
        var seen = Set<String>()
        var statements: [StatementRecord] = []
        statements.reserveCapacity(table.rows.count)
        for row in table.rows {
            let id = try table.field(row, idColumn).trimmingSpaces()
            guard !id.isEmpty else {
                throw HarvestError(file: fileName, line: row.line, column: "comment-id", problem: "the comment id is empty")
            }
            guard seen.insert(id).inserted else {
                throw HarvestError(file: fileName, line: row.line, column: "comment-id", problem: "comment id \(id) appears twice; each comment needs its own id")
            }
            var moderatedOut = false
            if let moderatedColumn {
                let value = try table.field(row, moderatedColumn).trimmingSpaces()
                switch value {
                case "-1": moderatedOut = true
                case "0", "1", "": moderatedOut = false
                default:
                    throw HarvestError(file: fileName, line: row.line, column: "moderated", problem: "\"\(value)\" is not a moderation state; allowed are -1 (rejected), 0 (unmoderated) and 1 (accepted)")
                }
            }
            let isMeta = try metaColumn.map { column throws(HarvestError) in
                ["true", "1"].contains(try table.field(row, column).trimmingSpaces().lowercased())
            } ?? false
            let author = try authorColumn.map { column throws(HarvestError) in try table.field(row, column).trimmingSpaces() }
            statements.append(StatementRecord(
                id: id, text: try table.field(row, bodyColumn),
                authorID: (author?.isEmpty ?? true) ? nil : author, moderatedOut: moderatedOut, isMeta: isMeta))
        }
        return statements
    }

    /// Votes from `votes.csv`. Needs `comment-id`, `voter-id` and `vote` (1, -1 or 0);
    /// `timestamp` orders repeated votes when present, otherwise the order of lines does.
    /// When `knownStatements` is given, a vote for any other comment id is an error.
    public static func votes(fromVotesCSV text: String, fileName: String = "votes.csv", knownStatements: Set<String>? = nil) throws(HarvestError) -> [VoteRecord] {
        let table = try CSVTable(parsing: text, fileName: fileName)
        let commentColumn = try table.column("comment-id")
        let voterColumn = try table.column("voter-id")
        let voteColumn = try table.column("vote")
        let timeColumn = table.optionalColumn("timestamp")
        var votes: [VoteRecord] = []
        votes.reserveCapacity(table.rows.count)
        for (order, row) in table.rows.enumerated() {
            let comment = try table.field(row, commentColumn).trimmingSpaces()
            if let knownStatements, !knownStatements.contains(comment) {
                throw HarvestError(file: fileName, line: row.line, column: "comment-id", problem: "a vote for comment \"\(comment)\", which is not in comments.csv; every vote must name a comment listed there")
            }
            let voter = try table.field(row, voterColumn).trimmingSpaces()
            guard !voter.isEmpty else {
                throw HarvestError(file: fileName, line: row.line, column: "voter-id", problem: "the voter id is empty")
            }
            let rawVote = try table.field(row, voteColumn).trimmingSpaces()
            guard let number = Int(rawVote), let choice = VoteChoice(rawValue: number) else {
                throw HarvestError(file: fileName, line: row.line, column: "vote", problem: "\"\(rawVote)\" is not a vote; allowed are 1 (agree), -1 (disagree) and 0 (pass)")
            }
            var time = Int64(order)
            if let timeColumn {
                let rawTime = try table.field(row, timeColumn).trimmingSpaces()
                guard let parsed = Int64(rawTime) else {
                    throw HarvestError(file: fileName, line: row.line, column: "timestamp", problem: "\"\(rawTime)\" is not a timestamp; expected whole milliseconds since 1970")
                }
                time = parsed
            }
            votes.append(VoteRecord(participant: voter, statement: comment, choice: choice, time: time))
        }
        return votes
    }

    /// The `group-id` column of `participants-votes.csv` as declared groups.
    /// Participants with an empty group id (Polis left them unclustered) are left out.
    public static func groups(fromParticipantsVotesCSV text: String, fileName: String = "participants-votes.csv") throws(HarvestError) -> DeclaredGroups {
        let table = try CSVTable(parsing: text, fileName: fileName)
        return try groups(from: table, participantColumn: "participant", groupColumn: "group-id")
    }

    /// A CSV of participant and group: the header must name a participant column
    /// (`participant`, `participant-id` or `voter-id`) and a group column (`group`, `group-id` or `stakeholder`).
    /// Rows with an empty group are left out.
    public static func groups(fromGroupsCSV text: String, fileName: String) throws(HarvestError) -> DeclaredGroups {
        let table = try CSVTable(parsing: text, fileName: fileName)
        guard let participant = ["participant", "participant-id", "voter-id", "pid"].first(where: { table.optionalColumn($0) != nil }) else {
            throw HarvestError(file: fileName, line: 1, problem: "the header needs a participant column named participant, participant-id or voter-id; it has \(table.header.joined(separator: ", "))")
        }
        guard let group = ["group", "group-id", "stakeholder"].first(where: { table.optionalColumn($0) != nil }) else {
            throw HarvestError(file: fileName, line: 1, problem: "the header needs a group column named group, group-id or stakeholder; it has \(table.header.joined(separator: ", "))")
        }
        return try groups(from: table, participantColumn: participant, groupColumn: group)
    }

    private static func groups(from table: CSVTable, participantColumn: String, groupColumn: String) throws(HarvestError) -> DeclaredGroups {
        let participantIndex = try table.column(participantColumn)
        let groupIndex = try table.column(groupColumn)
        var groups: DeclaredGroups = [:]
        for row in table.rows {
            let participant = try table.field(row, participantIndex).trimmingSpaces()
            let group = try table.field(row, groupIndex).trimmingSpaces()
            guard !participant.isEmpty, !group.isEmpty else { continue }
            if let previous = groups[participant], previous != group {
                throw HarvestError(file: table.fileName, line: row.line, column: participantColumn, problem: "participant \(participant) is listed in group \"\(previous)\" and again in \"\(group)\"; give each person one group")
            }
            groups[participant] = group
        }
        return groups
    }

    /// Reads a whole export given the text of its files.
    public static func votingData(commentsCSV: String, votesCSV: String) throws(HarvestError) -> VotingData {
        let statements = try statements(fromCommentsCSV: commentsCSV)
        let votes = try votes(fromVotesCSV: votesCSV, knownStatements: Set(statements.map(\.id)))
        return VotingData(statements: statements, votes: votes)
    }
}

extension PolisExport {
    /// The key,value lines of Polis's `summary.csv` (topic, url, voters, conversation-description ...).
    /// The file has no header; malformed lines are ignored because it only supplies titles.
    public static func summary(fromSummaryCSV text: String) -> [String: String] {
        guard let table = try? CSVTable(parsing: text, fileName: "summary.csv") else { return [:] }
        var fields: [String: String] = [:]
        for row in [table.header] + table.rows.map(\.fields) where row.count >= 2 {
            fields[row[0].trimmingSpaces()] = row[1]
        }
        return fields
    }
}
