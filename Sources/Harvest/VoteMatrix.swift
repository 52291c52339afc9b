/// The votes that count, indexed for fast arithmetic: one (latest) vote per person and statement,
/// only on statements that were not moderated out, only from the people who count.
public struct VoteMatrix: Sendable {
    /// Statements that count, in the order given.
    public let statements: [StatementRecord]
    /// People who cast at least one counted vote, in natural order of their ids.
    public let participants: [String]
    /// For each participant (same order), their votes as (statement index, choice), by statement index.
    public let votesByParticipant: [[(statement: Int, choice: VoteChoice)]]

    /// Resolves `data`: the latest vote per person and statement wins (ties: the later record),
    /// rejected statements are left out, and when `onlyParticipants` is given nobody else counts.
    /// Throws when a vote names a statement that does not exist.
    public init(_ data: VotingData, onlyParticipants: Set<String>? = nil) throws(HarvestError) {
        var statementIndex: [String: Int] = [:]
        var moderated = Set<String>()
        var kept: [StatementRecord] = []
        for statement in data.statements {
            if statement.moderatedOut { moderated.insert(statement.id); continue }
            statementIndex[statement.id] = kept.count
            kept.append(statement)
        }
        statements = kept

        // Stable order by time, so among equal times the later record wins.
        let times = data.votes.map(\.time)
        let order = times.indices.sorted { lhs, rhs in
            times[lhs] != times[rhs] ? times[lhs] < times[rhs] : lhs < rhs
        }
        var participantIndex: [String: Int] = [:]
        var names: [String] = []
        var latest: [Int: VoteChoice] = [:]
        latest.reserveCapacity(data.votes.count)
        let width = max(kept.count, 1)
        for position in order {
            let vote = data.votes[position]
            guard let statement = statementIndex[vote.statement] else {
                if moderated.contains(vote.statement) { continue }
                throw HarvestError(file: "votes", problem: "participant \(vote.participant) voted on statement \"\(vote.statement)\", which does not exist; every vote must name a known statement")
            }
            if let onlyParticipants, !onlyParticipants.contains(vote.participant) { continue }
            let person: Int
            if let known = participantIndex[vote.participant] {
                person = known
            } else {
                person = names.count
                participantIndex[vote.participant] = person
                names.append(vote.participant)
            }
            latest[person * width + statement] = vote.choice
        }

        let sortedPeople = names.indices.sorted { naturalOrder(names[$0], names[$1]) }
        var newIndex = [Int](repeating: 0, count: names.count)
        for (position, old) in sortedPeople.enumerated() { newIndex[old] = position }
        var byParticipant = [[(statement: Int, choice: VoteChoice)]](repeating: [], count: names.count)
        for (key, choice) in latest {
            byParticipant[newIndex[key / width]].append((key % width, choice))
        }
        for index in byParticipant.indices { byParticipant[index].sort { $0.statement < $1.statement } }
        participants = sortedPeople.map { names[$0] }
        votesByParticipant = byParticipant
    }

    /// Number of counted votes.
    public var voteCount: Int { votesByParticipant.reduce(0) { $0 + $1.count } }
}

/// Orders ids numerically when both are whole numbers, otherwise as text.
func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    switch (Int(lhs), Int(rhs)) {
    case let (a?, b?): return a < b
    case (_?, nil): return true
    case (nil, _?): return false
    case (nil, nil): return lhs < rhs
    }
}

/// Agree, disagree and pass counts of one statement within one set of people.
public struct VoteTally: Sendable, Codable, Hashable {
    public var agree = 0
    public var disagree = 0
    public var pass = 0

    public init(agree: Int = 0, disagree: Int = 0, pass: Int = 0) {
        self.agree = agree
        self.disagree = disagree
        self.pass = pass
    }

    /// All votes seen, passes included (Polis's S).
    public var votes: Int { agree + disagree + pass }
    /// Share of votes that agree (0 when nobody voted).
    public var agreeRate: Double { votes == 0 ? 0 : Double(agree) / Double(votes) }
    public var disagreeRate: Double { votes == 0 ? 0 : Double(disagree) / Double(votes) }
    public var passRate: Double { votes == 0 ? 0 : Double(pass) / Double(votes) }

    mutating func add(_ choice: VoteChoice) {
        switch choice {
        case .agree: agree += 1
        case .disagree: disagree += 1
        case .pass: pass += 1
        }
    }

    static func + (lhs: VoteTally, rhs: VoteTally) -> VoteTally {
        VoteTally(agree: lhs.agree + rhs.agree, disagree: lhs.disagree + rhs.disagree, pass: lhs.pass + rhs.pass)
    }
}
