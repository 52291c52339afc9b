/// Settings for ``VoteAnalysis/analyze(_:declaredGroups:options:)``.
public struct VoteAnalysisOptions: Sendable, Hashable {
    /// Find opinion groups from the votes even when declared groups are given (for the opinion map).
    public var findOpinionGroups = true
    public var opinionGroups = OpinionGroupOptions()
    /// Settings of Polis's pipeline (the in-conversation rule, cluster counts); its consensus
    /// size is `consensusLimit`.
    public var polis = PolisMath.Options()
    /// Representative statements kept per group.
    public var representativeLimit = 5
    /// Majority-consensus statements kept per side.
    public var consensusLimit = 5
    /// Divisive statements kept.
    public var divisiveLimit = 10

    public init() {}
}

/// Everything the votes say: majority consensus, and consensus, representative and divisive
/// statements across declared groups and across opinion groups found from the votes.
public struct VoteAnalysis: Sendable, Codable, Hashable {
    /// Statements that count (not moderated out), in the order given.
    public var statements: [StatementRecord]
    /// People whose votes count.
    public var participants: [String]
    /// Number of counted votes (latest per person and statement).
    public var voteCount: Int
    /// Statements most of everyone agrees or disagrees with.
    public var majorityConsensus: MajorityConsensus
    /// Comparison across declared groups, when groups were declared.
    public var declared: GroupComparison?
    /// Opinion groups found from the votes, with the opinion map.
    public var opinionGroups: OpinionGroups?
    /// Polis's pipeline over every voter: PCA, map positions, the in-conversation set, clusters.
    public var polis: PolisMath?
    /// Comparison across opinion groups, when they could be found.
    public var opinion: GroupComparison?

    /// The comparison the headline figures use: declared groups when given, else opinion groups.
    public var primary: GroupComparison? { declared ?? opinion }

    /// A statement by id.
    public func statement(_ id: String) -> StatementRecord? { statements.first { $0.id == id } }

    /// Analyses `data`.
    ///
    /// With `declaredGroups`, group figures are over the people listed there; majority consensus
    /// and the opinion map are over every voter, as in Polis. Throws for a vote on an unknown
    /// statement, or when no vote counts at all.
    public static func analyze(
        _ data: VotingData, declaredGroups: DeclaredGroups? = nil, options: VoteAnalysisOptions = VoteAnalysisOptions()
    ) throws(HarvestError) -> VoteAnalysis {
        if data.statements.allSatisfy(\.moderatedOut) {
            throw HarvestError(file: "statements", problem: "there are no statements to analyse (none, or all rejected by moderation); add statements and votes first")
        }
        // The votes are sorted, deduplicated and replayed once; every matrix below is built from that.
        let resolved = try ResolvedVotes(data, minimumVotes: options.polis.minimumVotes, greedyParticipants: options.polis.greedyParticipants)
        let only = declaredGroups.map { Set($0.keys) }
        let matrix = VoteMatrix(resolved, statements: data.statements, onlyParticipants: only)
        guard matrix.voteCount > 0 else {
            let reason = declaredGroups == nil ? "nobody has voted yet" : "none of the people in the groups file voted"
            throw HarvestError(file: "votes", problem: "there are no votes to analyse: \(reason)")
        }

        var declared: GroupComparison?
        if let declaredGroups {
            var membership: [Int: String] = [:]
            for (index, person) in matrix.participants.enumerated() { membership[index] = declaredGroups[person] }
            declared = GroupComparison.compare(
                matrix, membership: membership, kind: .declared,
                representativeLimit: options.representativeLimit, divisiveLimit: options.divisiveLimit)
        }

        var polisOptions = options.polis
        polisOptions.consensusLimit = options.consensusLimit
        let polis = PolisMath(resolved, statements: data.statements, options: polisOptions)
        var opinionGroups: OpinionGroups?
        var opinion: GroupComparison?
        let found: OpinionGroups?
        if declaredGroups == nil || options.findOpinionGroups {
            switch options.opinionGroups.method {
            case .polis: found = OpinionGroups.polis(polis)
            case .kMeans: found = OpinionGroups.find(matrix, options: options.opinionGroups)
            }
        } else {
            found = nil
        }
        if let found {
            // Opinion groups are over everyone who voted, not only the people in --groups.
            let everyone = declaredGroups == nil ? matrix : VoteMatrix(resolved, statements: data.statements)
            opinionGroups = found
            var membership: [Int: String] = [:]
            for (index, person) in everyone.participants.enumerated() { membership[index] = found.membership[person] }
            opinion = GroupComparison.compare(
                everyone, membership: membership, kind: .opinion, groupNames: found.groupNames,
                representativeLimit: options.representativeLimit, divisiveLimit: options.divisiveLimit)
        }

        return VoteAnalysis(
            statements: matrix.statements, participants: matrix.participants, voteCount: matrix.voteCount,
            majorityConsensus: polis.consensus,
            declared: declared, opinionGroups: opinionGroups, polis: polis, opinion: opinion)
    }
}

