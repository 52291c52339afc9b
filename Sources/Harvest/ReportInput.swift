/// Everything the one-page report shows, ready to draw. Build it with
/// ``HarvestReportInput/init(conversation:analysis:)`` (or ``HarvestReport/build(_:)``) and render it
/// with ``HarvestReport/html(_:)``.
public struct HarvestReportInput: Sendable, Codable, Hashable {
    /// A statement with its per-group votes, for bars.
    public struct StatementRow: Sendable, Codable, Hashable {
        public var id: String
        public var text: String
        public var total: VoteTally
        /// In group display order.
        public var groups: [GroupVotes]
        /// Group-informed consensus, when groups exist.
        public var consensus: Double?
        public var translations: [TranslatedText] = []
    }
    public struct GroupVotes: Sendable, Codable, Hashable {
        public var group: String
        public var tally: VoteTally
    }
    public struct ThemeSection: Sendable, Codable, Hashable {
        public var label: String
        public var items: [String]
    }
    public struct GroupCount: Sendable, Codable, Hashable {
        public var group: String
        public var people: Int
    }
    public struct MapPoint: Sendable, Codable, Hashable {
        public var x: Double
        public var y: Double
        /// Opinion group (colour and letter).
        public var opinionGroup: String
        /// Declared group (marker shape), when known.
        public var declaredGroup: String?
    }
    public struct RepresentativeRow: Sendable, Codable, Hashable {
        public var group: String
        public var side: RepresentativeStatement.Side
        public var statement: StatementRow
    }

    public var title: String
    public var question: String
    public var details: String
    public var date: String
    /// Who took part, by declared group (no names).
    public var participation: [GroupCount]
    public var participantCount: Int
    /// Names, only when the facilitator chose to show them.
    public var names: [String]
    public var themes: [ThemeSection]
    /// Which groups the consensus figures are across.
    public var groupKind: GroupKind?
    public var groupNames: [String]
    /// Top statements by group-informed consensus, whether or not every group agrees.
    public var consensus: [StatementRow]
    /// Statements every group agrees with: in each group the lower end of the 90% interval of the agree share
    /// reaches ``agreementThreshold``. Highest consensus first.
    public var agreed: [StatementRow]
    /// The share every group's interval must reach for a statement to be called agreed.
    public var agreementThreshold: Double
    /// People who voted but are not on the opinion map: too few votes for Polis's rule.
    public var leftOutOfMap: Int
    /// True when the opinion groups are a sketch: too few people on the map to rely on them.
    public var tentativeGroups: Bool
    /// Majority agreement (everyone counted).
    public var majorityAgree: [StatementRow]
    public var majorityDisagree: [StatementRow]
    public var divisive: [StatementRow]
    /// Every statement in the order it was put to the room, each with its one tally.
    public var everyStatement: [StatementRow]
    public var representative: [RepresentativeRow]
    public var opinionMap: [MapPoint]
    public var opinionGroupCount: Int
    /// Silhouette of the opinion groups.
    public var opinionGroupStrength: Double?
    public var equity: ParticipationEquity?
    public var dotVotes: [DotVoting.Result]
    public var budget: [ParticipatoryBudget.Result]
    public var budgetTotal: Double?
    public var commitments: [CommitmentSummary]
    /// How each statement's votes were cast (phones, paper ballots, a show of hands); empty when
    /// every vote was cast on a phone.
    public var counting: [CountedStatement]
    /// Cautions (small rooms, weak groups ...), in the report's words.
    public var notes: [ReportNote]
}

/// A caution the report gives, as a key of ``ReportWords`` and the values it names. Written out
/// (`harvest.json`) it carries its English `text` too, for a person reading the file.
public struct ReportNote: Sendable, Codable, Hashable {
    public var key: String
    public var values: [String: String]

    public init(_ key: String, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    private enum CodingKeys: String, CodingKey { case key, values, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        values = try container.decodeIfPresent([String: String].self, forKey: .values) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(values, forKey: .values)
        try container.encode(ReportWords.english(key, values), forKey: .text)
    }
}
