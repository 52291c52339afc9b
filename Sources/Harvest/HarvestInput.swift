import Memberwise

/// How one person voted on one statement.
public enum VoteChoice: Int, Sendable, Codable, Hashable, CaseIterable {
    case disagree = -1
    case pass = 0
    case agree = 1
}

/// One vote as cast. Several records for the same person and statement may exist;
/// the latest (by `time`, then by order given) counts.
@PublicMemberwiseInit
public struct VoteRecord: Sendable, Codable, Hashable {
    public var participant: String
    public var statement: String
    public var choice: VoteChoice
    /// Milliseconds since 1970, or any increasing number; only the order matters.
    public var time: Int64
}

/// A statement people vote on (a Polis comment).
public struct StatementRecord: Sendable, Codable, Hashable {
    public var id: String
    public var text: String
    public var authorID: String?
    /// True when the facilitator rejected it (Polis `moderated = -1`): left out of the analysis.
    public var moderatedOut: Bool
    /// True for a statement about the voter rather than the question (Polis `is_meta`, e.g.
    /// "I work in the NGO sector"): counted and shown, but kept out of the opinion map, the
    /// representative statements and the consensus, as Polis keeps it out of its math.
    public var isMeta: Bool
    /// The statement in other languages; its votes are one tally whichever wording people read.
    public var translations: [TranslatedText]

    public init(id: String, text: String, authorID: String? = nil, moderatedOut: Bool = false, isMeta: Bool = false, translations: [TranslatedText] = []) {
        self.id = id
        self.text = text
        self.authorID = authorID
        self.moderatedOut = moderatedOut
        self.isMeta = isMeta
        self.translations = translations
    }

    private enum CodingKeys: String, CodingKey { case id, text, authorID, moderatedOut, isMeta, translations }

    // Conversations saved before `isMeta` existed have no such field.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        id = try values.decode(String.self, forKey: .id)
        text = try values.decode(String.self, forKey: .text)
        authorID = try values.decodeIfPresent(String.self, forKey: .authorID)
        moderatedOut = try values.decode(Bool.self, forKey: .moderatedOut)
        isMeta = try values.decodeIfPresent(Bool.self, forKey: .isMeta) ?? false
        translations = try values.decodeIfPresent([TranslatedText].self, forKey: .translations) ?? []
    }
}

/// A text in a named language (a BCP 47 tag such as `cy`), shown with `lang` so it is read and spoken right.
public struct TranslatedText: Sendable, Codable, Hashable {
    public var language: String
    public var text: String

    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

/// Declared groups: participant id to the stakeholder group they declared (students, staff ...).
public typealias DeclaredGroups = [String: String]

/// Everything the vote analysis needs: the statements and the votes.
extension VotingData {
    /// Each voter's latest vote on each statement (by time, then by order in `votes`), in no
    /// order: what the counts of the exports and the report are of.
    public var latestVotes: [VoteRecord] {
        var latest: [String: (vote: VoteRecord, index: Int)] = [:]
        for (index, vote) in votes.enumerated() {
            let key = vote.participant + "\u{1F}" + vote.statement
            if let seen = latest[key], (seen.vote.time, seen.index) > (vote.time, index) { continue }
            latest[key] = (vote, index)
        }
        return latest.values.map(\.vote)
    }
}

@PublicMemberwiseInit
public struct VotingData: Sendable, Codable, Hashable {
    public var statements: [StatementRecord]
    public var votes: [VoteRecord]
}