/// The compact, Polis-comparable JSON that `cocreate analyze --json` prints.
public struct VoteAnalysisSummary: Sendable, Codable, Hashable {
    public struct GroupVotes: Sendable, Codable, Hashable {
        public var agree: Int
        public var disagree: Int
        public var pass: Int
        public var votes: Int
    }
    public struct Comment: Sendable, Codable, Hashable {
        public var id: String
        public var gic: Double
        public var agree: Int
        public var disagree: Int
        public var pass: Int
        public var groups: [String: GroupVotes]
    }
    public struct Consensus: Sendable, Codable, Hashable {
        public var agree: [String]
        public var disagree: [String]
    }
    public struct Divisive: Sendable, Codable, Hashable {
        public var id: String
        public var spread: Double
    }
    /// Polis's PCA: `components[i]` and `center` are in the order of `statements`; the center is
    /// in cocreate's sign (agree +1), the negative of Polis's.
    public struct PCA: Sendable, Codable, Hashable {
        public var components: [[Double]]
        public var center: [Double]
        public var statements: [String]
    }
    /// Every voter on the map; `group` is null for people outside the in-conversation set.
    public struct Participant: Sendable, Codable, Hashable {
        public var id: String
        public var x: Double
        public var y: Double
        public var group: String?
        public var inConversation: Bool
    }
    /// A representative statement, in Polis's order; `repness` is ra (or rd).
    public struct Representative: Sendable, Codable, Hashable {
        public var id: String
        public var direction: String
        public var agree: Int
        public var disagree: Int
        public var seen: Int
        public var repness: Double
    }

    /// `declared` or `opinion`.
    public var groupSource: String
    /// Participant id to group.
    public var groups: [String: String]
    public var comments: [Comment]
    public var representative: [String: [Representative]]
    public var consensus: Consensus
    public var divisive: [Divisive]
    /// Silhouette of the opinion groups, when they were found from the votes.
    public var silhouette: Double?
    public var pca: PCA?
    public var participants: [Participant]
    /// Statements every group agrees with by the lower end of its 90% interval.
    public var agreedAcrossGroups: [String]
    /// People who voted but are not on the map: too few votes for Polis's in-conversation rule.
    public var leftOutForFewVotes: Int
    /// True when the opinion groups are tentative: too few people on the map to rely on them.
    public var tentative: Bool

    public init(_ analysis: VoteAnalysis) {
        let comparison = analysis.primary
        groupSource = comparison?.kind.rawValue ?? "none"
        groups = comparison?.members ?? [:]
        comments = (comparison?.statements ?? []).map { statement in
            Comment(
                id: statement.id, gic: statement.groupInformedConsensus,
                agree: statement.total.agree, disagree: statement.total.disagree, pass: statement.total.pass,
                groups: statement.byGroup.mapValues { GroupVotes(agree: $0.agree, disagree: $0.disagree, pass: $0.pass, votes: $0.votes) })
        }
        representative = (comparison?.representative ?? [:]).mapValues { picks in
            picks.map { Representative(id: $0.id, direction: $0.side.rawValue, agree: $0.tally.agree, disagree: $0.tally.disagree, seen: $0.tally.votes, repness: $0.representativeness) }
        }
        consensus = Consensus(agree: analysis.majorityConsensus.agree.map(\.id), disagree: analysis.majorityConsensus.disagree.map(\.id))
        divisive = (comparison?.divisive ?? []).map { Divisive(id: $0.id, spread: $0.spread) }
        silhouette = comparison?.kind == .opinion ? analysis.opinionGroups?.silhouette : nil
        agreedAcrossGroups = comparison?.agreedAcrossGroups ?? []
        leftOutForFewVotes = analysis.polis?.leftOutForFewVotes ?? 0
        tentative = comparison?.kind == .opinion && analysis.opinionGroups?.tentative == true
        if let polis = analysis.polis {
            pca = PCA(components: polis.components, center: polis.center, statements: polis.statements)
            let groups = analysis.opinionGroups?.membership ?? [:]
            participants = polis.participants.indices.map { index in
                let id = polis.participants[index]
                return Participant(id: id, x: polis.x[index], y: polis.y[index], group: groups[id], inConversation: polis.inConversation[index])
            }
        } else {
            participants = []
        }
    }
}
