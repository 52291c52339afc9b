/// How one person voted on one statement.
public enum VoteChoice: Int, Sendable, Codable, Hashable, CaseIterable {
    case disagree = -1
    case pass = 0
    case agree = 1
}

/// One vote as cast. Several records for the same person and statement may exist;
/// the latest (by `time`, then by order given) counts.
public struct VoteRecord: Sendable, Codable, Hashable {
    public var participant: String
    public var statement: String
    public var choice: VoteChoice
    /// Milliseconds since 1970, or any increasing number; only the order matters.
    public var time: Int64

    public init(participant: String, statement: String, choice: VoteChoice, time: Int64) {
        self.participant = participant
        self.statement = statement
        self.choice = choice
        self.time = time
    }
}

/// A statement people vote on (a Polis comment).
public struct StatementRecord: Sendable, Codable, Hashable {
    public var id: String
    public var text: String
    public var authorID: String?
    /// True when the facilitator rejected it (Polis `moderated = -1`): left out of the analysis.
    public var moderatedOut: Bool

    public init(id: String, text: String, authorID: String? = nil, moderatedOut: Bool = false) {
        self.id = id
        self.text = text
        self.authorID = authorID
        self.moderatedOut = moderatedOut
    }
}

/// Declared groups: participant id to the stakeholder group they declared (students, staff ...).
public typealias DeclaredGroups = [String: String]

/// Everything the vote analysis needs: the statements and the votes.
public struct VotingData: Sendable, Codable, Hashable {
    public var statements: [StatementRecord]
    public var votes: [VoteRecord]

    public init(statements: [StatementRecord], votes: [VoteRecord]) {
        self.statements = statements
        self.votes = votes
    }
}
